namespace QueryEngine.Engine.Catalog.InformationSchema;

/// <summary>
/// A catalog with a read-only <c>information_schema</c> database in front of another catalog: its tables resolve
/// like any other (<see cref="InformationSchemaTables"/>), everything else goes to the inner catalog.
/// </summary>
public sealed class InformationSchemaCatalog(ICatalog inner) : ReadOnlySchemaCatalog(inner)
{
    protected override string SchemaName => InformationSchemaTables.Database;

    protected override DatabaseInfo SchemaInfo => InformationSchemaTables.DatabaseInfo;

    protected override IReadOnlyList<string> SchemaTables => InformationSchemaTables.Names;

    protected override TableInfo? SchemaTable(string table) => InformationSchemaTables.Table(CatalogRules.NormalizeName(table, "Table"));
}
