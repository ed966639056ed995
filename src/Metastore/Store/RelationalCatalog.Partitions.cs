using System.Data.Common;
using System.Globalization;
using System.Text;
using QueryEngine.Engine.Catalog;
using QueryEngine.Engine.Common;

namespace QueryEngine.Metastore.Store;

/// <summary>Partitions: listing (optionally filtered through the key-value index), adding in bulk, dropping, altering.</summary>
public abstract partial class RelationalCatalog
{
    public IReadOnlyList<PartitionInfo> ListPartitions(string database, string table, PartitionFilter? filter = null) =>
        Read(transaction =>
        {
            var stored = RequireTable(transaction, database, table);
            if (stored.Info.PartitionKeys.Count == 0) return (IReadOnlyList<PartitionInfo>)[];
            var (sql, parameters) = FilterSql(stored, filter ?? PartitionFilter.None);
            return ReadPartitions(transaction, stored, sql, parameters);
        });

    public IReadOnlyList<string> ListPartitionNames(string database, string table) =>
        Read(transaction =>
        {
            var stored = RequireTable(transaction, database, table);
            using var command = DbCommands.Create(transaction, "SELECT PART_NAME FROM PARTITIONS WHERE TBL_ID = @tbl", ("@tbl", stored.Ids.TableId));
            return ReadSortedNames(command);
        });

    public int CountPartitions(string database, string table) =>
        Read(transaction =>
        {
            var stored = RequireTable(transaction, database, table);
            return (int)(DbCommands.ScalarInt64(transaction, "SELECT COUNT(*) FROM PARTITIONS WHERE TBL_ID = @tbl", ("@tbl", stored.Ids.TableId)) ?? 0);
        });

    public PartitionInfo? GetPartition(string database, string table, IReadOnlyList<string> values) =>
        Read(transaction =>
        {
            var stored = RequireTable(transaction, database, table);
            var name = PartitionNames.Of(stored.Info.PartitionKeys, CatalogRules.NormalizeValues(stored.Info, values));
            var found = ReadPartitions(transaction, stored, " AND p.PART_NAME = @pname", [("@pname", name)]);
            return found.Count == 0 ? null : found[0];
        });

    public int AddPartitions(string database, string table, IReadOnlyList<PartitionInfo> partitions, bool ifNotExists)
    {
        ArgumentNullException.ThrowIfNull(partitions);
        var added = 0;
        Write(
            transaction =>
            {
                added = 0;
                var stored = RequireTable(transaction, database, table);
                var info = stored.Info;
                var existing = new HashSet<string>(ReadPartitionNames(transaction, stored.Ids.TableId), StringComparer.Ordinal);
                using var writer = CreatePartitionWriter(transaction, stored.Ids.TableId);
                var ownColumns = new Dictionary<string, long>(StringComparer.Ordinal);
                foreach (var partition in partitions)
                {
                    var normalized = CatalogRules.NormalizePartition(info, partition);
                    var name = PartitionNames.Of(info.PartitionKeys, normalized.Values);
                    if (!existing.Add(name))
                    {
                        if (ifNotExists) continue;
                        throw CatalogRules.PartitionExists(info.Database, info.Name, name);
                    }
                    writer.Add(normalized, name, PartitionColumnsId(transaction, normalized, stored.Ids.ColumnsId, ownColumns));
                    added++;
                }
                writer.Flush();
            },
            onDuplicate: () => new ConcurrentModificationException(
                $"Another writer added partitions to table '{database.ToLowerInvariant()}.{table.ToLowerInvariant()}' at the same time; no partition was added"));
        return added;
    }

    public int DropPartitions(string database, string table, IReadOnlyList<IReadOnlyList<string>> values, bool ifExists)
    {
        ArgumentNullException.ThrowIfNull(values);
        var dropped = 0;
        Write(transaction =>
        {
            var stored = RequireTable(transaction, database, table);
            var rows = new Dictionary<string, PartitionRow>(StringComparer.Ordinal);
            foreach (var v in values)
            {
                var name = PartitionNames.Of(stored.Info.PartitionKeys, CatalogRules.NormalizeValues(stored.Info, v));
                if (FindPartitionRow(transaction, stored.Ids.TableId, name) is { } row) rows[name] = row;
                else if (!ifExists) throw CatalogRules.PartitionNotFound(stored.Info.Database, stored.Info.Name, name);
            }
            DeletePartitionRows(transaction, rows.Values);
            dropped = rows.Count;
        });
        return dropped;
    }

