using System.Data.Common;
using QueryEngine.Engine.Catalog;
using QueryEngine.Engine.Common;

namespace QueryEngine.Metastore.Store;

public abstract partial class RelationalCatalog
{
    /// <summary>Hive's TBL_TYPE values.</summary>
    private const string ExternalTable = "EXTERNAL_TABLE";
    private const string ManagedTable = "MANAGED_TABLE";
    private const string VirtualView = "VIRTUAL_VIEW";

    public IReadOnlyList<string> ListTables(string database)
    {
        var key = CatalogRules.NormalizeName(database, "Schema");
        return Read(transaction =>
        {
            if (FindDatabaseId(transaction, key) is not { } id) throw CatalogRules.SchemaNotFound(key);
            using var command = DbCommands.Create(transaction, "SELECT TBL_NAME FROM TBLS WHERE DB_ID = @db", ("@db", id));
            return ReadSortedNames(command);
        });
    }

    public TableInfo? GetTable(string database, string table)
    {
        var databaseKey = CatalogRules.NormalizeName(database, "Schema");
        var tableKey = CatalogRules.NormalizeName(table, "Table");
        return Read(transaction => ReadTable(transaction, databaseKey, tableKey));
    }

    public void CreateTable(TableInfo table, bool ifNotExists)
    {
        var normalized = CatalogRules.Normalize(table);
        Write(
            transaction =>
            {
                if (FindDatabaseId(transaction, normalized.Database) is not { } databaseId) throw CatalogRules.SchemaNotFound(normalized.Database);
                if (FindTableIds(transaction, databaseId, normalized.Name) is not null)
                {
                    if (ifNotExists) return;
                    throw CatalogRules.TableExists(normalized.Database, normalized.Name);
                }
                InsertTable(transaction, databaseId, normalized);
            },
            onDuplicate: () => ifNotExists ? null : CatalogRules.TableExists(normalized.Database, normalized.Name));
    }

    public void DropTable(string database, string table, bool ifExists)
    {
        var databaseKey = CatalogRules.NormalizeName(database, "Schema");
        var tableKey = CatalogRules.NormalizeName(table, "Table");
        Write(transaction =>
        {
            var databaseId = FindDatabaseId(transaction, databaseKey);
            if (databaseId is { } dbId && FindTableIds(transaction, dbId, tableKey) is { } ids)
            {
                DeleteTable(transaction, ids);
                return;
            }
            if (ifExists) return;
            throw databaseId is null ? CatalogRules.SchemaNotFound(databaseKey) : CatalogRules.TableNotFound(databaseKey, tableKey);
        });
    }

    private static TableIds? FindTableIds(DbTransaction transaction, long databaseId, string table)
    {
        using var command = DbCommands.Create(
            transaction,
            "SELECT t.TBL_ID, t.SD_ID, s.CD_ID, s.SERDE_ID FROM TBLS t LEFT JOIN SDS s ON s.SD_ID = t.SD_ID WHERE t.DB_ID = @db AND t.TBL_NAME = @name",
            ("@db", databaseId),
            ("@name", table));
        using var reader = command.ExecuteReader();
        return reader.Read() ? new TableIds(reader.GetInt64(0), reader.NullableInt64(1), reader.NullableInt64(2), reader.NullableInt64(3)) : null;
    }

    /// <summary>Deletes a table's partitions, its row (parameters, partition keys and statistics cascade), then its storage descriptor, columns and SerDe.</summary>
    private static void DeleteTable(DbTransaction transaction, TableIds ids)
    {
        DeletePartitions(transaction, ids.TableId);
        DbCommands.Execute(transaction, "DELETE FROM TBLS WHERE TBL_ID = @id", ("@id", ids.TableId));
        if (ids.StorageId is { } sd)
        {
            DbCommands.Execute(transaction, "DELETE FROM BUCKETING_COLS WHERE SD_ID = @id", ("@id", sd));
            DbCommands.Execute(transaction, "DELETE FROM SDS WHERE SD_ID = @id", ("@id", sd));
        }
        if (ids.ColumnsId is { } cd) DbCommands.Execute(transaction, "DELETE FROM CDS WHERE CD_ID = @id", ("@id", cd));
        if (ids.SerdeId is { } serde) DbCommands.Execute(transaction, "DELETE FROM SERDES WHERE SERDE_ID = @id", ("@id", serde));
    }

