using QueryEngine.Engine.Catalog;
using QueryEngine.Engine.Columnar;
using QueryEngine.Engine.Columnar.Ipc;
using QueryEngine.FlightServer.Protocol.Sql;

namespace QueryEngine.FlightServer.FlightSql;

/// <summary>
/// CommandGetCatalogs / DbSchemas / Tables / TableTypes answered from the metastore: one catalog, its databases
/// as schemas, tables of type TABLE (external and managed) or VIEW; ordered as the spec asks.
/// </summary>
internal sealed class CatalogMetadata(ICatalog catalog, string catalogName)
{
    public static readonly string[] TableTypes = ["TABLE", "VIEW"];

    public FlightResult Catalogs() => ResultBatches.FromRows(MetadataSchemas.Catalogs, [[catalogName]]);

    public FlightResult DbSchemas(CommandGetDbSchemas command)
    {
        var rows = new List<object?[]>();
        if (CatalogMatches(command.HasCatalog ? command.Catalog : null))
        {
            foreach (var database in catalog.ListDatabases().Order(StringComparer.Ordinal))
            {
                if (LikePattern.Matches(command.HasDbSchemaFilterPattern ? command.DbSchemaFilterPattern : null, database))
                {
                    rows.Add([catalogName, database]);
                }
            }
        }
        return ResultBatches.FromRows(MetadataSchemas.DbSchemas, rows);
    }

    public FlightResult Tables(CommandGetTables command)
    {
        var fields = command.IncludeSchema ? MetadataSchemas.TablesWithSchema : MetadataSchemas.Tables;
        var rows = new List<object?[]>();
        if (!CatalogMatches(command.HasCatalog ? command.Catalog : null)) return ResultBatches.FromRows(fields, rows);
        var schemaPattern = command.HasDbSchemaFilterPattern ? command.DbSchemaFilterPattern : null;
        var tablePattern = command.HasTableNameFilterPattern ? command.TableNameFilterPattern : null;
        foreach (var database in catalog.ListDatabases().Order(StringComparer.Ordinal))
        {
            if (!LikePattern.Matches(schemaPattern, database)) continue;
            foreach (var name in catalog.ListTables(database).Order(StringComparer.Ordinal))
            {
                if (!LikePattern.Matches(tablePattern, name)) continue;
                var table = catalog.GetTable(database, name);
                if (table is null) continue;
                var type = table.Kind == TableKind.View ? "VIEW" : "TABLE";
                if (command.TableTypes.Count > 0 && !command.TableTypes.Contains(type, StringComparer.OrdinalIgnoreCase)) continue;
                rows.Add(command.IncludeSchema ? [catalogName, database, name, type, TableSchema(table)] : [catalogName, database, name, type]);
            }
        }
        return ResultBatches.FromRows(fields, rows);
    }

    public static FlightResult TableTypeList() => ResultBatches.FromRows(MetadataSchemas.TableTypes, TableTypes.Select(t => new object?[] { t }).ToList());

    private bool CatalogMatches(string? requested) => requested is null || string.Equals(requested, catalogName, StringComparison.OrdinalIgnoreCase);

    /// <summary>The table's columns (then partition keys) as an IPC schema message, with Flight SQL column metadata.</summary>
    private byte[] TableSchema(TableInfo table)
    {
        var fields = new List<Field>();
        foreach (var column in table.Columns.Concat(table.PartitionKeys))
        {
            var type = HiveTypes.Parse(column.HiveType);
            var metadata = new Dictionary<string, string>
            {
                ["ARROW:FLIGHT:SQL:CATALOG_NAME"] = catalogName,
                ["ARROW:FLIGHT:SQL:DB_SCHEMA_NAME"] = table.Database,
                ["ARROW:FLIGHT:SQL:TABLE_NAME"] = table.Name,
                ["ARROW:FLIGHT:SQL:TYPE_NAME"] = column.HiveType,
            };
            if (type is DecimalType d)
            {
                metadata["ARROW:FLIGHT:SQL:PRECISION"] = d.Precision.ToString(System.Globalization.CultureInfo.InvariantCulture);
                metadata["ARROW:FLIGHT:SQL:SCALE"] = d.Scale.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }
            fields.Add(new Field(column.Name, type) { Metadata = metadata });
        }
        return IpcStreamWriter.SchemaBytes(new Schema(fields));
    }
}