    public void RenamePartition(string database, string table, IReadOnlyList<string> values, IReadOnlyList<string> newValues)
    {
        ArgumentNullException.ThrowIfNull(values);
        ArgumentNullException.ThrowIfNull(newValues);
        var target = string.Join("/", newValues);
        Write(
            transaction =>
            {
                var stored = RequireTable(transaction, database, table);
                var info = stored.Info;
                var name = PartitionNames.Of(info.PartitionKeys, CatalogRules.NormalizeValues(info, values));
                var renamed = CatalogRules.NormalizeValues(info, newValues);
                var newName = target = PartitionNames.Of(info.PartitionKeys, renamed);
                if (FindPartitionRow(transaction, stored.Ids.TableId, name) is not { } row) throw CatalogRules.PartitionNotFound(info.Database, info.Name, name);
                if (newName == name) return;
                if (FindPartitionRow(transaction, stored.Ids.TableId, newName) is not null) throw CatalogRules.PartitionExists(info.Database, info.Name, newName);
                DbCommands.Execute(
                    transaction,
                    "UPDATE PARTITIONS SET PART_NAME = @name, VERSION = VERSION + 1 WHERE PART_ID = @id",
                    ("@name", newName),
                    ("@id", row.PartitionId));
                using var update = DbCommands.Create(
                    transaction,
                    "UPDATE PARTITION_KEY_VALS SET PART_KEY_VAL = @value, PART_KEY_NUM = @num WHERE PART_ID = @id AND INTEGER_IDX = @idx",
                    ("@value", null),
                    ("@num", null),
                    ("@id", row.PartitionId),
                    ("@idx", null));
                for (var i = 0; i < renamed.Length; i++)
                {
                    update.Parameters[0].Value = renamed[i];
                    update.Parameters[1].Value = PartitionNumberFilter.TryRead(renamed[i], out var number) ? number : DBNull.Value;
                    update.Parameters[3].Value = i;
                    update.ExecuteNonQuery();
                }
            },
            onDuplicate: () => CatalogRules.PartitionExists(database.ToLowerInvariant(), table.ToLowerInvariant(), target));
    }

    public void AlterPartition(PartitionInfo updated)
    {
        ArgumentNullException.ThrowIfNull(updated);
        Write(transaction =>
        {
            var stored = RequireTable(transaction, updated.Database, updated.Table);
            var info = stored.Info;
            var normalized = CatalogRules.NormalizePartition(info, updated);
            var name = PartitionNames.Of(info.PartitionKeys, normalized.Values);
            if (FindPartitionRow(transaction, stored.Ids.TableId, name) is not { } row) throw CatalogRules.PartitionNotFound(info.Database, info.Name, name);
            var bumped = DbCommands.Execute(
                transaction,
                "UPDATE PARTITIONS SET VERSION = VERSION + 1 WHERE PART_ID = @id AND VERSION = @version",
                ("@id", row.PartitionId),
                ("@version", normalized.Version));
            if (bumped == 0) throw CatalogRules.StalePartition(info.Database, info.Name, name, normalized.Version, row.Version);
            var storage = normalized.Storage!;
            DbCommands.Execute(
                transaction,
                "UPDATE SDS SET INPUT_FORMAT = @input, OUTPUT_FORMAT = @output, LOCATION = @location WHERE SD_ID = @id",
                ("@input", storage.InputFormat),
                ("@output", storage.OutputFormat),
                ("@location", storage.Location),
                ("@id", row.StorageId));
            // Its columns are replaced too: its own (a descriptor of their own) or, when null, its table's.
            var tableColumnsId = stored.Ids.ColumnsId;
            var unchanged = normalized.Columns is { } columns
                ? row.ColumnsId is { } ownId && ownId != tableColumnsId && ReadColumnDescriptors(transaction, [ownId])[ownId].SequenceEqual(columns)
                : row.ColumnsId == tableColumnsId;
            if (!unchanged)
            {
                var columnsId = PartitionColumnsId(transaction, normalized, tableColumnsId, new Dictionary<string, long>(StringComparer.Ordinal));
                DbCommands.Execute(transaction, "UPDATE SDS SET CD_ID = @cd WHERE SD_ID = @id", ("@cd", columnsId), ("@id", row.StorageId));
                if (row.ColumnsId is { } previous && previous != tableColumnsId) DeleteUnusedColumnDescriptors(transaction, [previous]);
            }
            if (row.SerdeId is { } serde)
            {
                DbCommands.Execute(transaction, "UPDATE SERDES SET SLIB = @slib WHERE SERDE_ID = @id", ("@slib", storage.SerdeLibrary), ("@id", serde));
                ReplaceParameters(transaction, "SERDE_PARAMS", "SERDE_ID", serde, storage.SerdeParameters);
            }
            ReplaceParameters(transaction, "PARTITION_PARAMS", "PART_ID", row.PartitionId, normalized.Parameters);
        });
    }

