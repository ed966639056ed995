using QueryEngine.Engine.Common;

namespace QueryEngine.Engine.Catalog;

/// <summary>
/// A catalog with one built-in, read-only schema (information_schema, the server's system schema) in front of another
/// catalog. The schema's tables resolve like any other; SHOW SCHEMAS does not list it (as in Athena); creating,
/// altering or dropping anything in it is an error; its tables have no partitions or statistics. Everything else goes
/// to <see cref="Inner"/>. Subclasses only say what the schema holds.
/// </summary>
public abstract class ReadOnlySchemaCatalog(ICatalog inner) : ICatalog
{
    public ICatalog Inner { get; } = inner ?? throw new ArgumentNullException(nameof(inner));

    /// <summary>The built-in schema's name.</summary>
    protected abstract string SchemaName { get; }

    /// <summary>What <see cref="GetDatabase"/> returns for the built-in schema.</summary>
    protected abstract DatabaseInfo SchemaInfo { get; }

    /// <summary>The built-in schema's table names.</summary>
    protected abstract IReadOnlyList<string> SchemaTables { get; }

    /// <summary>One of the built-in schema's tables, or null when it has none of that name.</summary>
    protected abstract TableInfo? SchemaTable(string table);

    public IReadOnlyList<string> ListDatabases() => Inner.ListDatabases();

    public DatabaseInfo? GetDatabase(string name) => IsBuiltIn(name) ? SchemaInfo : Inner.GetDatabase(name);

    public void CreateDatabase(DatabaseInfo database, bool ifNotExists)
    {
        ArgumentNullException.ThrowIfNull(database);
        if (IsBuiltIn(database.Name))
        {
            if (ifNotExists) return;
            throw CatalogRules.SchemaExists(SchemaName);
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

    public IReadOnlyList<string> ListTables(string database) => IsBuiltIn(database) ? SchemaTables : Inner.ListTables(database);

    public TableInfo? GetTable(string database, string table) => IsBuiltIn(database) ? SchemaTable(table) : Inner.GetTable(database, table);

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

    public IReadOnlyList<PartitionInfo> ListPartitions(string database, string table, PartitionFilter? filter = null) =>
        IsBuiltIn(database) ? [] : Inner.ListPartitions(database, table, filter);

    public void ReadPartitionPages(string database, string table, PartitionPageRequest request, IPartitionPageReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        if (IsBuiltIn(database)) reader.Begin(0);
        else Inner.ReadPartitionPages(database, table, request, reader);
    }

    public IReadOnlyList<string> ListPartitionNames(string database, string table) => IsBuiltIn(database) ? [] : Inner.ListPartitionNames(database, table);

    public int CountPartitions(string database, string table) => IsBuiltIn(database) ? 0 : Inner.CountPartitions(database, table);

    public void RenamePartition(string database, string table, IReadOnlyList<string> values, IReadOnlyList<string> newValues)
    {
        ReadOnly(database);
        Inner.RenamePartition(database, table, values, newValues);
    }

    public PartitionInfo? GetPartition(string database, string table, IReadOnlyList<string> values) =>
        IsBuiltIn(database) ? null : Inner.GetPartition(database, table, values);

    public int AddPartitions(string database, string table, IReadOnlyList<PartitionInfo> partitions, bool ifNotExists)
    {
        ReadOnly(database);
        return Inner.AddPartitions(database, table, partitions, ifNotExists);
    }

    public int DropPartitions(string database, string table, IReadOnlyList<IReadOnlyList<string>> values, bool ifExists)
    {
        ReadOnly(database);
        return Inner.DropPartitions(database, table, values, ifExists);
    }

    public void AlterPartition(PartitionInfo updated)
    {
        ArgumentNullException.ThrowIfNull(updated);
        Inner.AlterPartition(updated);
    }

    public void UpdateColumnStatistics(string database, string table, IReadOnlyList<string>? partitionValues, IReadOnlyList<ColumnStatistics> statistics)
    {
        ReadOnly(database);
        Inner.UpdateColumnStatistics(database, table, partitionValues, statistics);
    }

    public IReadOnlyList<ColumnStatistics> GetColumnStatistics(string database, string table, IReadOnlyList<string>? partitionValues, IReadOnlyList<string>? columns = null) =>
        IsBuiltIn(database) ? [] : Inner.GetColumnStatistics(database, table, partitionValues, columns);

    public int DeleteColumnStatistics(string database, string table, IReadOnlyList<string>? partitionValues, string? column = null)
    {
        ReadOnly(database);
        return Inner.DeleteColumnStatistics(database, table, partitionValues, column);
    }

    private bool IsBuiltIn(string database) => string.Equals(database, SchemaName, StringComparison.OrdinalIgnoreCase);

    private void ReadOnly(string database)
    {
        if (IsBuiltIn(database)) throw new SemanticException($"Schema '{SchemaName}' is read-only");
    }
}