    private static void InsertTable(DbTransaction transaction, long databaseId, TableInfo table)
    {
        var columnsId = InsertColumnDescriptor(transaction, table.Columns);

        var storage = table.Storage;
        var serdeId = DbCommands.ScalarInt64(
            transaction,
            "INSERT INTO SERDES (NAME, SLIB) VALUES (NULL, @slib) RETURNING SERDE_ID",
            ("@slib", storage.SerdeLibrary))!.Value;
        InsertParameters(transaction, "SERDE_PARAMS", "SERDE_ID", serdeId, storage.SerdeParameters);
        var storageId = DbCommands.ScalarInt64(
            transaction,
            "INSERT INTO SDS (CD_ID, SERDE_ID, INPUT_FORMAT, OUTPUT_FORMAT, LOCATION, NUM_BUCKETS) VALUES (@cd, @serde, @input, @output, @location, @buckets) RETURNING SD_ID",
            ("@cd", columnsId),
            ("@serde", serdeId),
            ("@input", storage.InputFormat),
            ("@output", storage.OutputFormat),
            ("@location", storage.Location),
            ("@buckets", StoredBucketCount(storage)))!.Value;
        InsertBucketColumns(transaction, storageId, storage.BucketColumns);
        InsertSortColumns(transaction, storageId, storage.SortColumns);

        var tableId = DbCommands.ScalarInt64(
            transaction,
            """
            INSERT INTO TBLS (DB_ID, SD_ID, TBL_NAME, TBL_TYPE, OWNER, OWNER_TYPE, CREATE_TIME, VIEW_ORIGINAL_TEXT, VIEW_EXPANDED_TEXT)
            VALUES (@db, @sd, @name, @type, @owner, @ownerType, @time, @original, @expanded) RETURNING TBL_ID
            """,
            ("@db", databaseId),
            ("@sd", storageId),
            ("@name", table.Name),
            ("@type", ToTableType(table.Kind)),
            ("@owner", table.Owner),
            ("@ownerType", table.Owner is null ? null : "USER"),
            ("@time", table.CreateTime.ToUnixTimeSeconds()),
            ("@original", table.ViewOriginalText),
            ("@expanded", table.ViewExpandedText))!.Value;

        IEnumerable<KeyValuePair<string, string>> parameters = table.Parameters;
        if (table.Comment is { } comment) parameters = parameters.Append(new(CatalogRules.CommentParameter, comment));
        InsertParameters(transaction, "TABLE_PARAMS", "TBL_ID", tableId, parameters);

        using (var command = DbCommands.Create(
            transaction,
            "INSERT INTO PARTITION_KEYS (TBL_ID, PKEY_COMMENT, PKEY_NAME, PKEY_TYPE, INTEGER_IDX) VALUES (@tbl, @comment, @name, @type, @idx)",
            ("@tbl", tableId)))
        {
            InsertColumns(command, table.PartitionKeys);
        }
    }

    /// <summary>SDS.NUM_BUCKETS: the bucket count, or Hive's -1 for a table that is not bucketed.</summary>
    private static int StoredBucketCount(StorageInfo storage) => storage.BucketCount > 0 ? storage.BucketCount : -1;

    private static void InsertBucketColumns(DbTransaction transaction, long storageId, IReadOnlyList<string> columns)
    {
        if (columns.Count == 0) return;
        using var command = DbCommands.Create(
            transaction,
            "INSERT INTO BUCKETING_COLS (SD_ID, BUCKET_COL_NAME, INTEGER_IDX) VALUES (@sd, @name, @idx)",
            ("@sd", storageId));
        var name = DbCommands.Add(command, "@name", null);
        var index = DbCommands.Add(command, "@idx", null);
        for (var i = 0; i < columns.Count; i++)
        {
            name.Value = columns[i];
            index.Value = i;
            command.ExecuteNonQuery();
        }
    }

