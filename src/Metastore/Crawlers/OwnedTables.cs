using QueryEngine.Engine.Catalog;

namespace QueryEngine.Metastore.Crawlers;

/// <summary>A table an earlier run of the same crawler wrote under a target, with its folder relative to the target ("" for the target itself).</summary>
internal sealed record OwnedTable(TableInfo Table, string RelativeRoot);

/// <summary>Finds the tables a crawler is responsible for: those its runs wrote (<c>UPDATED_BY_CRAWLER</c>) under one of its targets.</summary>
internal static class OwnedTables
{
    public const string CrawlerParameter = "UPDATED_BY_CRAWLER";

    /// <summary>Set on tables and partitions whose files are gone, under the DEPRECATE delete behavior; its value is the crawler name.</summary>
    public const string DeprecatedParameter = "DEPRECATED_BY_CRAWLER";

    public static List<OwnedTable> Find(ICatalog catalog, string database, string crawlerName, string target)
    {
        var owned = new List<OwnedTable>();
        if (catalog.GetDatabase(database) is null) return owned;
        foreach (var name in catalog.ListTables(database))
        {
            if (catalog.GetTable(database, name) is not { } table) continue;
            if (table.Parameters.GetValueOrDefault(CrawlerParameter) != crawlerName) continue;
            if (RelativeFolder(target, table.Storage.Location) is { } root) owned.Add(new OwnedTable(table, root));
        }
        return owned;
    }

    /// <summary>A location's folder relative to the target, '/'-separated without a trailing '/'; null when it lies elsewhere.</summary>
    public static string? RelativeFolder(string target, string? location)
    {
        if (location is null) return null;
        var folder = Folder(target);
        var normalized = Folder(location);
        if (!normalized.StartsWith(folder, StringComparison.Ordinal)) return null;
        return normalized[folder.Length..].TrimEnd('/');
    }

    public static string Folder(string location) => location.EndsWith('/') ? location : location + "/";
}
