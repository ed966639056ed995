using QueryEngine.Engine.Catalog;

namespace QueryEngine.Metastore.Store;

/// <summary>Committing a table write (CTAS / INSERT): table, query id, new partitions and statistics in one transaction.</summary>
public abstract partial class RelationalCatalog
{
    public bool CommitWrite(TableWriteCommit commit)
    {
        ArgumentNullException.ThrowIfNull(commit);
        var table = CatalogRules.Normalize(commit.Table);
        var applied = false;
        Write(
            transaction =>
            {
                applied = false;
                if (FindDatabaseId(transaction, table.Database) is not { } databaseId) throw CatalogRules.SchemaNotFound(table.Database);
                if (commit.CreatesTable)
                {
                    if (FindTableIds(transaction, databaseId, table.Name) is not null) throw CatalogRules.TableExists(table.Database, table.Name);
                    InsertTable(transaction, databaseId, table with { Parameters = commit.ParametersWithQueryId(table.Parameters) });
                }
                var stored = RequireTable(transaction, table.Database, table.Name);
                if (!commit.CreatesTable)
                {
                    if (TableWriteCommit.IsCommitted(stored.Info, commit.QueryId)) return;
                    var bumped = DbCommands.Execute(
                        transaction,
                        "UPDATE TBLS SET VERSION = VERSION + 1 WHERE TBL_ID = @id AND VERSION = @version",
                        ("@id", stored.Ids.TableId),
                        ("@version", table.Version));
                    if (bumped == 0) throw CatalogRules.StaleTable(table.Database, table.Name, table.Version, stored.Info.Version);
                    IEnumerable<KeyValuePair<string, string>> parameters = commit.ParametersWithQueryId(stored.Info.Parameters);
                    if (stored.Info.Comment is { } comment) parameters = parameters.Append(new(CatalogRules.CommentParameter, comment));
                    ReplaceParameters(transaction, "TABLE_PARAMS", "TBL_ID", stored.Ids.TableId, parameters);
                }

                if (commit.NewPartitions.Count > 0)
                {
                    var existing = new HashSet<string>(ReadPartitionNames(transaction, stored.Ids.TableId), StringComparer.Ordinal);
                    using var writer = CreatePartitionWriter(transaction, stored.Ids.TableId);
                    var ownColumns = new Dictionary<string, long>(StringComparer.Ordinal);
                    foreach (var partition in commit.NewPartitions)
                    {
                        var normalized = CatalogRules.NormalizePartition(stored.Info, partition);
                        var name = PartitionNames.Of(stored.Info.PartitionKeys, normalized.Values);
                        if (existing.Add(name)) writer.Add(normalized, name, PartitionColumnsId(transaction, normalized, stored.Ids.ColumnsId, ownColumns));
                    }
                    writer.Flush();
                }

                foreach (var s in CatalogRules.NormalizeStatistics(stored.Info, commit.Statistics)) ReplaceStatistics(transaction, "TAB_COL_STATS", "TBL_ID", stored.Ids.TableId, s);
                applied = true;
            },
            onDuplicate: () => new Engine.Common.ConcurrentModificationException(
                $"Another writer changed table '{table.Database}.{table.Name}' at the same time; the write was not committed"));
        return applied;
    }
}