    private static string[] ReadBucketColumns(DbTransaction transaction, long storageId)
    {
        using var command = DbCommands.Create(transaction, "SELECT BUCKET_COL_NAME FROM BUCKETING_COLS WHERE SD_ID = @sd ORDER BY INTEGER_IDX", ("@sd", storageId));
        using var reader = command.ExecuteReader();
        var names = new List<string>();
        while (reader.Read()) names.Add(reader.GetString(0));
        return names.ToArray();
    }

    /// <summary>SORT_COLS rows of a storage descriptor: name, Hive's order (1 ascending, 0 descending), position.</summary>
    private static void InsertSortColumns(DbTransaction transaction, long storageId, IReadOnlyList<SortColumnInfo> columns)
    {
        if (columns.Count == 0) return;
        using var command = DbCommands.Create(
            transaction,
            "INSERT INTO SORT_COLS (SD_ID, COLUMN_NAME, \"ORDER\", INTEGER_IDX) VALUES (@sd, @name, @order, @idx)",
            ("@sd", storageId));
        var name = DbCommands.Add(command, "@name", null);
        var order = DbCommands.Add(command, "@order", null);
        var index = DbCommands.Add(command, "@idx", null);
        for (var i = 0; i < columns.Count; i++)
        {
            name.Value = columns[i].Name;
            order.Value = columns[i].HiveOrder;
            index.Value = i;
            command.ExecuteNonQuery();
        }
    }

    private static SortColumnInfo[] ReadSortColumns(DbTransaction transaction, long storageId)
    {
        using var command = DbCommands.Create(transaction, "SELECT COLUMN_NAME, \"ORDER\" FROM SORT_COLS WHERE SD_ID = @sd ORDER BY INTEGER_IDX", ("@sd", storageId));
        using var reader = command.ExecuteReader();
        var columns = new List<SortColumnInfo>();
        while (reader.Read())
        {
            var order = Convert.ToInt32(reader.GetValue(1), System.Globalization.CultureInfo.InvariantCulture);
            columns.Add(new SortColumnInfo(reader.GetString(0), order != 0));
        }
        return columns.ToArray();
    }

    /// <summary>Runs an insert with @comment, @name, @type and @idx once per column.</summary>
    private static void InsertColumns(DbCommand command, IReadOnlyList<ColumnInfo> columns)
    {
        var comment = DbCommands.Add(command, "@comment", null);
        var name = DbCommands.Add(command, "@name", null);
        var type = DbCommands.Add(command, "@type", null);
        var index = DbCommands.Add(command, "@idx", null);
        for (var i = 0; i < columns.Count; i++)
        {
            comment.Value = (object?)columns[i].Comment ?? DBNull.Value;
            name.Value = columns[i].Name;
            type.Value = columns[i].HiveType;
            index.Value = i;
            command.ExecuteNonQuery();
        }
    }

    private TableInfo? ReadTable(DbTransaction transaction, string database, string table) =>
        ReadStoredTable(transaction, database, table)?.Info;

