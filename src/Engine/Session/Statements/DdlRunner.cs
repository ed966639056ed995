using QueryEngine.Engine.Catalog;
using QueryEngine.Engine.Common;
using QueryEngine.Engine.Planning.Binder;
using QueryEngine.Engine.Sql;
using QueryEngine.Engine.Sql.Ast;

namespace QueryEngine.Engine.Session.Statements;

/// <summary>CREATE / DROP of schemas, tables and views against the catalog; ALTER TABLE and MSCK go to <see cref="AlterRunner"/>.</summary>
internal sealed class DdlRunner(QuerySession session)
{
    private const string Owner = "qe";

    public StatementResult Run(Statement statement)
    {
        switch (statement)
        {
            case CreateSchema s:
                CreateSchema(s);
                return StatementResult.Ok("CREATE SCHEMA");
            case DropSchema s:
                session.Catalog.DropDatabase(s.Name.Last.CanonicalValue, s.IfExists, s.Cascade);
                return StatementResult.Ok("DROP SCHEMA");
            case CreateExternalTable t:
                session.Catalog.CreateTable(ExternalTable(t), t.IfNotExists);
                return StatementResult.Ok("CREATE TABLE");
            case CreateTable t:
                session.Catalog.CreateTable(TrinoTable(t), t.IfNotExists);
                return StatementResult.Ok("CREATE TABLE");
            case DropTable t:
                DropRelation(t.Name, t.IfExists, view: false);
                return StatementResult.Ok("DROP TABLE");
            case CreateView v:
                CreateView(v);
                return StatementResult.Ok("CREATE VIEW");
            case DropView v:
                DropRelation(v.Name, v.IfExists, view: true);
                return StatementResult.Ok("DROP VIEW");
            case AlterTableAddPartition or AlterTableDropPartition or AlterTableSetLocation or AlterTableRenamePartition or AlterTableSetProperties or AlterTableUnsetProperties
                or AlterTableAddColumns or AlterTableReplaceColumns or RenameTable or MsckRepairTable:
                return new AlterRunner(session).Run(statement);
            default:
                throw new NotSupportedQueryException($"{Name(statement)} is not supported yet", statement.Span);
        }
    }

    private static string Name(Statement statement) => statement.GetType().Name;

    private void CreateSchema(CreateSchema s)
    {
        var location = s.Location;
        foreach (var p in s.Properties)
        {
            if (p.Name.CanonicalValue == "location" && p.Value is StringLiteral l) location = l.Value;
            else throw new SemanticException($"Unknown schema property '{p.Name.Value}'", p.Span);
        }
        var info = new DatabaseInfo(s.Name.Last.CanonicalValue, s.Comment, location)
        {
            Parameters = s.DbProperties.ToDictionary(p => p.Key, p => p.Value),
            Owner = Owner,
        };
        session.Catalog.CreateDatabase(info, s.IfNotExists);
    }

    private (string Database, string Table) Resolve(QualifiedName name) =>
        new QueryBinder(session.Catalog, session.Sources, session.CurrentDatabase).ResolveTableName(name);

    /// <summary>A catalog column from a column definition; the type must be a known Hive type.</summary>
    internal static ColumnInfo Column(ColumnDefinition c)
    {
        var hive = c.Type.ToHiveString();
        if (!HiveTypes.TryParse(hive, out _, out var error))
        {
            throw new SemanticException($"Unknown type '{hive}' for column '{c.Name.Value}': {error}", c.Type.Span);
        }
        return new ColumnInfo(c.Name.CanonicalValue, hive, c.Comment);
    }