    /// <summary>Deletes every partition of a table with their storage rows.</summary>
    private static void DeletePartitions(DbTransaction transaction, long tableId)
    {
        var rows = new List<PartitionRow>();
        using (var command = DbCommands.Create(
            transaction,
            "SELECT p.PART_ID, p.SD_ID, s.SERDE_ID, p.VERSION, s.CD_ID FROM PARTITIONS p LEFT JOIN SDS s ON s.SD_ID = p.SD_ID WHERE p.TBL_ID = @tbl",
            ("@tbl", tableId)))
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read()) rows.Add(ReadPartitionRow(reader));
        }
        DeletePartitionRows(transaction, rows);
    }

    /// <summary>Deletes partition rows (key values, parameters and statistics cascade), then their storage descriptors and SerDes.</summary>
    private static void DeletePartitionRows(DbTransaction transaction, IEnumerable<PartitionRow> rows)
    {
        using var partitions = DbCommands.Create(transaction, "DELETE FROM PARTITIONS WHERE PART_ID = @id", ("@id", null));
        using var storages = DbCommands.Create(transaction, "DELETE FROM SDS WHERE SD_ID = @id", ("@id", null));
        using var serdes = DbCommands.Create(transaction, "DELETE FROM SERDES WHERE SERDE_ID = @id", ("@id", null));
        var columns = new List<long>();
        foreach (var row in rows)
        {
            Run(partitions, row.PartitionId);
            if (row.StorageId is { } sd) Run(storages, sd);
            if (row.SerdeId is { } serde) Run(serdes, serde);
            if (row.ColumnsId is { } cd) columns.Add(cd);
        }
        DeleteUnusedColumnDescriptors(transaction, columns);

        static void Run(DbCommand command, long id)
        {
            command.Parameters[0].Value = id;
            command.ExecuteNonQuery();
        }
    }

    private static PartitionRow? FindPartitionRow(DbTransaction transaction, long tableId, string name)
    {
        using var command = DbCommands.Create(
            transaction,
            "SELECT p.PART_ID, p.SD_ID, s.SERDE_ID, p.VERSION, s.CD_ID FROM PARTITIONS p LEFT JOIN SDS s ON s.SD_ID = p.SD_ID WHERE p.TBL_ID = @tbl AND p.PART_NAME = @name",
            ("@tbl", tableId),
            ("@name", name));
        using var reader = command.ExecuteReader();
        return reader.Read() ? ReadPartitionRow(reader) : null;
    }

    private static PartitionRow ReadPartitionRow(DbDataReader reader) =>
        new(reader.GetInt64(0), reader.NullableInt64(1), reader.NullableInt64(2), reader.GetInt64(3), reader.NullableInt64(4));

    private static string[] ReadPartitionNames(DbTransaction transaction, long tableId)
    {
        using var command = DbCommands.Create(transaction, "SELECT PART_NAME FROM PARTITIONS WHERE TBL_ID = @tbl", ("@tbl", tableId));
        return ReadSortedNames(command);
    }

    /// <summary>
    /// The SQL conditions (over alias <c>p</c> = PARTITIONS) of a filter: per key, the partition ids whose value at
    /// that key's position is one of the given ones, found through the PARTITION_KEY_VALS value index; per number
    /// filter, those whose value as a number (PART_KEY_NUM) is in range, found through the number index.
    /// </summary>
    private static (string Sql, (string Name, object? Value)[] Parameters) FilterSql(StoredTable table, PartitionFilter filter)
    {
        var sql = new StringBuilder();
        var parameters = new List<(string, object?)>();
        for (var f = 0; f < filter.Keys.Count; f++)
        {
            var key = filter.Keys[f];
            var index = KeyIndex(table.Info, key.Key);
            if (key.Values.Count == 0)
            {
                sql.Append(" AND 1 = 0");
                continue;
            }
            sql.Append(CultureInfo.InvariantCulture, $" AND p.PART_ID IN (SELECT f.PART_ID FROM PARTITION_KEY_VALS f WHERE f.INTEGER_IDX = {index} AND f.PART_KEY_VAL IN (");
            for (var v = 0; v < key.Values.Count; v++)
            {
                var name = string.Create(CultureInfo.InvariantCulture, $"@f{f}_{v}");
                if (v > 0) sql.Append(", ");
                sql.Append(name);
                parameters.Add((name, key.Values[v]));
            }
            sql.Append("))");
        }
        for (var f = 0; f < filter.Numbers.Count; f++)
        {
            var number = filter.Numbers[f];
            var index = KeyIndex(table.Info, number.Key);
            if (number.Values is { Count: 0 } || number.Lower > number.Upper)
            {
                sql.Append(" AND 1 = 0");
                continue;
            }
            sql.Append(CultureInfo.InvariantCulture, $" AND p.PART_ID IN (SELECT n.PART_ID FROM PARTITION_KEY_VALS n WHERE n.INTEGER_IDX = {index} AND n.PART_KEY_NUM IS NOT NULL");
            if (number.Lower is { } lower) sql.Append(" AND n.PART_KEY_NUM >= ").Append(Parameter(string.Create(CultureInfo.InvariantCulture, $"@n{f}_lo"), lower));
            if (number.Upper is { } upper) sql.Append(" AND n.PART_KEY_NUM <= ").Append(Parameter(string.Create(CultureInfo.InvariantCulture, $"@n{f}_hi"), upper));
            if (number.Values is { } list)
            {
                sql.Append(" AND n.PART_KEY_NUM IN (");
                for (var v = 0; v < list.Count; v++)
                {
                    if (v > 0) sql.Append(", ");
                    sql.Append(Parameter(string.Create(CultureInfo.InvariantCulture, $"@n{f}_{v}"), list[v]));
                }
                sql.Append(')');
            }
            sql.Append(')');
        }
        return (sql.ToString(), parameters.ToArray());

        string Parameter(string name, long value)
        {
            parameters.Add((name, value));
            return name;
        }
    }

    private static int KeyIndex(TableInfo table, string key)
    {
        var name = CatalogRules.NormalizeName(key, "Column");
        for (var i = 0; i < table.PartitionKeys.Count; i++)
        {
            if (table.PartitionKeys[i].Name == name) return i;
        }
        throw new NotFoundException(ErrorCode.ColumnNotFound, $"Partition key '{name}' does not exist in table '{table.Database}.{table.Name}'");
    }

    /// <summary>Reads the partitions of a table matching <paramref name="condition"/> in four set-based queries, in name order.</summary>
    private static List<PartitionInfo> ReadPartitions(
        DbTransaction transaction, StoredTable table, string condition, (string Name, object? Value)[] parameters)
    {
        (string, object?)[] all = [("@tbl", table.Ids.TableId), .. parameters];
        var where = "WHERE p.TBL_ID = @tbl" + condition;
        var rows = new Dictionary<long, PartitionRecord>();
        using (var command = DbCommands.Create(
            transaction,
            $"""
            SELECT p.PART_ID, p.CREATE_TIME, p.VERSION, s.LOCATION, s.INPUT_FORMAT, s.OUTPUT_FORMAT, z.SLIB, z.SERDE_ID, s.CD_ID
            FROM PARTITIONS p LEFT JOIN SDS s ON s.SD_ID = p.SD_ID LEFT JOIN SERDES z ON z.SERDE_ID = s.SERDE_ID
            {where}
            """,
            all))
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                var storage = new StorageInfo(reader.NullableString(3), reader.NullableString(4) ?? string.Empty, reader.NullableString(5) ?? string.Empty, reader.NullableString(6) ?? string.Empty);
                rows[reader.GetInt64(0)] = new PartitionRecord(storage, reader.GetInt64(1), reader.GetInt64(2), reader.NullableInt64(7)) { ColumnsId = reader.NullableInt64(8) };
            }
        }
        if (rows.Count == 0) return [];

        ForEachRow(transaction, $"SELECT k.PART_ID, k.PART_KEY_VAL FROM PARTITION_KEY_VALS k JOIN PARTITIONS p ON p.PART_ID = k.PART_ID {where} ORDER BY k.PART_ID, k.INTEGER_IDX", all,
            reader => rows[reader.GetInt64(0)].Values.Add(reader.GetString(1)));
        ForEachRow(transaction, $"SELECT q.PART_ID, q.PARAM_KEY, q.PARAM_VALUE FROM PARTITION_PARAMS q JOIN PARTITIONS p ON p.PART_ID = q.PART_ID {where}", all,
            reader => rows[reader.GetInt64(0)].Parameters[reader.GetString(1)] = reader.NullableString(2) ?? string.Empty);
        var bySerde = new Dictionary<long, PartitionRecord>();
        foreach (var row in rows.Values)
        {
            if (row.SerdeId is { } id) bySerde[id] = row;
        }
        ForEachRow(
            transaction,
            $"SELECT sp.SERDE_ID, sp.PARAM_KEY, sp.PARAM_VALUE FROM SERDE_PARAMS sp JOIN SDS s ON s.SERDE_ID = sp.SERDE_ID JOIN PARTITIONS p ON p.SD_ID = s.SD_ID {where}",
            all,
            reader => bySerde[reader.GetInt64(0)].SerdeParameters[reader.GetString(1)] = reader.NullableString(2) ?? string.Empty);

        // Partitions whose descriptor is not the table's have columns of their own.
        var ownColumns = ReadColumnDescriptors(transaction, rows.Values.Where(r => r.ColumnsId is not null && r.ColumnsId != table.Ids.ColumnsId).Select(r => r.ColumnsId!.Value));
        var result = new List<(string Name, PartitionInfo Partition)>(rows.Count);
        foreach (var row in rows.Values)
        {
            var partition = new PartitionInfo(table.Info.Database, table.Info.Name, row.Values, row.Storage with { SerdeParameters = row.SerdeParameters })
            {
                Columns = row.ColumnsId is { } cd && ownColumns.TryGetValue(cd, out var columns) ? columns : null,
                Parameters = row.Parameters,
                CreateTime = DateTimeOffset.FromUnixTimeSeconds(row.CreateTime),
                Version = row.Version,
            };
            result.Add((PartitionNames.Of(table.Info.PartitionKeys, row.Values), partition));
        }
        result.Sort((a, b) => string.CompareOrdinal(a.Name, b.Name));
        return result.ConvertAll(r => r.Partition);
    }

    private static void ForEachRow(DbTransaction transaction, string sql, (string Name, object? Value)[] parameters, Action<DbDataReader> action)
    {
        using var command = DbCommands.Create(transaction, sql, parameters);
        using var reader = command.ExecuteReader();
        while (reader.Read()) action(reader);
    }

    private static void ReplaceParameters(DbTransaction transaction, string table, string ownerColumn, long ownerId, IEnumerable<KeyValuePair<string, string>> parameters)
    {
        DbCommands.Execute(transaction, $"DELETE FROM {table} WHERE {ownerColumn} = @owner", ("@owner", ownerId));
        InsertParameters(transaction, table, ownerColumn, ownerId, parameters);
    }

    /// <summary>The rows behind one partition.</summary>
    private readonly record struct PartitionRow(long PartitionId, long? StorageId, long? SerdeId, long Version, long? ColumnsId);

    /// <summary>A partition being assembled from the four listing queries.</summary>
    private sealed record PartitionRecord(StorageInfo Storage, long CreateTime, long Version, long? SerdeId)
    {
        public long? ColumnsId { get; init; }

        public List<string> Values { get; } = [];

        public Dictionary<string, string> Parameters { get; } = new(StringComparer.Ordinal);

        public Dictionary<string, string> SerdeParameters { get; } = new(StringComparer.Ordinal);
    }
}
