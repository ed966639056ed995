using QueryEngine.Engine.Catalog;
using QueryEngine.Engine.Common;
using QueryEngine.Engine.Formats;
using QueryEngine.Engine.Storage;

namespace QueryEngine.Engine.Session.Statements;

/// <summary>
/// MSCK REPAIR TABLE: lists the table location once (recursively), finds the Hive-style folders
/// <c>k1=v1/k2=v2/...</c> that hold data files (keys in the table's key order, names case-insensitive, values
/// %-unescaped, hidden files ignored), and adds the partitions the catalog lacks in one transaction. Like Hive and
/// Athena it only adds: partitions whose folders are gone stay. Returns the added partitions' names.
/// </summary>
internal sealed class MsckRepair(QuerySession session)
{
    public StatementResult Run(TableInfo table, SourceSpan span)
    {
        if (table.PartitionKeys.Count == 0) throw new SemanticException($"Table '{table.Database}.{table.Name}' is not partitioned", span);
        var location = table.Storage.Location;
        if (string.IsNullOrEmpty(location)) throw new SemanticException($"Table '{table.Database}.{table.Name}' has no location", span);

        var found = new SortedDictionary<string, (string Folder, string[] Values)>(StringComparer.Ordinal);
        foreach (var file in StoreFor(location).List(location, recursive: true))
        {
            if (TableFiles.IsHidden(file.RelativePath)) continue;
            if (TryPartitionFolder(table, file.RelativePath, out var folder, out var values))
            {
                found.TryAdd(PartitionNames.Of(table.PartitionKeys, values), (folder, values));
            }
        }
        var existing = session.Catalog.ListPartitionNames(table.Database, table.Name).ToHashSet(StringComparer.Ordinal);
        var now = DateTimeOffset.UtcNow;
        var missing = found.Where(f => !existing.Contains(f.Key)).ToArray();
        var partitions = missing.Select(f => new PartitionInfo(
            table.Database,
            table.Name,
            f.Value.Values,
            table.Storage with { Location = CatalogRules.ChildLocation(location, f.Value.Folder) })
        {
            CreateTime = now,
        }).ToArray();
        if (partitions.Length > 0) session.Catalog.AddPartitions(table.Database, table.Name, partitions, ifNotExists: true);
        return TextResult.Create(["partition"], missing.Select(f => new string?[] { f.Key }));
    }

    /// <summary>
    /// True when the file's folders start with one <c>key=value</c> segment per partition key in key order; gives the
    /// folder path as written and the unescaped values.
    /// </summary>
    private static bool TryPartitionFolder(TableInfo table, string relativePath, out string folder, out string[] values)
    {
        var keys = table.PartitionKeys;
        values = new string[keys.Count];
        folder = string.Empty;
        var segments = relativePath.Split('/');
        if (segments.Length <= keys.Count) return false;
        for (var k = 0; k < keys.Count; k++)
        {
            var segment = segments[k];
            var eq = segment.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0 || !string.Equals(PartitionNames.Unescape(segment[..eq]), keys[k].Name, StringComparison.OrdinalIgnoreCase)) return false;
            var value = PartitionNames.Unescape(segment[(eq + 1)..]);
            if (value.Length == 0) return false;
            values[k] = value;
        }
        folder = string.Join('/', segments, 0, keys.Count);
        return true;
    }

    private IObjectStore StoreFor(string location)
    {
        if (TableSourceFactories.FilesOf(session.Sources) is { } files) return files.StoreFor(location);
        if (!location.Contains("://", StringComparison.Ordinal)) return new LocalObjectStore();
        throw new NotSupportedQueryException($"MSCK REPAIR TABLE cannot list '{location}' with this session's table sources");
    }
}
