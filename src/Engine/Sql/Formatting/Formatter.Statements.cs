using System.Globalization;
using QueryEngine.Engine.Sql.Ast;
using P = QueryEngine.Engine.Sql.Parsing.Parser.Precedence;

namespace QueryEngine.Engine.Sql.Formatting;

internal sealed partial class Formatter
{
    private void CallArgument(CallArgument argument)
    {
        if (argument.Name is { } name)
        {
            Ident(name);
            Append(" => ");
        }
        Expr(argument.Value, P.Lowest);
    }

    private void Statement(Statement statement)
    {
        switch (statement)
        {
            case QueryStatement q:
                Query(q.Query);
                break;
            case Explain e:
                Append("EXPLAIN ");
                if (e.Analyze) Append("ANALYZE ");
                if (e.Verbose) Append("VERBOSE ");
                if (e.Format is not null || e.Type is not null)
                {
                    Append('(');
                    if (e.Format is { } format) Append("FORMAT " + format.ToString().ToUpperInvariant());
                    if (e.Format is not null && e.Type is not null) Append(", ");
                    if (e.Type is { } type) Append("TYPE " + type.ToString().ToUpperInvariant());
                    Append(") ");
                }

                Statement(e.Statement);
                break;
            case ShowSchemas s:
                Append("SHOW SCHEMAS");
                if (s.Catalog is not null)
                {
                    Append(" FROM ");
                    Ident(s.Catalog);
                }

                Like(s.Pattern, s.Escape);
                break;
            case ShowCatalogs s:
                Append("SHOW CATALOGS");
                Like(s.Pattern, s.Escape);
                break;
            case ShowTables s:
                Append("SHOW TABLES");
                OptionalFrom(s.Schema);
                Like(s.Pattern, s.Escape);
                break;
            case ShowViews s:
                Append("SHOW VIEWS");
                OptionalFrom(s.Schema);
                Like(s.Pattern, s.Escape);
                break;
            case ShowColumns s:
                Append("SHOW COLUMNS FROM ");
                Name(s.Table);
                Like(s.Pattern, s.Escape);
                break;
            case ShowPartitions s:
                Append("SHOW PARTITIONS ");
                Name(s.Table);
                break;
            case ShowStats s:
                Append("SHOW STATS FOR ");
                Name(s.Table);
                break;
            case AnalyzeTable s:
                Append("ANALYZE ");
                Name(s.Table);
                break;
            case ShowCreateTable s:
                Append("SHOW CREATE TABLE ");
                Name(s.Table);
                break;
            case ShowCreateView s:
                Append("SHOW CREATE VIEW ");
                Name(s.View);
                break;
            case ShowTblProperties s:
                Append("SHOW TBLPROPERTIES ");
                Name(s.Table);
                if (s.PropertyName is not null)
                {
                    Append(" (");
                    StringLiteral(s.PropertyName);
                    Append(')');
                }

                break;
            case ShowFunctions s:
                Append("SHOW FUNCTIONS");
                Like(s.Pattern, s.Escape);
                break;
            case ShowSession:
                Append("SHOW SESSION");
                break;
            case DescribeTable d:
                Append("DESCRIBE ");
                if (d.Extended) Append("EXTENDED ");
                if (d.Formatted) Append("FORMATTED ");
                Name(d.Table);
                break;
            case DescribeInput d:
                Append("DESCRIBE INPUT ");
                Ident(d.Name);
                break;
            case DescribeOutput d:
                Append("DESCRIBE OUTPUT ");
                Ident(d.Name);
                break;
            case Use u:
                Append("USE ");
                if (u.Catalog is not null)
                {
                    Ident(u.Catalog);
                    Append('.');
                }

                Ident(u.Schema);
                break;
            case SetSession s:
                Append("SET SESSION ");
                Name(s.Name);
                Append(" = ");
                Expr(s.Value, P.Lowest);
                break;
            case SetTimeZone { Zone: null }:
                Append("SET TIME ZONE LOCAL");
                break;
            case SetTimeZone z:
                Append("SET TIME ZONE ");
                Expr(z.Zone!, P.Lowest);
                break;
            case ResetSession r:
                Append("RESET SESSION ");
                Name(r.Name);
                break;
            case Prepare p:
                Append("PREPARE ");
                Ident(p.Name);
                Append(" FROM ");
                Statement(p.Statement);
                break;
            case Call c:
                Append("CALL ");
                Name(c.Procedure);
                Append("(");
                List(c.Arguments, CallArgument);
                Append(")");
                break;
            case Execute e:
                Append("EXECUTE ");
                Ident(e.Name);
                if (e.Parameters.Count > 0)
                {
                    Append(" USING ");
                    List(e.Parameters, p => Expr(p, P.Lowest));
                }

                break;
            case Deallocate d:
                Append("DEALLOCATE PREPARE ");
                Ident(d.Name);
                break;
            default:
                DdlStatement(statement);
                break;
        }
    }

    private void Like(string? pattern, string? escape)
    {
        if (pattern is null) return;
        Append(" LIKE ");
        StringLiteral(pattern);
        if (escape is null) return;
        Append(" ESCAPE ");
        StringLiteral(escape);
    }

