using QueryEngine.Engine.Catalog;
using QueryEngine.Engine.Storage;
using QueryEngine.Metastore.Crawlers.Classification;
using QueryEngine.Metastore.Crawlers.Definitions;
using QueryEngine.Metastore.Crawlers.Layout;

namespace QueryEngine.Metastore.Crawlers;

/// <summary>
/// Writes what a crawl found: creates new tables, updates changed ones (or, under the LOG update behavior, only
/// reports the change) and adds the partitions the catalog does not have yet. New tables and partitions are always
/// added, whatever the policy, as in Glue.
/// </summary>
internal sealed class CatalogWriter(ICatalog catalog, CrawlRequest request, SchemaUpdateBehavior update, CrawlProgress progress)
{
    /// <summary>Writes one planned table; returns its name.</summary>
    public string Write(PlannedTable table, string target)
    {
        var name = request.TablePrefix + table.Name;
        var definition = TableDefinitions.ToTable(table, request.Database, name, target, request.CrawlerName);
        var existing = catalog.GetTable(request.Database, name);
        var partitionsOf = definition;
        if (existing is null)
        {
            catalog.CreateTable(definition, ifNotExists: false);
            progress.Created.Add(name);
        }
        else if (TableDefinitions.SameDefinition(existing, definition) && !existing.Parameters.ContainsKey(OwnedTables.DeprecatedParameter))
        {
            progress.Unchanged.Add(name);
        }
        else if (update == SchemaUpdateBehavior.Log)
        {
            progress.Log.Add($"table {request.Database}.{name}: the crawl found {Describe(definition)} but the catalog has {Describe(existing)}; left unchanged (update behavior LOG)");
            progress.Unchanged.Add(name);
            if (!existing.PartitionKeys.SequenceEqual(definition.PartitionKeys) || existing.Storage.Location != definition.Storage.Location) return name;
            partitionsOf = existing;
        }
        else if (existing.PartitionKeys.SequenceEqual(definition.PartitionKeys))
        {
            catalog.AlterTable(request.Database, name, definition with { CreateTime = existing.CreateTime, Version = existing.Version });
            progress.Updated.Add(name);
        }
        else
        {
            // Hive cannot change partition keys in place: the table is defined anew (its files stay).
            catalog.DropTable(request.Database, name, ifExists: true);
            catalog.CreateTable(definition with { CreateTime = existing.CreateTime }, ifNotExists: false);
            progress.Updated.Add(name);
        }
        var offset = table.RelativeRoot.Length == 0 ? 0 : table.RelativeRoot.Length + 1;
        progress.PartitionsAdded += AddPartitions(partitionsOf, table.Partitions.Select(p => (p.Values, p.RelativeFolder[offset..], p.Files)));
        return name;
    }

    /// <summary>
    /// New folders under an existing partitioned table (the new-folders-only recrawl): each leaf folder at the depth of
    /// the table's partition keys, holding files of the table's format, becomes a partition; other files are skipped.
    /// </summary>
    public void AddNewFolders(OwnedTable owned, IReadOnlyList<CrawledFile> files)
    {
        var table = owned.Table;
        var keys = table.PartitionKeys.Count;
        var classification = table.Parameters.GetValueOrDefault("classification");
        var compression = table.Parameters.GetValueOrDefault("compressionType");
        var offset = owned.RelativeRoot.Length == 0 ? 0 : owned.RelativeRoot.Length + 1;
        var partitions = new List<(IReadOnlyList<string>, string, IReadOnlyList<CrawledFile>)>();
        foreach (var leaf in files.GroupBy(f => string.Join('/', f.Folders), StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var folder = leaf.Key.Length >= offset ? leaf.Key[offset..] : "";
            var segments = folder.Length == 0 ? [] : folder.Split('/');
            string? reason = null;
            if (segments.Length != keys) reason = $"its folder is not at the depth of the partitions of table {table.Database}.{table.Name}";
            else if (leaf.Any(f => ClassificationNames.Name(f.Classified.Classification) != classification || ClassificationNames.Name(f.Classified.Compression) != compression))
            {
                reason = $"its format differs from table {table.Database}.{table.Name} ({classification}, {compression})";
            }
            if (reason is not null)
            {
                foreach (var file in leaf) progress.Skipped.Add((file.Object.Path, reason));
                continue;
            }
            partitions.Add((segments.Select(TableLayout.PartitionValue).ToArray(), folder, leaf.ToList()));
        }
        progress.PartitionsAdded += AddPartitions(table, partitions);
    }

    /// <summary>Registers the partitions the catalog does not have yet, in one transaction; folders are relative to the table's location.</summary>
    private int AddPartitions(TableInfo table, IEnumerable<(IReadOnlyList<string> Values, string Folder, IReadOnlyList<CrawledFile> Files)> found)
    {
        var partitions = new List<PartitionInfo>();
        foreach (var (values, folder, files) in found)
        {
            var location = StorageLocations.Combine(table.Storage.Location!, folder) + "/";
            partitions.Add(new PartitionInfo(table.Database, table.Name, values, table.Storage with { Location = location })
            {
                CreateTime = DateTimeOffset.UtcNow,
                Parameters = PartitionParameters(table, files),
            });
        }
        return partitions.Count == 0 ? 0 : catalog.AddPartitions(table.Database, table.Name, partitions, ifNotExists: true);
    }

    /// <summary>As Glue: the table's format parameters with the partition's own sizes and record count.</summary>
    private static Dictionary<string, string> PartitionParameters(TableInfo table, IReadOnlyList<CrawledFile> files)
    {
        var parameters = TableDefinitions.Statistics(files);
        foreach (var key in TableDefinitions.FormatParameters)
        {
            if (table.Parameters.TryGetValue(key, out var value)) parameters[key] = value;
        }
        return parameters;
    }

    private static string Describe(TableInfo table) =>
        $"({string.Join(", ", table.Columns.Select(c => c.Name + " " + c.HiveType))})"
        + (table.PartitionKeys.Count == 0 ? "" : $" partitioned by ({string.Join(", ", table.PartitionKeys.Select(c => c.Name))})")
        + $" as {table.Parameters.GetValueOrDefault("classification")}";
}