    /// <summary>A table and the ids of its rows, or null when it does not exist.</summary>
    private StoredTable? ReadStoredTable(DbTransaction transaction, string database, string table)
    {
        TableIds ids;
        long databaseId;
        string type;
        string? owner;
        long createTime;
        long version;
        string? originalText;
        string? expandedText;
        StorageInfo storage;
        int bucketCount;
        using (var command = DbCommands.Create(
            transaction,
            """
            SELECT t.TBL_ID, t.TBL_TYPE, t.OWNER, t.CREATE_TIME, t.VIEW_ORIGINAL_TEXT, t.VIEW_EXPANDED_TEXT,
                   s.CD_ID, s.SERDE_ID, s.LOCATION, s.INPUT_FORMAT, s.OUTPUT_FORMAT, z.SLIB, t.SD_ID, t.VERSION, t.DB_ID, s.NUM_BUCKETS
            FROM TBLS t
            JOIN DBS d ON d.DB_ID = t.DB_ID
            LEFT JOIN SDS s ON s.SD_ID = t.SD_ID
            LEFT JOIN SERDES z ON z.SERDE_ID = s.SERDE_ID
            WHERE d.NAME = @db AND t.TBL_NAME = @name
            """,
            ("@db", database),
            ("@name", table)))
        using (var reader = command.ExecuteReader())
        {
            if (!reader.Read()) return null;
            type = reader.GetString(1);
            owner = reader.NullableString(2);
            createTime = reader.GetInt64(3);
            originalText = reader.NullableString(4);
            expandedText = reader.NullableString(5);
            ids = new TableIds(reader.GetInt64(0), reader.NullableInt64(12), reader.NullableInt64(6), reader.NullableInt64(7));
            storage = new StorageInfo(
                reader.NullableString(8),
                reader.NullableString(9) ?? string.Empty,
                reader.NullableString(10) ?? string.Empty,
                reader.NullableString(11) ?? string.Empty);
            version = reader.GetInt64(13);
            databaseId = reader.GetInt64(14);
            bucketCount = reader.IsDBNull(15) ? 0 : Math.Max(0, Convert.ToInt32(reader.GetValue(15), System.Globalization.CultureInfo.InvariantCulture));
        }

        var columns = ids.ColumnsId is { } cd
            ? ReadColumns(transaction, "SELECT COLUMN_NAME, TYPE_NAME, COMMENT FROM COLUMNS_V2 WHERE CD_ID = @owner ORDER BY INTEGER_IDX", cd)
            : [];
        var partitionKeys = ReadColumns(transaction, "SELECT PKEY_NAME, PKEY_TYPE, PKEY_COMMENT FROM PARTITION_KEYS WHERE TBL_ID = @owner ORDER BY INTEGER_IDX", ids.TableId);
        if (ids.SerdeId is { } serde) storage = storage with { SerdeParameters = ReadParameters(transaction, "SERDE_PARAMS", "SERDE_ID", serde) };
        if (bucketCount > 0 && ids.StorageId is { } storageId)
        {
            storage = storage with { BucketCount = bucketCount, BucketColumns = ReadBucketColumns(transaction, storageId) };
        }
        if (ids.StorageId is { } sortedStorage) storage = storage with { SortColumns = ReadSortColumns(transaction, sortedStorage) };
        var parameters = ReadParameters(transaction, "TABLE_PARAMS", "TBL_ID", ids.TableId);
        parameters.Remove(CatalogRules.CommentParameter, out var comment);

        var info = new TableInfo(database, table, ToTableKind(type), columns, storage)
        {
            PartitionKeys = partitionKeys,
            Parameters = parameters,
            Owner = owner,
            CreateTime = DateTimeOffset.FromUnixTimeSeconds(createTime),
            ViewOriginalText = originalText,
            ViewExpandedText = expandedText,
            Comment = comment,
            Version = version,
        };
        return new StoredTable(info, ids, databaseId);
    }

    /// <summary>An existing table and its row ids, or the catalog's not-found error.</summary>
    private StoredTable RequireTable(DbTransaction transaction, string database, string table)
    {
        var databaseKey = CatalogRules.NormalizeName(database, "Schema");
        var tableKey = CatalogRules.NormalizeName(table, "Table");
        if (ReadStoredTable(transaction, databaseKey, tableKey) is { } stored) return stored;
        throw FindDatabaseId(transaction, databaseKey) is null ? CatalogRules.SchemaNotFound(databaseKey) : CatalogRules.TableNotFound(databaseKey, tableKey);
    }

    private static List<ColumnInfo> ReadColumns(DbTransaction transaction, string sql, long ownerId)
    {
        var result = new List<ColumnInfo>();
        using var command = DbCommands.Create(transaction, sql, ("@owner", ownerId));
        using var reader = command.ExecuteReader();
        while (reader.Read()) result.Add(new ColumnInfo(reader.GetString(0), reader.GetString(1), reader.NullableString(2)));
        return result;
    }

    private static string ToTableType(TableKind kind) => kind switch
    {
        TableKind.External => ExternalTable,
        TableKind.Managed => ManagedTable,
        TableKind.View => VirtualView,
        _ => throw new InternalException($"unknown table kind {kind}"),
    };

    private TableKind ToTableKind(string type) => type switch
    {
        ExternalTable => TableKind.External,
        ManagedTable => TableKind.Managed,
        VirtualView => TableKind.View,
        _ => throw new StorageException($"{Description}: unknown table type '{type}'"),
    };
}
