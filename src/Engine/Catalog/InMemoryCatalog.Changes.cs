namespace QueryEngine.Engine.Catalog;

/// <summary>Table alteration, partitions and statistics of the in-memory catalog.</summary>
public sealed partial class InMemoryCatalog
{
    public void AlterTable(string database, string table, TableInfo updated)
    {
        ArgumentNullException.ThrowIfNull(updated);
        var normalized = CatalogRules.Normalize(updated);
        lock (_lock)
        {
            var (databaseEntry, entry) = Find(database, table);
            var current = entry.Info;
            CatalogRules.CheckAlter(current, normalized);
            var renamed = normalized.Database != current.Database || normalized.Name != current.Name;
            if (renamed)
            {
                if (!_databases.TryGetValue(normalized.Database, out var target)) throw CatalogRules.SchemaNotFound(normalized.Database);
                if (target.Tables.ContainsKey(normalized.Name)) throw CatalogRules.TableExists(normalized.Database, normalized.Name);
                databaseEntry.Tables.Remove(current.Name);
                target.Tables.Add(normalized.Name, entry);
                foreach (var name in entry.Partitions.Keys.ToArray())
                {
                    entry.Partitions[name] = entry.Partitions[name] with { Database = normalized.Database, Table = normalized.Name };
                }
            }
            if (!normalized.Columns.SequenceEqual(current.Columns))
            {
                // As Hive's ALTER TABLE without CASCADE: partitions keep the columns they had.
                foreach (var name in entry.Partitions.Keys.ToArray())
                {
                    if (entry.Partitions[name].Columns is null) entry.Partitions[name] = entry.Partitions[name] with { Columns = current.Columns };
                }
            }
            var stale = CatalogRules.StaleStatisticsColumns(current, normalized);
            foreach (var statistics in entry.Statistics.Values)
            {
                foreach (var column in stale) statistics.Remove(column);
            }
            entry.Info = normalized with { CreateTime = current.CreateTime, Version = current.Version + 1 };
        }
    }

    public IReadOnlyList<PartitionInfo> ListPartitions(string database, string table, PartitionFilter? filter = null)
    {
        lock (_lock)
        {
            var (_, entry) = Find(database, table);
            var given = filter ?? PartitionFilter.None;
            var checks = given.Keys.Select(k => (Index: KeyIndex(entry.Info, k.Key), Values: k.Values.ToHashSet(StringComparer.Ordinal))).ToArray();
            var numbers = given.Numbers.Select(n => (Index: KeyIndex(entry.Info, n.Key), Filter: n)).ToArray();
            var result = new List<PartitionInfo>();
            foreach (var partition in entry.Partitions.Values)
            {
                if (checks.All(c => c.Values.Contains(partition.Values[c.Index])) && numbers.All(n => n.Filter.Matches(partition.Values[n.Index])))
                {
                    result.Add(partition);
                }
            }
            return result;
        }
    }

