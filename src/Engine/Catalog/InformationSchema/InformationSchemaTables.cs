using QueryEngine.Engine.Columnar;

namespace QueryEngine.Engine.Catalog.InformationSchema;

/// <summary>
/// The tables of the read-only <c>information_schema</c> (Trino's layout): <c>schemata</c>, <c>tables</c>,
/// <c>columns</c> and <c>views</c>, computed from the catalog when scanned. Their <see cref="TableInfo"/> carries
/// <see cref="InputFormat"/> so that the session's table sources recognize them.
/// </summary>
internal static class InformationSchemaTables
{
    public const string Database = "information_schema";

    /// <summary>The input format that marks an information_schema table.</summary>
    public const string InputFormat = "queryengine.information_schema";

    /// <summary>The catalog name Athena reports.</summary>
    public const string CatalogName = "awsdatacatalog";

    private static readonly Dictionary<string, ColumnInfo[]> Definitions = new(StringComparer.Ordinal)
    {
        ["columns"] =
        [
            new("table_catalog", "string"), new("table_schema", "string"), new("table_name", "string"), new("column_name", "string"),
            new("ordinal_position", "bigint"), new("column_default", "string"), new("is_nullable", "string"), new("data_type", "string"),
            new("comment", "string"), new("extra_info", "string"),
        ],
        ["schemata"] = [new("catalog_name", "string"), new("schema_name", "string")],
        ["tables"] = [new("table_catalog", "string"), new("table_schema", "string"), new("table_name", "string"), new("table_type", "string")],
        ["views"] = [new("table_catalog", "string"), new("table_schema", "string"), new("table_name", "string"), new("view_definition", "string")],
    };

    public static IReadOnlyList<string> Names { get; } = Definitions.Keys.Order(StringComparer.Ordinal).ToArray();

    public static DatabaseInfo DatabaseInfo { get; } = new(Database, "Metadata of the catalog's schemas, tables, columns and views");

    public static bool IsInformationSchema(TableInfo table) => table.Database == Database && table.Storage.InputFormat == InputFormat;

    public static TableInfo? Table(string name) => Definitions.TryGetValue(name, out var columns)
        ? new TableInfo(Database, name, TableKind.Managed, columns, new StorageInfo(null, InputFormat, string.Empty, string.Empty))
        : null;

    /// <summary>
    /// The rows of an information_schema table, all columns, as one batch. <paramref name="schemaName"/> and
    /// <paramref name="tableName"/>, when given (from equality filters on column 1 / 2), limit what is read from the catalog.
    /// </summary>
    public static RecordBatch Rows(ICatalog catalog, TableInfo table, Schema schema, string? schemaName, string? tableName)
    {
        var builders = schema.Fields.Select(f => ArrayBuilder.Create(f.Type)).ToArray();
        var count = 0;
        foreach (var row in RowsOf(catalog, table.Name, schemaName, tableName))
        {
            for (var c = 0; c < builders.Length; c++) builders[c].AppendValue(row[c]);
            count++;
        }
        return new RecordBatch(schema, builders.Select(b => b.Build()).ToArray(), count);
    }

    private static IEnumerable<object?[]> RowsOf(ICatalog catalog, string name, string? schemaName, string? tableName)
    {
        var databases = catalog.ListDatabases().Append(Database).Where(d => schemaName is null || d == schemaName).Order(StringComparer.Ordinal).ToArray();
        switch (name)
        {
            case "schemata":
                foreach (var d in databases) yield return [CatalogName, d];
                break;
            case "tables":
                foreach (var t in AllTables(catalog, databases, tableName)) yield return [CatalogName, t.Database, t.Name, t.Kind == TableKind.View ? "VIEW" : "BASE TABLE"];
                break;
            case "views":
                foreach (var t in AllTables(catalog, databases, tableName).Where(t => t.Kind == TableKind.View)) yield return [CatalogName, t.Database, t.Name, t.ViewOriginalText];
                break;
            case "columns":
                foreach (var t in AllTables(catalog, databases, tableName))
                {
                    var position = 0L;
                    foreach (var c in t.Columns) yield return [CatalogName, t.Database, t.Name, c.Name, ++position, null, "YES", TypeName(c.HiveType), c.Comment, null];
                    foreach (var c in t.PartitionKeys) yield return [CatalogName, t.Database, t.Name, c.Name, ++position, null, "YES", TypeName(c.HiveType), c.Comment, "partition key"];
                }
                break;
        }
    }

    private static IEnumerable<TableInfo> AllTables(ICatalog catalog, IEnumerable<string> databases, string? tableName)
    {
        foreach (var database in databases)
        {
            foreach (var name in catalog.ListTables(database).Order(StringComparer.Ordinal))
            {
                if (tableName is not null && name != tableName) continue;
                if (catalog.GetTable(database, name) is { } table) yield return table;
            }
        }
    }

    /// <summary>The SQL name of a Hive type (integer, varchar, decimal(15,2), ...), or the Hive string when unknown.</summary>
    private static string TypeName(string hiveType) =>
        HiveTypes.TryParse(hiveType, out var type, out _) && type is not null ? type.SqlName : hiveType;
}
