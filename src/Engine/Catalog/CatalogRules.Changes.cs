using QueryEngine.Engine.Common;

namespace QueryEngine.Engine.Catalog;

/// <summary>Rules for partitions, table alterations and statistics, shared by every catalog.</summary>
internal static partial class CatalogRules
{
    /// <summary>
    /// A normalized partition of <paramref name="table"/>: names lower-case, values checked against the keys,
    /// storage defaulted from the table (location <c>&lt;table location&gt;/&lt;partition name&gt;</c>), create time in
    /// whole seconds, version 0, own copies of dictionaries.
    /// </summary>
    public static PartitionInfo NormalizePartition(TableInfo table, PartitionInfo partition)
    {
        var values = NormalizeValues(table, partition.Values);
        var name = PartitionNames.Of(table.PartitionKeys, values);
        var storage = partition.Storage ?? table.Storage with { Location = null };
        if (string.IsNullOrEmpty(storage.Location)) storage = storage with { Location = ChildLocation(table.Storage.Location, name) };
        storage = storage with { SerdeParameters = new Dictionary<string, string>(storage.SerdeParameters, StringComparer.Ordinal) };
        return new PartitionInfo(table.Database, table.Name, values, storage)
        {
            // Columns equal to the table's are the table's: only a partition whose columns differ keeps its own.
            Columns = partition.Columns is { } columns && !columns.SequenceEqual(table.Columns) ? [.. columns] : null,
            Parameters = new Dictionary<string, string>(partition.Parameters, StringComparer.Ordinal),
            CreateTime = DateTimeOffset.FromUnixTimeSeconds(partition.CreateTime.ToUnixTimeSeconds()),
            Version = partition.Version,
        };
    }

    /// <summary>Checks that <paramref name="values"/> give one non-empty value per partition key of a partitioned table.</summary>
    public static string[] NormalizeValues(TableInfo table, IReadOnlyList<string> values)
    {
        if (table.PartitionKeys.Count == 0) throw NotPartitioned(table.Database, table.Name);
        if (values.Count != table.PartitionKeys.Count)
        {
            throw new SemanticException(
                $"Table '{table.Database}.{table.Name}' has {table.PartitionKeys.Count} partition keys ({string.Join(", ", table.PartitionKeys.Select(k => k.Name))}); {values.Count} values given");
        }
        var result = new string[values.Count];
        for (var i = 0; i < result.Length; i++)
        {
            if (string.IsNullOrEmpty(values[i]))
            {
                throw new SemanticException($"Partition value for key '{table.PartitionKeys[i].Name}' of table '{table.Database}.{table.Name}' must not be empty");
            }
            result[i] = values[i];
        }
        return result;
    }

    /// <summary><paramref name="parent"/> joined with a relative path, or null when the parent has no location.</summary>
    public static string? ChildLocation(string? parent, string relative)
    {
        if (string.IsNullOrEmpty(parent)) return null;
        return parent.EndsWith('/') ? parent + relative : parent + "/" + relative;
    }

    /// <summary>
    /// Checks an alteration of <paramref name="current"/> into the normalized <paramref name="updated"/>: the version
    /// read must be the current one and the partition keys must not change.
    /// </summary>
    public static void CheckAlter(TableInfo current, TableInfo updated)
    {
        if (updated.Version != current.Version) throw StaleTable(current.Database, current.Name, updated.Version, current.Version);
        if (!updated.PartitionKeys.SequenceEqual(current.PartitionKeys))
        {
            throw new SemanticException($"Cannot change the partition keys of table '{current.Database}.{current.Name}'");
        }
    }

    /// <summary>Columns of <paramref name="before"/> whose statistics no longer apply after the change: dropped or retyped.</summary>
    public static HashSet<string> StaleStatisticsColumns(TableInfo before, TableInfo after)
    {
        var result = new HashSet<string>(StringComparer.Ordinal);
        foreach (var column in before.Columns)
        {
            var kept = after.Columns.FirstOrDefault(c => c.Name == column.Name);
            if (kept is null || !string.Equals(kept.HiveType, column.HiveType, StringComparison.OrdinalIgnoreCase)) result.Add(column.Name);
        }
        return result;
    }

    /// <summary>Statistics with lower-case column names of existing data columns, one per column, analyzed time in seconds.</summary>
    public static ColumnStatistics[] NormalizeStatistics(TableInfo table, IReadOnlyList<ColumnStatistics> statistics)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var result = new ColumnStatistics[statistics.Count];
        for (var i = 0; i < result.Length; i++)
        {
            var s = statistics[i];
            var name = NormalizeName(s.Column, "Column");
            if (!table.Columns.Any(c => c.Name == name)) throw ColumnNotFound(table.Database, table.Name, name);
            if (!seen.Add(name)) throw new SemanticException($"Statistics for column '{name}' given more than once");
            result[i] = s with { Column = name, LastAnalyzed = DateTimeOffset.FromUnixTimeSeconds(s.LastAnalyzed.ToUnixTimeSeconds()) };
        }
        return result;
    }

    /// <summary>Lower-cased column names to read statistics for, or null for all.</summary>
    public static HashSet<string>? NormalizeColumnNames(IReadOnlyList<string>? columns) =>
        columns is null ? null : columns.Select(c => NormalizeName(c, "Column")).ToHashSet(StringComparer.Ordinal);

    public static NotFoundException PartitionNotFound(string database, string table, string partition) =>
        new(ErrorCode.TableNotFound, $"Partition '{partition}' of table '{database}.{table}' does not exist");

    public static SemanticException PartitionExists(string database, string table, string partition) =>
        new($"Partition '{partition}' of table '{database}.{table}' already exists", code: ErrorCode.AlreadyExists);

    public static SemanticException NotPartitioned(string database, string table) =>
        new($"Table '{database}.{table}' is not partitioned");

    public static NotFoundException ColumnNotFound(string database, string table, string column) =>
        new(ErrorCode.ColumnNotFound, $"Column '{column}' does not exist in table '{database}.{table}'");

    public static ConcurrentModificationException StaleTable(string database, string table, long read, long current) =>
        new($"Table '{database}.{table}' was changed by another writer (version {read} was read, version {current} is current); the update was not applied");

    public static ConcurrentModificationException StalePartition(string database, string table, string partition, long read, long current) =>
        new($"Partition '{partition}' of table '{database}.{table}' was changed by another writer (version {read} was read, version {current} is current); the update was not applied");
}