    public void ReadPartitionPages(string database, string table, PartitionPageRequest request, IPartitionPageReader reader)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(reader);
        var selected = new List<PartitionInfo>();
        foreach (var partition in ListPartitions(database, table, request.Filter))
        {
            if (request.Limit >= 0 && selected.Count >= request.Limit) break;
            if (request.Keeps(partition.Values)) selected.Add(partition);
        }
        reader.Begin(selected.Count);
        var size = Math.Max(1, request.PageSize);
        for (var start = 0; start < selected.Count; start += size)
        {
            reader.Page(selected.GetRange(start, Math.Min(size, selected.Count - start)));
        }
    }

    public IReadOnlyList<string> ListPartitionNames(string database, string table)
    {
        lock (_lock) return Find(database, table).Table.Partitions.Keys.ToArray();
    }

    public int CountPartitions(string database, string table)
    {
        lock (_lock) return Find(database, table).Table.Partitions.Count;
    }

    public void RenamePartition(string database, string table, IReadOnlyList<string> values, IReadOnlyList<string> newValues)
    {
        ArgumentNullException.ThrowIfNull(values);
        ArgumentNullException.ThrowIfNull(newValues);
        lock (_lock)
        {
            var (_, entry) = Find(database, table);
            var info = entry.Info;
            var name = PartitionNames.Of(info.PartitionKeys, CatalogRules.NormalizeValues(info, values));
            var normalized = CatalogRules.NormalizeValues(info, newValues);
            var newName = PartitionNames.Of(info.PartitionKeys, normalized);
            if (!entry.Partitions.TryGetValue(name, out var current)) throw CatalogRules.PartitionNotFound(info.Database, info.Name, name);
            if (newName == name) return;
            if (entry.Partitions.ContainsKey(newName)) throw CatalogRules.PartitionExists(info.Database, info.Name, newName);
            entry.Partitions.Remove(name);
            entry.Partitions.Add(newName, current with { Values = normalized, Version = current.Version + 1 });
            if (entry.Statistics.Remove(name, out var statistics)) entry.Statistics[newName] = statistics;
        }
    }

    public PartitionInfo? GetPartition(string database, string table, IReadOnlyList<string> values)
    {
        lock (_lock)
        {
            var (_, entry) = Find(database, table);
            var name = PartitionNames.Of(entry.Info.PartitionKeys, CatalogRules.NormalizeValues(entry.Info, values));
            return entry.Partitions.GetValueOrDefault(name);
        }
    }

    public int AddPartitions(string database, string table, IReadOnlyList<PartitionInfo> partitions, bool ifNotExists)
    {
        ArgumentNullException.ThrowIfNull(partitions);
        lock (_lock)
        {
            var (_, entry) = Find(database, table);
            var added = new SortedDictionary<string, PartitionInfo>(StringComparer.Ordinal);
            foreach (var partition in partitions)
            {
                var normalized = CatalogRules.NormalizePartition(entry.Info, partition) with { Version = 0 };
                var name = PartitionNames.Of(entry.Info.PartitionKeys, normalized.Values);
                if (entry.Partitions.ContainsKey(name) || added.ContainsKey(name))
                {
                    if (ifNotExists) continue;
                    throw CatalogRules.PartitionExists(entry.Info.Database, entry.Info.Name, name);
                }
                added.Add(name, normalized);
            }
            foreach (var (name, partition) in added) entry.Partitions.Add(name, partition);
            return added.Count;
        }
    }

    public int DropPartitions(string database, string table, IReadOnlyList<IReadOnlyList<string>> values, bool ifExists)
    {
        ArgumentNullException.ThrowIfNull(values);
        lock (_lock)
        {
            var (_, entry) = Find(database, table);
            var names = new HashSet<string>(StringComparer.Ordinal);
            foreach (var v in values)
            {
                var name = PartitionNames.Of(entry.Info.PartitionKeys, CatalogRules.NormalizeValues(entry.Info, v));
                if (!entry.Partitions.ContainsKey(name))
                {
                    if (ifExists) continue;
                    throw CatalogRules.PartitionNotFound(entry.Info.Database, entry.Info.Name, name);
                }
                names.Add(name);
            }
            foreach (var name in names)
            {
                entry.Partitions.Remove(name);
                entry.Statistics.Remove(name);
            }
            return names.Count;
        }
    }

    public void AlterPartition(PartitionInfo updated)
    {
        ArgumentNullException.ThrowIfNull(updated);
        lock (_lock)
        {
            var (_, entry) = Find(updated.Database, updated.Table);
            var normalized = CatalogRules.NormalizePartition(entry.Info, updated);
            var name = PartitionNames.Of(entry.Info.PartitionKeys, normalized.Values);
            if (!entry.Partitions.TryGetValue(name, out var current)) throw CatalogRules.PartitionNotFound(entry.Info.Database, entry.Info.Name, name);
            if (current.Version != normalized.Version)
            {
                throw CatalogRules.StalePartition(entry.Info.Database, entry.Info.Name, name, normalized.Version, current.Version);
            }
            entry.Partitions[name] = normalized with { CreateTime = current.CreateTime, Version = current.Version + 1 };
        }
    }

    public void UpdateColumnStatistics(string database, string table, IReadOnlyList<string>? partitionValues, IReadOnlyList<ColumnStatistics> statistics)
    {
        ArgumentNullException.ThrowIfNull(statistics);
        lock (_lock)
        {
            var (_, entry) = Find(database, table);
            var normalized = CatalogRules.NormalizeStatistics(entry.Info, statistics);
            var key = StatisticsKey(entry, partitionValues);
            if (!entry.Statistics.TryGetValue(key, out var stored)) entry.Statistics[key] = stored = new(StringComparer.Ordinal);
            foreach (var s in normalized) stored[s.Column] = s;
        }
    }

    public IReadOnlyList<ColumnStatistics> GetColumnStatistics(string database, string table, IReadOnlyList<string>? partitionValues, IReadOnlyList<string>? columns = null)
    {
        var wanted = CatalogRules.NormalizeColumnNames(columns);
        lock (_lock)
        {
            var (_, entry) = Find(database, table);
            var key = StatisticsKey(entry, partitionValues);
            if (!entry.Statistics.TryGetValue(key, out var stored)) return [];
            return entry.Info.Columns
                .Where(c => wanted is null || wanted.Contains(c.Name))
                .Select(c => stored.GetValueOrDefault(c.Name))
                .OfType<ColumnStatistics>()
                .ToArray();
        }
    }

    public int DeleteColumnStatistics(string database, string table, IReadOnlyList<string>? partitionValues, string? column = null)
    {
        var name = column is null ? null : CatalogRules.NormalizeName(column, "Column");
        lock (_lock)
        {
            var (_, entry) = Find(database, table);
            var key = StatisticsKey(entry, partitionValues);
            if (!entry.Statistics.TryGetValue(key, out var stored)) return 0;
            if (name is null)
            {
                var count = stored.Count;
                stored.Clear();
                return count;
            }
            return stored.Remove(name) ? 1 : 0;
        }
    }

    /// <summary>"" for the table's own statistics, else the name of an existing partition.</summary>
    private static string StatisticsKey(TableEntry entry, IReadOnlyList<string>? partitionValues)
    {
        if (partitionValues is null) return string.Empty;
        var name = PartitionNames.Of(entry.Info.PartitionKeys, CatalogRules.NormalizeValues(entry.Info, partitionValues));
        if (!entry.Partitions.ContainsKey(name)) throw CatalogRules.PartitionNotFound(entry.Info.Database, entry.Info.Name, name);
        return name;
    }

    private static int KeyIndex(TableInfo table, string key)
    {
        var name = CatalogRules.NormalizeName(key, "Column");
        for (var i = 0; i < table.PartitionKeys.Count; i++)
        {
            if (table.PartitionKeys[i].Name == name) return i;
        }
        throw new Common.NotFoundException(Common.ErrorCode.ColumnNotFound, $"Partition key '{name}' does not exist in table '{table.Database}.{table.Name}'");
    }

    /// <summary>The entries of an existing table (caller holds the lock).</summary>
    private (Entry Database, TableEntry Table) Find(string database, string table)
    {
        var databaseKey = CatalogRules.NormalizeName(database, "Schema");
        var tableKey = CatalogRules.NormalizeName(table, "Table");
        if (!_databases.TryGetValue(databaseKey, out var entry)) throw CatalogRules.SchemaNotFound(databaseKey);
        if (!entry.Tables.TryGetValue(tableKey, out var tableEntry)) throw CatalogRules.TableNotFound(databaseKey, tableKey);
        return (entry, tableEntry);
    }
}