    private TableInfo ExternalTable(CreateExternalTable t)
    {
        var (database, name) = Resolve(t.Name);
        var columns = t.Columns.Select(Column).ToArray();
        var partitionKeys = t.PartitionedBy.Select(Column).ToArray();
        CheckDuplicateColumns(columns.Concat(partitionKeys), t.Span);
        var clustering = t.ClusteredBy is { } clusteredBy ? ClusteredTables.Resolve(clusteredBy, columns, partitionKeys) : null;

        var format = t.StoredAs is { Name: { } storedAs } ? StorageFormats.ForStoredAs(storedAs == "JSONFILE" ? "JSON" : storedAs, t.StoredAs.Span) : StorageFormats.ForStoredAs("TEXTFILE");
        var inputFormat = t.StoredAs?.InputFormat ?? format.InputFormat;
        var outputFormat = t.StoredAs?.OutputFormat ?? format.OutputFormat;
        var serde = format.Serde;
        var serdeParameters = new Dictionary<string, string>();
        switch (t.RowFormat)
        {
            case RowFormatDelimited d:
                serde = StorageInfo.Formats.LazySimpleSerde;
                // Hive keeps the unescaped characters ('\t' is a tab, '\001' is U+0001).
                if (d.FieldsTerminatedBy is { } f)
                {
                    serdeParameters["field.delim"] = HiveStrings.Unescape(f);
                    serdeParameters["serialization.format"] = HiveStrings.Unescape(f);
                }
                if (d.EscapedBy is { } e) serdeParameters["escape.delim"] = HiveStrings.Unescape(e);
                if (d.CollectionItemsTerminatedBy is { } ci) serdeParameters["collection.delim"] = HiveStrings.Unescape(ci);
                if (d.MapKeysTerminatedBy is { } mk) serdeParameters["mapkey.delim"] = HiveStrings.Unescape(mk);
                if (d.LinesTerminatedBy is { } ln) serdeParameters["line.delim"] = HiveStrings.Unescape(ln);
                if (d.NullDefinedAs is { } nd) serdeParameters["serialization.null.format"] = HiveStrings.Unescape(nd);
                break;
            case RowFormatSerde s:
                serde = s.SerdeClass;
                foreach (var p in s.Properties) serdeParameters[p.Key] = HiveStrings.Unescape(p.Value);
                break;
        }

        var parameters = t.TableProperties.ToDictionary(p => p.Key, p => p.Value);
        string location;
        if (t.External)
        {
            location = t.Location ?? throw new SemanticException("External tables must have a LOCATION", t.Name.Span);
            parameters["EXTERNAL"] = "TRUE";
        }
        else
        {
            location = t.Location ?? DefaultLocation(database, name);
        }
        return new TableInfo(database, name, t.External ? TableKind.External : TableKind.Managed, columns,
            new StorageInfo(location, inputFormat, outputFormat, serde)
            {
                SerdeParameters = serdeParameters,
                BucketColumns = clustering?.BucketColumns ?? [],
                BucketCount = clustering?.BucketCount ?? 0,
                SortColumns = clustering?.SortColumns ?? [],
            })
        {
            PartitionKeys = partitionKeys,
            Parameters = parameters,
            Owner = Owner,
            CreateTime = DateTimeOffset.UtcNow,
            Comment = t.Comment,
        };
    }

    private TableInfo TrinoTable(CreateTable t)
    {
        var (database, name) = Resolve(t.Name);
        var columns = t.Columns.Select(Column).ToArray();
        CheckDuplicateColumns(columns, t.Span);
        var format = StorageFormats.ForStoredAs("PARQUET");
        string? externalLocation = null;
        foreach (var p in t.Properties)
        {
            var key = p.Name.CanonicalValue;
            switch (key)
            {
                case "format" when p.Value is StringLiteral f:
                    format = StorageFormats.ForStoredAs(f.Value == "JSONFILE" ? "JSON" : f.Value, p.Value.Span);
                    break;
                case "external_location" when p.Value is StringLiteral l:
                    externalLocation = l.Value;
                    break;
                default:
                    throw new NotSupportedQueryException($"Table property '{key}' is not supported yet", p.Span);
            }
        }
        var parameters = new Dictionary<string, string>();
        if (externalLocation is not null) parameters["EXTERNAL"] = "TRUE";
        return new TableInfo(database, name, externalLocation is null ? TableKind.Managed : TableKind.External, columns,
            new StorageInfo(externalLocation ?? DefaultLocation(database, name), format.InputFormat, format.OutputFormat, format.Serde))
        {
            Parameters = parameters,
            Owner = Owner,
            CreateTime = DateTimeOffset.UtcNow,
            Comment = t.Comment,
        };
    }

