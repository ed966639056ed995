using QueryEngine.Engine.Catalog;

namespace QueryEngine.FlightServer.SystemTables;

/// <summary>
/// The server's catalog for SQL: a read-only <c>system</c> database holding <c>queries</c> in front of the metastore.
/// Like information_schema it is not listed by SHOW SCHEMAS; anything else goes to the inner catalog.
/// </summary>
internal sealed class SystemCatalog(ICatalog inner) : ReadOnlySchemaCatalog(inner)
{
    protected override string SchemaName => SystemQueriesTable.Database;

    protected override DatabaseInfo SchemaInfo => SystemQueriesTable.DatabaseInfo;

    protected override IReadOnlyList<string> SchemaTables { get; } = [SystemQueriesTable.Name];

    protected override TableInfo? SchemaTable(string table) =>
        string.Equals(table, SystemQueriesTable.Name, StringComparison.OrdinalIgnoreCase) ? SystemQueriesTable.Table : null;
}
