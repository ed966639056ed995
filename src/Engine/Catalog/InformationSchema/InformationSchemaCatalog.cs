using QueryEngine.Engine.Common;

namespace QueryEngine.Engine.Catalog.InformationSchema;

/// <summary>
/// A catalog with a read-only <c>information_schema</c> database in front of another catalog: its tables resolve
/// like any other (<see cref="InformationSchemaTables"/>), everything else goes to <see cref="Inner"/>. SHOW SCHEMAS
/// does not list it (as in Athena); creating or dropping anything in it is an error.
/// </summary>
public sealed class InformationSchemaCatalog(ICatalog inner) : ICatalog
{
    public ICatalog Inner { get; } = inner ?? throw new ArgumentNullException(nameof(inner));

    public IReadOnlyList<string> ListDatabases() => Inner.ListDatabases();

    public DatabaseInfo? GetDatabase(string name) => IsSystem(name) ? InformationSchemaTables.DatabaseInfo : Inner.GetDatabase(name);

    public void CreateDatabase(DatabaseInfo database, bool ifNotExists)
    {
        ArgumentNullException.ThrowIfNull(database);
        if (IsSystem(database.Name))
        {
            if (ifNotExists) return;
            throw CatalogRules.SchemaExists(InformationSchemaTables.Database);
        }
        Inner.CreateDatabase(database, ifNotExists);
    }

    public void DropDatabase(string name, bool ifExists, bool cascade)
    {
        ReadOnly(name);
        Inner.DropDatabase(name, ifExists, cascade);
    }

    public void AlterDatabase(DatabaseInfo updated)
    {
        ArgumentNullException.ThrowIfNull(updated);
        ReadOnly(updated.Name);
        Inner.AlterDatabase(updated);
    }

    public IReadOnlyList<string> ListTables(string database) => IsSystem(database) ? InformationSchemaTables.Names : Inner.ListTables(database);

    public TableInfo? GetTable(string database, string table) =>
        IsSystem(database) ? InformationSchemaTables.Table(CatalogRules.NormalizeName(table, "Table")) : Inner.GetTable(database, table);

    public void CreateTable(TableInfo table, bool ifNotExists)
    {
        ArgumentNullException.ThrowIfNull(table);
        ReadOnly(table.Database);
        Inner.CreateTable(table, ifNotExists);
    }

    public void DropTable(string database, string table, bool ifExists)
    {
        ReadOnly(database);
        Inner.DropTable(database, table, ifExists);
    }

    public bool CommitWrite(TableWriteCommit commit)
    {
        ArgumentNullException.ThrowIfNull(commit);
        ReadOnly(commit.Table.Database);
        return Inner.CommitWrite(commit);
    }

    public void AlterTable(string database, string table, TableInfo updated)
    {
        ArgumentNullException.ThrowIfNull(updated);
        ReadOnly(database);
        ReadOnly(updated.Database);
        Inner.AlterTable(database, table, updated);
    }

    public IReadOnlyList<PartitionInfo> ListPartitions(string database, string table, PartitionFilter? filter = null) => Inner.ListPartitions(database, table, filter);

    public IReadOnlyList<string> ListPartitionNames(string database, string table) => Inner.ListPartitionNames(database, table);

    public int CountPartitions(string database, string table) => Inner.CountPartitions(database, table);

    public void RenamePartition(string database, string table, IReadOnlyList<string> values, IReadOnlyList<string> newValues) =>
        Inner.RenamePartition(database, table, values, newValues);

    public PartitionInfo? GetPartition(string database, string table, IReadOnlyList<string> values) => Inner.GetPartition(database, table, values);

    public int AddPartitions(string database, string table, IReadOnlyList<PartitionInfo> partitions, bool ifNotExists) =>
        Inner.AddPartitions(database, table, partitions, ifNotExists);

    public int DropPartitions(string database, string table, IReadOnlyList<IReadOnlyList<string>> values, bool ifExists) =>
        Inner.DropPartitions(database, table, values, ifExists);

    public void AlterPartition(PartitionInfo updated) => Inner.AlterPartition(updated);

    public void UpdateColumnStatistics(string database, string table, IReadOnlyList<string>? partitionValues, IReadOnlyList<ColumnStatistics> statistics) =>
        Inner.UpdateColumnStatistics(database, table, partitionValues, statistics);

    public IReadOnlyList<ColumnStatistics> GetColumnStatistics(string database, string table, IReadOnlyList<string>? partitionValues, IReadOnlyList<string>? columns = null) =>
        Inner.GetColumnStatistics(database, table, partitionValues, columns);

    public int DeleteColumnStatistics(string database, string table, IReadOnlyList<string>? partitionValues, string? column = null) =>
        Inner.DeleteColumnStatistics(database, table, partitionValues, column);

    private static bool IsSystem(string database) =>
        string.Equals(database, InformationSchemaTables.Database, StringComparison.OrdinalIgnoreCase);

    private static void ReadOnly(string database)
    {
        if (IsSystem(database)) throw new SemanticException($"Schema '{InformationSchemaTables.Database}' is read-only");
    }
}
