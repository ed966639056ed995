using QueryEngine.Engine.Catalog;
using QueryEngine.Metastore.Crawlers.Definitions;

namespace QueryEngine.Metastore.Crawlers;

/// <summary>
/// Glue's delete behavior: a table of the crawler whose folder holds no file any more, or a partition whose folder is
/// empty or gone, is marked deprecated (parameter <c>DEPRECATED_BY_CRAWLER</c>), dropped from the catalog, or only
/// logged. Files are never touched. A folder that still holds files (even ones the crawl could not read) is not deleted.
/// </summary>
internal sealed class DeletedObjects(ICatalog catalog, CrawlRequest request, DeletedObjectBehavior behavior, CrawlProgress progress)
{
    /// <param name="owned">The crawler's tables under the target before the crawl.</param>
    /// <param name="written">Names of the tables this crawl found under the target.</param>
    /// <param name="listed">The folders holding files under the target.</param>
    public void Apply(string target, IReadOnlyList<OwnedTable> owned, IReadOnlySet<string> written, FolderIndex listed)
    {
        foreach (var (table, root) in owned)
        {
            if (!listed.HasObjects(root) && !written.Contains(table.Name))
            {
                DeleteTable(table);
                continue;
            }
            if (table.PartitionKeys.Count == 0 || catalog.GetTable(table.Database, table.Name) is null) continue;
            var gone = new List<PartitionInfo>();
            foreach (var partition in catalog.ListPartitions(table.Database, table.Name))
            {
                if (OwnedTables.RelativeFolder(target, partition.Storage?.Location) is { } folder && !listed.HasObjects(folder)) gone.Add(partition);
            }
            if (gone.Count > 0) DeletePartitions(table, gone);
        }
    }

    private void DeleteTable(TableInfo table)
    {
        var name = $"{table.Database}.{table.Name}";
        switch (behavior)
        {
            case DeletedObjectBehavior.Delete:
                catalog.DropTable(table.Database, table.Name, ifExists: true);
                progress.Deleted.Add(table.Name);
                break;
            case DeletedObjectBehavior.Deprecate:
                if (table.Parameters.ContainsKey(OwnedTables.DeprecatedParameter)) break;
                var parameters = new Dictionary<string, string>(table.Parameters) { [OwnedTables.DeprecatedParameter] = request.CrawlerName };
                catalog.AlterTable(table.Database, table.Name, table with { Parameters = parameters });
                progress.Deprecated.Add(table.Name);
                break;
            default:
                progress.Log.Add($"table {name}: no files left under {table.Storage.Location}; left in the catalog (delete behavior LOG)");
                break;
        }
    }

    private void DeletePartitions(TableInfo table, List<PartitionInfo> gone)
    {
        var name = $"{table.Database}.{table.Name}";
        switch (behavior)
        {
            case DeletedObjectBehavior.Delete:
                progress.PartitionsRemoved += catalog.DropPartitions(table.Database, table.Name, gone.Select(p => p.Values).ToList(), ifExists: true);
                break;
            case DeletedObjectBehavior.Deprecate:
                var marked = 0;
                foreach (var partition in gone)
                {
                    if (partition.Parameters.ContainsKey(OwnedTables.DeprecatedParameter)) continue;
                    var parameters = new Dictionary<string, string>(partition.Parameters) { [OwnedTables.DeprecatedParameter] = request.CrawlerName };
                    catalog.AlterPartition(partition with { Parameters = parameters });
                    marked++;
                }
                if (marked > 0) progress.Log.Add($"table {name}: {marked} partition(s) without files marked {OwnedTables.DeprecatedParameter}");
                break;
            default:
                progress.Log.Add($"table {name}: {gone.Count} partition(s) without files left in the catalog (delete behavior LOG)");
                break;
        }
    }
}