    private void OptionalFrom(QualifiedName? schema)
    {
        if (schema is null) return;
        Append(" FROM ");
        Name(schema);
    }

    private void DdlStatement(Statement statement)
    {
        switch (statement)
        {
            case CreateSchema c:
                Append("CREATE SCHEMA ");
                if (c.IfNotExists) Append("IF NOT EXISTS ");
                Name(c.Name);
                OptionalString(" COMMENT ", c.Comment);
                OptionalString(" LOCATION ", c.Location);
                if (c.DbProperties.Count > 0)
                {
                    Append(" WITH DBPROPERTIES ");
                    StringProperties(c.DbProperties);
                }

                Properties(c.Properties);
                break;
            case DropSchema d:
                Append("DROP SCHEMA ");
                if (d.IfExists) Append("IF EXISTS ");
                Name(d.Name);
                if (d.Cascade) Append(" CASCADE");
                break;
            case CreateTable c:
                Append("CREATE TABLE ");
                if (c.IfNotExists) Append("IF NOT EXISTS ");
                Name(c.Name);
                Append(' ');
                ColumnDefinitions(c.Columns);
                OptionalString(" COMMENT ", c.Comment);
                Properties(c.Properties);
                break;
            case CreateExternalTable c:
                _hiveTypes = true;
                CreateExternalTable(c);
                _hiveTypes = false;
                break;
            case CreateTableAsSelect c:
                Append("CREATE TABLE ");
                if (c.IfNotExists) Append("IF NOT EXISTS ");
                Name(c.Name);
                if (c.ColumnAliases.Count > 0)
                {
                    Append(' ');
                    ParenthesizedIdentifiers(c.ColumnAliases);
                }

                OptionalString(" COMMENT ", c.Comment);
                Properties(c.Properties);
                Append(" AS ");
                Query(c.Query);
                if (!c.WithData) Append(" WITH NO DATA");
                break;
            case InsertInto i:
                Append("INSERT INTO ");
                Name(i.Table);
                if (i.Columns.Count > 0)
                {
                    Append(' ');
                    ParenthesizedIdentifiers(i.Columns);
                }

                Append(' ');
                Query(i.Query);
                break;
            case Unload u:
                Append("UNLOAD (");
                Query(u.Query);
                Append(") TO ");
                StringLiteral(u.Location);
                Properties(u.Properties);
                break;
            case CreateView v:
                Append(v.OrReplace ? "CREATE OR REPLACE VIEW " : "CREATE VIEW ");
                Name(v.Name);
                OptionalString(" COMMENT ", v.Comment);
                Append(" AS ");
                Query(v.Query);
                break;
            case DropTable d:
                Append("DROP TABLE ");
                if (d.IfExists) Append("IF EXISTS ");
                Name(d.Name);
                break;
            case DropView d:
                Append("DROP VIEW ");
                if (d.IfExists) Append("IF EXISTS ");
                Name(d.Name);
                break;
            case AlterTableAddPartition a:
                AlterTable(a.Table);
                Append(a.IfNotExists ? "ADD IF NOT EXISTS " : "ADD ");
                List(a.Partitions, PartitionSpec, " ");
                break;
            case AlterTableDropPartition a:
                AlterTable(a.Table);
                Append(a.IfExists ? "DROP IF EXISTS " : "DROP ");
                List(a.Partitions, PartitionSpec);
                break;
            case AlterTableSetLocation a:
                AlterTable(a.Table);
                if (a.Partition is not null)
                {
                    PartitionSpec(a.Partition with { Location = null });
                    Append(' ');
                }

                Append("SET LOCATION ");
                StringLiteral(a.Location);
                break;
            case AlterTableRenamePartition a:
                AlterTable(a.Table);
                PartitionSpec(a.Partition);
                Append(" RENAME TO ");
                PartitionSpec(a.Target);
                break;
            case AlterTableSetProperties a:
                AlterTable(a.Table);
                Append("SET TBLPROPERTIES ");
                StringProperties(a.Properties);
                break;
            case AlterTableUnsetProperties a:
                AlterTable(a.Table);
                Append(a.IfExists ? "UNSET TBLPROPERTIES IF EXISTS (" : "UNSET TBLPROPERTIES (");
                List(a.Keys, StringLiteral);
                Append(')');
                break;
            case AlterTableAddColumns a:
                AlterTable(a.Table);
                Append("ADD COLUMNS ");
                _hiveTypes = true;
                ColumnDefinitions(a.Columns);
                _hiveTypes = false;
                break;
            case AlterTableReplaceColumns a:
                AlterTable(a.Table);
                Append("REPLACE COLUMNS ");
                _hiveTypes = true;
                ColumnDefinitions(a.Columns);
                _hiveTypes = false;
                break;
            case RenameTable r:
                AlterTable(r.Source);
                Append("RENAME TO ");
                Name(r.Target);
                break;
            case MsckRepairTable m:
                Append("MSCK REPAIR TABLE ");
                Name(m.Table);
                break;
            default:
                throw new Common.InternalException($"SqlFormatter cannot render statement {statement.GetType().Name}");
        }
    }

