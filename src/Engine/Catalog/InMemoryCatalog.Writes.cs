namespace QueryEngine.Engine.Catalog;

/// <summary>Committing a table write (CTAS / INSERT) in the in-memory catalog: all under one lock, checked before anything changes.</summary>
public sealed partial class InMemoryCatalog
{
    public bool CommitWrite(TableWriteCommit commit)
    {
        ArgumentNullException.ThrowIfNull(commit);
        var table = CatalogRules.Normalize(commit.Table);
        lock (_lock)
        {
            if (!_databases.TryGetValue(table.Database, out var database)) throw CatalogRules.SchemaNotFound(table.Database);
            TableEntry entry;
            if (commit.CreatesTable)
            {
                if (database.Tables.ContainsKey(table.Name)) throw CatalogRules.TableExists(table.Database, table.Name);
                entry = new TableEntry(table with { Version = 0, Parameters = commit.ParametersWithQueryId(table.Parameters) });
            }
            else
            {
                if (!database.Tables.TryGetValue(table.Name, out var existing)) throw CatalogRules.TableNotFound(table.Database, table.Name);
                if (TableWriteCommit.IsCommitted(existing.Info, commit.QueryId)) return false;
                if (existing.Info.Version != table.Version) throw CatalogRules.StaleTable(table.Database, table.Name, table.Version, existing.Info.Version);
                entry = existing;
            }

            var added = new SortedDictionary<string, PartitionInfo>(StringComparer.Ordinal);
            foreach (var partition in commit.NewPartitions)
            {
                var normalized = CatalogRules.NormalizePartition(entry.Info, partition) with { Version = 0 };
                var name = PartitionNames.Of(entry.Info.PartitionKeys, normalized.Values);
                if (!entry.Partitions.ContainsKey(name)) added.TryAdd(name, normalized);
            }
            var statistics = CatalogRules.NormalizeStatistics(entry.Info, commit.Statistics);

            // Everything is checked: apply.
            if (commit.CreatesTable) database.Tables.Add(table.Name, entry);
            else entry.Info = entry.Info with { Parameters = commit.ParametersWithQueryId(entry.Info.Parameters), Version = entry.Info.Version + 1 };
            foreach (var (name, partition) in added) entry.Partitions.Add(name, partition);
            if (!entry.Statistics.TryGetValue(string.Empty, out var stored)) entry.Statistics[string.Empty] = stored = new(StringComparer.Ordinal);
            foreach (var s in statistics) stored[s.Column] = s;
            return true;
        }
    }
}
