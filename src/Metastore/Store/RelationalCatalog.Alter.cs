using System.Data.Common;
using QueryEngine.Engine.Catalog;

namespace QueryEngine.Metastore.Store;

/// <summary>ALTER TABLE: one transaction that checks the version read, then rewrites the table's rows in place.</summary>
public abstract partial class RelationalCatalog
{
    public void AlterTable(string database, string table, TableInfo updated)
    {
        ArgumentNullException.ThrowIfNull(updated);
        var normalized = CatalogRules.Normalize(updated);
        Write(
            transaction =>
            {
                var stored = RequireTable(transaction, database, table);
                var current = stored.Info;
                CatalogRules.CheckAlter(current, normalized);
                var databaseId = stored.DatabaseId;
                if (normalized.Database != current.Database || normalized.Name != current.Name)
                {
                    databaseId = FindDatabaseId(transaction, normalized.Database) ?? throw CatalogRules.SchemaNotFound(normalized.Database);
                    if (FindTableIds(transaction, databaseId, normalized.Name) is not null) throw CatalogRules.TableExists(normalized.Database, normalized.Name);
                }
                var bumped = DbCommands.Execute(
                    transaction,
                    """
                    UPDATE TBLS SET DB_ID = @db, TBL_NAME = @name, TBL_TYPE = @type, OWNER = @owner, OWNER_TYPE = @ownerType,
                        VIEW_ORIGINAL_TEXT = @original, VIEW_EXPANDED_TEXT = @expanded, VERSION = VERSION + 1
                    WHERE TBL_ID = @id AND VERSION = @version
                    """,
                    ("@db", databaseId),
                    ("@name", normalized.Name),
                    ("@type", ToTableType(normalized.Kind)),
                    ("@owner", normalized.Owner),
                    ("@ownerType", normalized.Owner is null ? null : "USER"),
                    ("@original", normalized.ViewOriginalText),
                    ("@expanded", normalized.ViewExpandedText),
                    ("@id", stored.Ids.TableId),
                    ("@version", normalized.Version));
                if (bumped == 0) throw CatalogRules.StaleTable(current.Database, current.Name, normalized.Version, current.Version);

                IEnumerable<KeyValuePair<string, string>> parameters = normalized.Parameters;
                if (normalized.Comment is { } comment) parameters = parameters.Append(new(CatalogRules.CommentParameter, comment));
                ReplaceParameters(transaction, "TABLE_PARAMS", "TBL_ID", stored.Ids.TableId, parameters);
                RewriteStorage(transaction, stored.Ids, normalized, !normalized.Columns.SequenceEqual(current.Columns));
                DeleteStaleStatistics(transaction, stored.Ids.TableId, CatalogRules.StaleStatisticsColumns(current, normalized));
            },
            onDuplicate: () => CatalogRules.TableExists(normalized.Database, normalized.Name));
    }

    /// <summary>Rewrites the columns, storage descriptor and SerDe rows of a table.</summary>
    private static void RewriteStorage(DbTransaction transaction, TableIds ids, TableInfo table, bool columnsChanged)
    {
        if (columnsChanged && ids.ColumnsId is { } shared && ids.StorageId is { } tableStorage && SharedWithPartitions(transaction, shared, tableStorage))
        {
            // The partitions keep the old descriptor (and so their columns); the table gets a new one.
            var columnsId = InsertColumnDescriptor(transaction, table.Columns);
            DbCommands.Execute(transaction, "UPDATE SDS SET CD_ID = @cd WHERE SD_ID = @id", ("@cd", columnsId), ("@id", tableStorage));
        }
        else if (ids.ColumnsId is { } cd)
        {
            DbCommands.Execute(transaction, "DELETE FROM COLUMNS_V2 WHERE CD_ID = @cd", ("@cd", cd));
            using var command = DbCommands.Create(
                transaction,
                "INSERT INTO COLUMNS_V2 (CD_ID, COMMENT, COLUMN_NAME, TYPE_NAME, INTEGER_IDX) VALUES (@cd, @comment, @name, @type, @idx)",
                ("@cd", cd));
            InsertColumns(command, table.Columns);
        }
        var storage = table.Storage;
        if (ids.StorageId is { } sd)
        {
            DbCommands.Execute(
                transaction,
                "UPDATE SDS SET INPUT_FORMAT = @input, OUTPUT_FORMAT = @output, LOCATION = @location, NUM_BUCKETS = @buckets WHERE SD_ID = @id",
                ("@input", storage.InputFormat),
                ("@output", storage.OutputFormat),
                ("@location", storage.Location),
                ("@buckets", StoredBucketCount(storage)),
                ("@id", sd));
            DbCommands.Execute(transaction, "DELETE FROM BUCKETING_COLS WHERE SD_ID = @id", ("@id", sd));
            InsertBucketColumns(transaction, sd, storage.BucketColumns);
            DbCommands.Execute(transaction, "DELETE FROM SORT_COLS WHERE SD_ID = @id", ("@id", sd));
            InsertSortColumns(transaction, sd, storage.SortColumns);
        }
        if (ids.SerdeId is { } serde)
        {
            DbCommands.Execute(transaction, "UPDATE SERDES SET SLIB = @slib WHERE SERDE_ID = @id", ("@slib", storage.SerdeLibrary), ("@id", serde));
            ReplaceParameters(transaction, "SERDE_PARAMS", "SERDE_ID", serde, storage.SerdeParameters);
        }
    }

    /// <summary>Deletes table and partition statistics of columns that were dropped or changed type.</summary>
    private static void DeleteStaleStatistics(DbTransaction transaction, long tableId, IReadOnlyCollection<string> columns)
    {
        foreach (var column in columns)
        {
            DbCommands.Execute(transaction, "DELETE FROM TAB_COL_STATS WHERE TBL_ID = @tbl AND COLUMN_NAME = @column", ("@tbl", tableId), ("@column", column));
            DbCommands.Execute(
                transaction,
                "DELETE FROM PART_COL_STATS WHERE COLUMN_NAME = @column AND PART_ID IN (SELECT PART_ID FROM PARTITIONS WHERE TBL_ID = @tbl)",
                ("@column", column),
                ("@tbl", tableId));
        }
    }
}
