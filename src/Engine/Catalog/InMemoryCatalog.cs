namespace QueryEngine.Engine.Catalog;

/// <summary>
/// A catalog held in memory: for tests, the SQL logic runner and embedded sessions that need no persistence.
/// Thread-safe (one lock; every operation is short). Names are case-insensitive and stored lower-case,
/// a <c>default</c> database exists from the start, and errors are those of <see cref="CatalogRules"/>,
/// exactly as in the metastore-backed catalogs.
/// </summary>
public sealed partial class InMemoryCatalog : ICatalog
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, Entry> _databases = new(StringComparer.Ordinal);

    public InMemoryCatalog()
    {
        var database = new DatabaseInfo(CatalogRules.DefaultDatabase, "Default Hive database");
        _databases.Add(database.Name, new Entry(database));
    }

    public IReadOnlyList<string> ListDatabases()
    {
        lock (_lock) return Sorted(_databases.Keys);
    }

    public DatabaseInfo? GetDatabase(string name)
    {
        var key = CatalogRules.NormalizeName(name, "Schema");
        lock (_lock) return _databases.TryGetValue(key, out var entry) ? entry.Info : null;
    }

    public void CreateDatabase(DatabaseInfo database, bool ifNotExists)
    {
        var normalized = CatalogRules.Normalize(database);
        lock (_lock)
        {
            if (_databases.ContainsKey(normalized.Name))
            {
                if (ifNotExists) return;
                throw CatalogRules.SchemaExists(normalized.Name);
            }
            _databases.Add(normalized.Name, new Entry(normalized));
        }
    }

    public void DropDatabase(string name, bool ifExists, bool cascade)
    {
        var key = CatalogRules.NormalizeName(name, "Schema");
        lock (_lock)
        {
            if (!_databases.TryGetValue(key, out var entry))
            {
                if (ifExists) return;
                throw CatalogRules.SchemaNotFound(key);
            }
            if (key == CatalogRules.DefaultDatabase) throw CatalogRules.CannotDropDefault();
            if (entry.Tables.Count > 0 && !cascade) throw CatalogRules.SchemaNotEmpty(key);
            _databases.Remove(key);
        }
    }

    public IReadOnlyList<string> ListTables(string database)
    {
        var key = CatalogRules.NormalizeName(database, "Schema");
        lock (_lock)
        {
            if (!_databases.TryGetValue(key, out var entry)) throw CatalogRules.SchemaNotFound(key);
            return Sorted(entry.Tables.Keys);
        }
    }

    public TableInfo? GetTable(string database, string table)
    {
        var databaseKey = CatalogRules.NormalizeName(database, "Schema");
        var tableKey = CatalogRules.NormalizeName(table, "Table");
        lock (_lock)
        {
            return _databases.TryGetValue(databaseKey, out var entry) && entry.Tables.TryGetValue(tableKey, out var info) ? info.Info : null;
        }
    }

    public void CreateTable(TableInfo table, bool ifNotExists)
    {
        var normalized = CatalogRules.Normalize(table);
        lock (_lock)
        {
            if (!_databases.TryGetValue(normalized.Database, out var entry)) throw CatalogRules.SchemaNotFound(normalized.Database);
            if (entry.Tables.ContainsKey(normalized.Name))
            {
                if (ifNotExists) return;
                throw CatalogRules.TableExists(normalized.Database, normalized.Name);
            }
            entry.Tables.Add(normalized.Name, new TableEntry(normalized with { Version = 0 }));
        }
    }

    public void DropTable(string database, string table, bool ifExists)
    {
        var databaseKey = CatalogRules.NormalizeName(database, "Schema");
        var tableKey = CatalogRules.NormalizeName(table, "Table");
        lock (_lock)
        {
            if (_databases.TryGetValue(databaseKey, out var entry) && entry.Tables.Remove(tableKey)) return;
            if (ifExists) return;
            throw entry is null ? CatalogRules.SchemaNotFound(databaseKey) : CatalogRules.TableNotFound(databaseKey, tableKey);
        }
    }

    public void AlterDatabase(DatabaseInfo updated)
    {
        var normalized = CatalogRules.Normalize(updated);
        lock (_lock)
        {
            if (!_databases.TryGetValue(normalized.Name, out var entry)) throw CatalogRules.SchemaNotFound(normalized.Name);
            entry.Info = normalized;
        }
    }

    private static string[] Sorted(IEnumerable<string> names)
    {
        var result = names.ToArray();
        Array.Sort(result, StringComparer.Ordinal);
        return result;
    }

    private sealed class Entry(DatabaseInfo info)
    {
        public DatabaseInfo Info { get; set; } = info;

        public Dictionary<string, TableEntry> Tables { get; } = new(StringComparer.Ordinal);
    }

    /// <summary>A table with its partitions (by partition name) and column statistics (by column, per partition name; "" for the table).</summary>
    private sealed class TableEntry(TableInfo info)
    {
        public TableInfo Info { get; set; } = info;

        public SortedDictionary<string, PartitionInfo> Partitions { get; } = new(StringComparer.Ordinal);

        public Dictionary<string, Dictionary<string, ColumnStatistics>> Statistics { get; } = new(StringComparer.Ordinal);
    }
}
