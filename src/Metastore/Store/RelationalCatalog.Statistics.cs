using System.Data.Common;
using QueryEngine.Engine.Catalog;

namespace QueryEngine.Metastore.Store;

/// <summary>Column statistics in TAB_COL_STATS (table) and PART_COL_STATS (partition), one row per column.</summary>
public abstract partial class RelationalCatalog
{
    private const string StatisticsColumns =
        "COLUMN_NAME, COLUMN_TYPE, NUM_NULLS, NUM_DISTINCTS, LONG_LOW_VALUE, LONG_HIGH_VALUE, DOUBLE_LOW_VALUE, DOUBLE_HIGH_VALUE, " +
        "BIG_DECIMAL_LOW_VALUE, BIG_DECIMAL_HIGH_VALUE, MAX_COL_LEN, AVG_COL_LEN, NUM_TRUES, NUM_FALSES, LAST_ANALYZED";

    public void UpdateColumnStatistics(string database, string table, IReadOnlyList<string>? partitionValues, IReadOnlyList<ColumnStatistics> statistics)
    {
        ArgumentNullException.ThrowIfNull(statistics);
        Write(transaction =>
        {
            var stored = RequireTable(transaction, database, table);
            var normalized = CatalogRules.NormalizeStatistics(stored.Info, statistics);
            var (statsTable, ownerColumn, ownerId) = StatisticsOwner(transaction, stored, partitionValues);
            foreach (var s in normalized) ReplaceStatistics(transaction, statsTable, ownerColumn, ownerId, s);
        });
    }

    /// <summary>Replaces the statistics row of one column of a table or partition.</summary>
    private static void ReplaceStatistics(DbTransaction transaction, string statsTable, string ownerColumn, long ownerId, ColumnStatistics s)
    {
        DbCommands.Execute(transaction, $"DELETE FROM {statsTable} WHERE {ownerColumn} = @owner AND COLUMN_NAME = @column", ("@owner", ownerId), ("@column", s.Column));
        DbCommands.Execute(
            transaction,
            $"""
            INSERT INTO {statsTable} ({ownerColumn}, {StatisticsColumns})
            VALUES (@owner, @column, @type, @nulls, @distinct, @longLow, @longHigh, @doubleLow, @doubleHigh, @decimalLow, @decimalHigh, @maxLen, @avgLen, @trues, @falses, @analyzed)
            """,
            ("@owner", ownerId),
            ("@column", s.Column),
            ("@type", s.HiveType),
            ("@nulls", s.NumNulls),
            ("@distinct", s.NumDistinct),
            ("@longLow", s.LongLow),
            ("@longHigh", s.LongHigh),
            ("@doubleLow", s.DoubleLow),
            ("@doubleHigh", s.DoubleHigh),
            ("@decimalLow", s.DecimalLow),
            ("@decimalHigh", s.DecimalHigh),
            ("@maxLen", s.MaxLength),
            ("@avgLen", s.AverageLength),
            ("@trues", s.NumTrues),
            ("@falses", s.NumFalses),
            ("@analyzed", s.LastAnalyzed.ToUnixTimeSeconds()));
    }

    public IReadOnlyList<ColumnStatistics> GetColumnStatistics(string database, string table, IReadOnlyList<string>? partitionValues, IReadOnlyList<string>? columns = null)
    {
        var wanted = CatalogRules.NormalizeColumnNames(columns);
        return Read(transaction =>
        {
            var stored = RequireTable(transaction, database, table);
            var (statsTable, ownerColumn, ownerId) = StatisticsOwner(transaction, stored, partitionValues);
            var found = new Dictionary<string, ColumnStatistics>(StringComparer.Ordinal);
            using (var command = DbCommands.Create(transaction, $"SELECT {StatisticsColumns} FROM {statsTable} WHERE {ownerColumn} = @owner", ("@owner", ownerId)))
            using (var reader = command.ExecuteReader())
            {
                while (reader.Read())
                {
                    var s = ReadStatistics(reader);
                    found[s.Column] = s;
                }
            }
            var result = new List<ColumnStatistics>();
            foreach (var column in stored.Info.Columns)
            {
                if ((wanted is null || wanted.Contains(column.Name)) && found.TryGetValue(column.Name, out var s)) result.Add(s);
            }
            return (IReadOnlyList<ColumnStatistics>)result;
        });
    }

    public int DeleteColumnStatistics(string database, string table, IReadOnlyList<string>? partitionValues, string? column = null)
    {
        var name = column is null ? null : CatalogRules.NormalizeName(column, "Column");
        var deleted = 0;
        Write(transaction =>
        {
            var stored = RequireTable(transaction, database, table);
            var (statsTable, ownerColumn, ownerId) = StatisticsOwner(transaction, stored, partitionValues);
            deleted = name is null
                ? DbCommands.Execute(transaction, $"DELETE FROM {statsTable} WHERE {ownerColumn} = @owner", ("@owner", ownerId))
                : DbCommands.Execute(transaction, $"DELETE FROM {statsTable} WHERE {ownerColumn} = @owner AND COLUMN_NAME = @column", ("@owner", ownerId), ("@column", name));
        });
        return deleted;
    }

    /// <summary>Where the statistics of the table or of one of its (existing) partitions live.</summary>
    private static (string Table, string OwnerColumn, long OwnerId) StatisticsOwner(DbTransaction transaction, StoredTable stored, IReadOnlyList<string>? partitionValues)
    {
        if (partitionValues is null) return ("TAB_COL_STATS", "TBL_ID", stored.Ids.TableId);
        var name = PartitionNames.Of(stored.Info.PartitionKeys, CatalogRules.NormalizeValues(stored.Info, partitionValues));
        if (FindPartitionRow(transaction, stored.Ids.TableId, name) is not { } row) throw CatalogRules.PartitionNotFound(stored.Info.Database, stored.Info.Name, name);
        return ("PART_COL_STATS", "PART_ID", row.PartitionId);
    }

    private static ColumnStatistics ReadStatistics(DbDataReader reader) => new(reader.GetString(0), reader.GetString(1))
    {
        NumNulls = reader.GetInt64(2),
        NumDistinct = reader.NullableInt64(3),
        LongLow = reader.NullableInt64(4),
        LongHigh = reader.NullableInt64(5),
        DoubleLow = reader.IsDBNull(6) ? null : reader.GetDouble(6),
        DoubleHigh = reader.IsDBNull(7) ? null : reader.GetDouble(7),
        DecimalLow = reader.NullableString(8),
        DecimalHigh = reader.NullableString(9),
        MaxLength = reader.NullableInt64(10),
        AverageLength = reader.IsDBNull(11) ? null : reader.GetDouble(11),
        NumTrues = reader.NullableInt64(12),
        NumFalses = reader.NullableInt64(13),
        LastAnalyzed = DateTimeOffset.FromUnixTimeSeconds(reader.GetInt64(14)),
    };
}
