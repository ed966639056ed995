using QueryEngine.Engine.Catalog;
using QueryEngine.Engine.Common;

namespace QueryEngine.FlightServer.SystemTables;

/// <summary>
/// The server's catalog for SQL: a read-only <c>system</c> database holding <c>queries</c> in front of the metastore.
/// Like information_schema it is not listed by SHOW SCHEMAS; anything else goes to <paramref name="inner"/>.
/// </summary>
internal sealed class SystemCatalog(ICatalog inner) : ICatalog
{
    public IReadOnlyList<string> ListDatabases() => inner.ListDatabases();

    public DatabaseInfo? GetDatabase(string name) => IsSystem(name) ? SystemQueriesTable.DatabaseInfo : inner.GetDatabase(name);

    public void CreateDatabase(DatabaseInfo database, bool ifNotExists)
    {
        ArgumentNullException.ThrowIfNull(database);
        if (IsSystem(database.Name))
        {
            if (ifNotExists) return;
            throw CatalogRules.SchemaExists(SystemQueriesTable.Database);
        }
        inner.CreateDatabase(database, ifNotExists);
    }

    public void DropDatabase(string name, bool ifExists, bool cascade)
    {
        ReadOnly(name);
        inner.DropDatabase(name, ifExists, cascade);
    }

    public void AlterDatabase(DatabaseInfo updated)
    {
        ArgumentNullException.ThrowIfNull(updated);
        ReadOnly(updated.Name);
        inner.AlterDatabase(updated);
    }

    public IReadOnlyList<string> ListTables(string database) => IsSystem(database) ? [SystemQueriesTable.Name] : inner.ListTables(database);

    public TableInfo? GetTable(string database, string table) => IsSystem(database)
        ? string.Equals(table, SystemQueriesTable.Name, StringComparison.OrdinalIgnoreCase) ? SystemQueriesTable.Table : null
        : inner.GetTable(database, table);

    public void CreateTable(TableInfo table, bool ifNotExists)
    {
        ArgumentNullException.ThrowIfNull(table);
        ReadOnly(table.Database);
        inner.CreateTable(table, ifNotExists);
    }

    public void DropTable(string database, string table, bool ifExists)
    {
        ReadOnly(database);
        inner.DropTable(database, table, ifExists);
    }

    public bool CommitWrite(TableWriteCommit commit)
    {
        ArgumentNullException.ThrowIfNull(commit);
        ReadOnly(commit.Table.Database);
        return inner.CommitWrite(commit);
    }

    public void AlterTable(string database, string table, TableInfo updated)
    {
        ArgumentNullException.ThrowIfNull(updated);
        ReadOnly(database);
        ReadOnly(updated.Database);
        inner.AlterTable(database, table, updated);
    }

    public IReadOnlyList<PartitionInfo> ListPartitions(string database, string table, PartitionFilter? filter = null) =>
        IsSystem(database) ? [] : inner.ListPartitions(database, table, filter);

    public IReadOnlyList<string> ListPartitionNames(string database, string table) => IsSystem(database) ? [] : inner.ListPartitionNames(database, table);

    public int CountPartitions(string database, string table) => IsSystem(database) ? 0 : inner.CountPartitions(database, table);

    public void RenamePartition(string database, string table, IReadOnlyList<string> values, IReadOnlyList<string> newValues)
    {
        ReadOnly(database);
        inner.RenamePartition(database, table, values, newValues);
    }

    public PartitionInfo? GetPartition(string database, string table, IReadOnlyList<string> values) =>
        IsSystem(database) ? null : inner.GetPartition(database, table, values);

    public int AddPartitions(string database, string table, IReadOnlyList<PartitionInfo> partitions, bool ifNotExists)
    {
        ReadOnly(database);
        return inner.AddPartitions(database, table, partitions, ifNotExists);
    }

    public int DropPartitions(string database, string table, IReadOnlyList<IReadOnlyList<string>> values, bool ifExists)
    {
        ReadOnly(database);
        return inner.DropPartitions(database, table, values, ifExists);
    }

    public void AlterPartition(PartitionInfo updated)
    {
        ArgumentNullException.ThrowIfNull(updated);
        inner.AlterPartition(updated);
    }

    public void UpdateColumnStatistics(string database, string table, IReadOnlyList<string>? partitionValues, IReadOnlyList<ColumnStatistics> statistics)
    {
        ReadOnly(database);
        inner.UpdateColumnStatistics(database, table, partitionValues, statistics);
    }

    public IReadOnlyList<ColumnStatistics> GetColumnStatistics(string database, string table, IReadOnlyList<string>? partitionValues, IReadOnlyList<string>? columns = null) =>
        IsSystem(database) ? [] : inner.GetColumnStatistics(database, table, partitionValues, columns);

    public int DeleteColumnStatistics(string database, string table, IReadOnlyList<string>? partitionValues, string? column = null)
    {
        ReadOnly(database);
        return inner.DeleteColumnStatistics(database, table, partitionValues, column);
    }

    private static bool IsSystem(string database) => string.Equals(database, SystemQueriesTable.Database, StringComparison.OrdinalIgnoreCase);

    private static void ReadOnly(string database)
    {
        if (IsSystem(database)) throw new SemanticException($"Schema '{SystemQueriesTable.Database}' is read-only");
    }
}
