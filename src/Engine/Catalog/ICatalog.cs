namespace QueryEngine.Engine.Catalog;

/// <summary>
/// The engine's view of the metastore: databases and tables in Hive's model. Implementations live in
/// QueryEngine.Metastore (SQLite, PostgreSQL) and <c>InMemoryCatalog</c>. Names are case-insensitive
/// and stored lower-case. Errors: <see cref="Common.NotFoundException"/> for a missing object,
/// <see cref="Common.SemanticException"/> with <see cref="Common.ErrorCode.AlreadyExists"/> for a duplicate.
/// </summary>
public interface ICatalog
{
    IReadOnlyList<string> ListDatabases();

    DatabaseInfo? GetDatabase(string name);

    void CreateDatabase(DatabaseInfo database, bool ifNotExists);

    /// <summary>Drops a database; without <paramref name="cascade"/> it must be empty.</summary>
    void DropDatabase(string name, bool ifExists, bool cascade);

    IReadOnlyList<string> ListTables(string database);

    TableInfo? GetTable(string database, string table);

    void CreateTable(TableInfo table, bool ifNotExists);

    void DropTable(string database, string table, bool ifExists);
}