    private void AlterTable(QualifiedName table)
    {
        Append("ALTER TABLE ");
        Name(table);
        Append(' ');
    }

    private void OptionalString(string prefix, string? value)
    {
        if (value is null) return;
        Append(prefix);
        StringLiteral(value);
    }

    private void Properties(IReadOnlyList<Property> properties)
    {
        if (properties.Count == 0) return;
        Append(" WITH (");
        List(properties, Property);
        Append(')');
    }

    private void Property(Property property)
    {
        Ident(property.Name);
        Append(" = ");
        Expr(property.Value, P.Lowest);
    }

    private void StringProperties(IReadOnlyList<StringProperty> properties)
    {
        Append('(');
        List(properties, StringProperty);
        Append(')');
    }

    private void StringProperty(StringProperty property)
    {
        StringLiteral(property.Key);
        Append(" = ");
        StringLiteral(property.Value);
    }

    private void ColumnDefinitions(IReadOnlyList<ColumnDefinition> columns)
    {
        Append('(');
        List(columns, ColumnDefinition);
        Append(')');
    }

    private void ColumnDefinition(ColumnDefinition column)
    {
        Ident(column.Name, allowReserved: true);
        Append(' ');
        Type(column.Type);
        if (column.NotNull) Append(" NOT NULL");
        OptionalString(" COMMENT ", column.Comment);
        Properties(column.Properties);
    }

    private void CreateExternalTable(CreateExternalTable c)
    {
        Append(c.External ? "CREATE EXTERNAL TABLE " : "CREATE TABLE ");
        if (c.IfNotExists) Append("IF NOT EXISTS ");
        Name(c.Name);
        Append(' ');
        ColumnDefinitions(c.Columns);
        OptionalString(" COMMENT ", c.Comment);
        if (c.PartitionedBy.Count > 0)
        {
            Append(" PARTITIONED BY ");
            ColumnDefinitions(c.PartitionedBy);
        }

        if (c.ClusteredBy is not null)
        {
            Append(' ');
            BucketSpec(c.ClusteredBy);
        }

        if (c.RowFormat is not null)
        {
            Append(' ');
            RowFormat(c.RowFormat);
        }

        if (c.StoredAs is not null)
        {
            Append(' ');
            StorageFormat(c.StoredAs);
        }

        OptionalString(" LOCATION ", c.Location);
        if (c.TableProperties.Count > 0)
        {
            Append(" TBLPROPERTIES ");
            StringProperties(c.TableProperties);
        }
    }

    private void BucketSpec(BucketSpec bucket)
    {
        Append("CLUSTERED BY (");
        List(bucket.Columns, column => Ident(column, allowReserved: false));
        Append(')');
        if (bucket.SortedBy.Count > 0)
        {
            Append(" SORTED BY (");
            List(bucket.SortedBy, column =>
            {
                Ident(column.Name, allowReserved: true);
                if (column.Ordering == SortOrdering.Descending) Append(" DESC");
            });
            Append(')');
        }

        Append(" INTO ");
        Append(bucket.Buckets.ToString(CultureInfo.InvariantCulture));
        Append(" BUCKETS");
    }

    private void RowFormat(RowFormat format)
    {
        if (format is RowFormatSerde serde)
        {
            Append("ROW FORMAT SERDE ");
            StringLiteral(serde.SerdeClass);
            if (serde.Properties.Count > 0)
            {
                Append(" WITH SERDEPROPERTIES ");
                StringProperties(serde.Properties);
            }

            return;
        }

        var delimited = (RowFormatDelimited)format;
        Append("ROW FORMAT DELIMITED");
        OptionalString(" FIELDS TERMINATED BY ", delimited.FieldsTerminatedBy);
        if (delimited.FieldsTerminatedBy is not null) OptionalString(" ESCAPED BY ", delimited.EscapedBy);
        OptionalString(" COLLECTION ITEMS TERMINATED BY ", delimited.CollectionItemsTerminatedBy);
        OptionalString(" MAP KEYS TERMINATED BY ", delimited.MapKeysTerminatedBy);
        OptionalString(" LINES TERMINATED BY ", delimited.LinesTerminatedBy);
        OptionalString(" NULL DEFINED AS ", delimited.NullDefinedAs);
    }

    private void StorageFormat(StorageFormat format)
    {
        Append("STORED AS ");
        if (format.Name is not null)
        {
            Append(IsPlainWord(format.Name) ? format.Name : "\"" + format.Name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"");
            return;
        }

        Append("INPUTFORMAT ");
        StringLiteral(format.InputFormat ?? string.Empty);
        Append(" OUTPUTFORMAT ");
        StringLiteral(format.OutputFormat ?? string.Empty);
    }

    private void PartitionSpec(PartitionSpec spec)
    {
        Append("PARTITION (");
        List(spec.Values, PartitionValue);
        Append(')');
        OptionalString(" LOCATION ", spec.Location);
    }

    private void PartitionValue(PartitionValue value)
    {
        Ident(value.Column, allowReserved: true);
        Append(" = ");
        Expr(value.Value, P.Lowest);
    }
}