    private static void CheckDuplicateColumns(IEnumerable<ColumnInfo> columns, SourceSpan span)
    {
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var c in columns)
        {
            if (!seen.Add(c.Name)) throw new SemanticException($"Column name '{c.Name}' specified more than once", span);
        }
    }

    private string DefaultLocation(string database, string table)
    {
        var root = session.Catalog.GetDatabase(database)?.Location ?? Path.Combine(session.Options.Warehouse, database);
        return root.EndsWith('/') ? root + table : root + "/" + table;
    }

    private void CreateView(CreateView v)
    {
        var (database, name) = Resolve(v.Name);
        var binder = new QueryBinder(session.Catalog, session.Sources, session.CurrentDatabase);
        var bound = binder.Bind(v.Query);
        var columns = bound.Columns.Select(c => new ColumnInfo(c.Name, HiveTypes.Format(c.Type))).ToArray();
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < columns.Length; i++)
        {
            // Unnamed select items get generated "_colN" names; a view must name every column, once.
            if (System.Text.RegularExpressions.Regex.IsMatch(columns[i].Name, @"^_col\d+$", System.Text.RegularExpressions.RegexOptions.CultureInvariant))
            {
                throw new SemanticException($"Column name not specified at position {i + 1}", v.Query.Span);
            }
            if (!seen.Add(columns[i].Name)) throw new SemanticException($"Column name '{columns[i].Name}' specified more than once", v.Query.Span);
        }
        var existing = session.Catalog.GetTable(database, name);
        if (existing is not null)
        {
            if (existing.Kind != TableKind.View) throw new SemanticException($"'{database}.{name}' is a table, not a view", v.Name.Span, code: ErrorCode.AlreadyExists);
            if (!v.OrReplace) throw new SemanticException($"View '{database}.{name}' already exists", v.Name.Span, code: ErrorCode.AlreadyExists);
            session.Catalog.DropTable(database, name, ifExists: true);
        }
        var view = new TableInfo(database, name, TableKind.View, columns, new StorageInfo(null, "", "", ""))
        {
            ViewOriginalText = v.QueryText,
            ViewExpandedText = v.QueryText,
            Owner = Owner,
            CreateTime = DateTimeOffset.UtcNow,
            Comment = v.Comment,
            Parameters = new Dictionary<string, string> { ["presto_view"] = "true" },
        };
        session.Catalog.CreateTable(view, ifNotExists: false);
    }

    private void DropRelation(QualifiedName qualified, bool ifExists, bool view)
    {
        var (database, name) = Resolve(qualified);
        var existing = session.Catalog.GetTable(database, name);
        if (existing is null)
        {
            if (ifExists) return;
            throw new NotFoundException(ErrorCode.TableNotFound, $"{(view ? "View" : "Table")} '{database}.{name}' does not exist", qualified.Span);
        }
        if (view && existing.Kind != TableKind.View) throw new SemanticException($"'{database}.{name}' is a table, not a view: use DROP TABLE", qualified.Span);
        if (!view && existing.Kind == TableKind.View) throw new SemanticException($"'{database}.{name}' is a view, not a table: use DROP VIEW", qualified.Span);
        session.Catalog.DropTable(database, name, ifExists);
        // A managed table in its default folder (CTAS without external_location, CREATE TABLE without LOCATION)
        // owns that folder: its data goes with it. External tables, and managed ones declared over a LOCATION
        // of the user's, keep their files.
        if (existing.Kind == TableKind.Managed && existing.Storage.Location is { } location &&
            string.Equals(location.TrimEnd('/'), DefaultLocation(database, name).TrimEnd('/'), StringComparison.Ordinal))
        {
            try
            {
                // As a folder ('/'-terminated): object stores delete every key under the prefix.
                session.StoreFor(location).Delete(location.EndsWith('/') ? location : location + "/");
            }
            catch (StorageException ex)
            {
                throw new StorageException($"Table '{database}.{name}' was dropped, but its data at {existing.Storage.Location} could not be deleted: {ex.Message}", ex, ex.Failure);
            }
        }
    }
}
