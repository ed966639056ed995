using System.Globalization;
using System.Text;
using QueryEngine.Engine.Catalog;
using QueryEngine.Engine.Common;
using QueryEngine.Engine.Planning.Binder;
using QueryEngine.Engine.Sql.Ast;

namespace QueryEngine.Engine.Session.Statements;

/// <summary>SHOW and DESCRIBE statements, answered from the catalog.</summary>
internal sealed class ShowRunner(QuerySession session)
{
    public const string CatalogName = "awsdatacatalog";

    public StatementResult Run(Statement statement) => statement switch
    {
        ShowCatalogs s => TextResult.Create(["Catalog"], new[] { CatalogName }.Where(new NamePattern(s.Pattern, s.Escape).Matches).Select(c => new string?[] { c })),
        ShowSchemas s => TextResult.Create(["Schema"], session.Catalog.ListDatabases().Where(new NamePattern(s.Pattern, s.Escape).Matches).Order(StringComparer.Ordinal).Select(d => new string?[] { d })),
        ShowTables s => TextResult.Create(["Table"], Tables(s.Schema, s.Pattern, s.Escape, views: false)),
        ShowViews s => TextResult.Create(["View"], Tables(s.Schema, s.Pattern, s.Escape, views: true)),
        ShowColumns s => Columns(Table(s.Table), new NamePattern(s.Pattern, s.Escape)),
        DescribeTable { Formatted: true } d => DescribeFormatted(Table(d.Table)),
        DescribeTable d => Columns(Table(d.Table), new NamePattern(null, null)),
        ShowCreateTable s => TextResult.Create(["Create Table"], [[CreateTableText(Table(s.Table))]]),
        ShowCreateView s => ShowCreateView(s),
        ShowTblProperties s => Properties(s),
        ShowPartitions s => Partitions(s),
        _ => throw new InternalException($"not a SHOW statement: {statement.GetType().Name}"),
    };

    private IEnumerable<string?[]> Tables(QualifiedName? schema, string? pattern, string? escape, bool views)
    {
        var database = schema is null ? session.CurrentDatabase : schema.Last.CanonicalValue;
        if (session.Catalog.GetDatabase(database) is null)
        {
            throw new NotFoundException(ErrorCode.SchemaNotFound, $"Schema '{database}' does not exist", schema?.Span);
        }
        var match = new NamePattern(pattern, escape);
        foreach (var name in session.Catalog.ListTables(database).Order(StringComparer.Ordinal))
        {
            if (!match.Matches(name)) continue;
            if (views && session.Catalog.GetTable(database, name)?.Kind != TableKind.View) continue;
            yield return [name];
        }
    }

    private TableInfo Table(QualifiedName name)
    {
        var binder = new QueryBinder(session.Catalog, session.Sources, session.CurrentDatabase);
        var (database, table) = binder.ResolveTableName(name);
        return session.Catalog.GetTable(database, table)
            ?? throw new NotFoundException(ErrorCode.TableNotFound, $"Table '{database}.{table}' does not exist", name.Span);
    }

    /// <summary>The Trino name of a Hive column type; char(n) and varchar(n) keep their length, as Trino's Hive connector shows them.</summary>
    private static string TypeName(string hiveType)
    {
        var trimmed = hiveType.Trim();
        if (System.Text.RegularExpressions.Regex.IsMatch(trimmed, @"^(var)?char\s*\(\s*\d+\s*\)$", System.Text.RegularExpressions.RegexOptions.IgnoreCase | System.Text.RegularExpressions.RegexOptions.CultureInvariant))
        {
            return trimmed.Replace(" ", "", StringComparison.Ordinal).ToLowerInvariant();
        }
        return HiveTypes.TryParse(hiveType, out var type, out _) && type is not null ? type.SqlName : hiveType;
    }

    private static StatementResult Columns(TableInfo table, NamePattern match)
    {
        var rows = table.Columns.Select(c => new string?[] { c.Name, TypeName(c.HiveType), "", c.Comment ?? "" })
            .Concat(table.PartitionKeys.Select(c => new string?[] { c.Name, TypeName(c.HiveType), "partition key", c.Comment ?? "" }))
            .Where(r => match.Matches(r[0]!));
        return TextResult.Create(["Column", "Type", "Extra", "Comment"], rows);
    }

    private static StatementResult DescribeFormatted(TableInfo table)
    {
        var rows = new List<string?[]> { new[] { "# col_name", "data_type", "comment" } };
        rows.AddRange(table.Columns.Select(c => new string?[] { c.Name, c.HiveType, c.Comment ?? "" }));
        if (table.PartitionKeys.Count > 0)
        {
            rows.Add(["", null, null]);
            rows.Add(["# Partition Information", null, null]);
            rows.Add(["# col_name", "data_type", "comment"]);
            rows.AddRange(table.PartitionKeys.Select(c => new string?[] { c.Name, c.HiveType, c.Comment ?? "" }));
        }
        rows.Add(["", null, null]);
        rows.Add(["# Detailed Table Information", null, null]);
        rows.Add(["Database:", table.Database, null]);
        rows.Add(["Table:", table.Name, null]);
        rows.Add(["Owner:", table.Owner ?? "", null]);
        rows.Add(["CreateTime:", table.CreateTime.ToString("u", CultureInfo.InvariantCulture), null]);
        rows.Add(["Location:", table.Storage.Location ?? "", null]);
        rows.Add(["Table Type:", table.Kind switch { TableKind.External => "EXTERNAL_TABLE", TableKind.View => "VIRTUAL_VIEW", _ => "MANAGED_TABLE" }, null]);
        rows.Add(["Table Parameters:", null, null]);
        rows.AddRange(table.Parameters.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => new string?[] { "", p.Key, p.Value }));
        rows.Add(["", null, null]);
        rows.Add(["# Storage Information", null, null]);
        rows.Add(["SerDe Library:", table.Storage.SerdeLibrary, null]);
        rows.Add(["InputFormat:", table.Storage.InputFormat, null]);
        rows.Add(["OutputFormat:", table.Storage.OutputFormat, null]);
        // As Hive prints them: the count (-1 when not bucketed), the bucket column list and Thrift's text of each Order.
        rows.Add(["Num Buckets:", (table.Storage.BucketCount > 0 ? table.Storage.BucketCount : -1).ToString(CultureInfo.InvariantCulture), null]);
        rows.Add(["Bucket Columns:", "[" + string.Join(", ", table.Storage.BucketColumns) + "]", null]);
        rows.Add(["Sort Columns:", "[" + string.Join(", ", table.Storage.SortColumns.Select(c => $"Order(col:{c.Name}, order:{c.HiveOrder})")) + "]", null]);
        rows.Add(["Storage Desc Params:", null, null]);
        rows.AddRange(table.Storage.SerdeParameters.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => new string?[] { "", p.Key, p.Value }));
        return TextResult.Create(["col_name", "data_type", "comment"], rows);
    }

    /// <summary>Athena-style DDL that recreates the table.</summary>
    public static string CreateTableText(TableInfo table)
    {
        if (table.Kind == TableKind.View) return $"CREATE VIEW {Quote(table.Database)}.{Quote(table.Name)} AS\n{table.ViewOriginalText}";
        var sb = new StringBuilder();
        sb.Append(table.Kind == TableKind.External ? "CREATE EXTERNAL TABLE `" : "CREATE TABLE `").Append(table.Database).Append("`.`").Append(table.Name).Append("`(\n");
        sb.Append(string.Join(",\n", table.Columns.Select(ColumnText)));
        sb.Append(')');
        if (table.Comment is not null) sb.Append("\nCOMMENT ").Append(StringLiteral(table.Comment));
        if (table.PartitionKeys.Count > 0)
        {
            sb.Append("\nPARTITIONED BY (\n").Append(string.Join(",\n", table.PartitionKeys.Select(ColumnText))).Append(')');
        }
        if (table.Storage.BucketCount > 0 && table.Storage.BucketColumns.Count > 0)
        {
            sb.Append("\nCLUSTERED BY (\n").Append(string.Join(",\n", table.Storage.BucketColumns.Select(c => $"  `{c}`"))).Append(')');
            if (table.Storage.SortColumns.Count > 0)
            {
                sb.Append("\nSORTED BY (\n").Append(string.Join(",\n", table.Storage.SortColumns.Select(c => $"  `{c.Name}` {(c.Ascending ? "ASC" : "DESC")}"))).Append(')');
            }
            sb.Append("\nINTO ").Append(table.Storage.BucketCount.ToString(System.Globalization.CultureInfo.InvariantCulture)).Append(" BUCKETS");
        }
        sb.Append("\nROW FORMAT SERDE\n  ").Append(StringLiteral(table.Storage.SerdeLibrary));
        if (table.Storage.SerdeParameters.Count > 0)
        {
            sb.Append("\nWITH SERDEPROPERTIES (\n");
            sb.Append(string.Join(",\n", table.Storage.SerdeParameters.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"  {StringLiteral(p.Key)}={StringLiteral(p.Value)}")));
            sb.Append(')');
        }
        sb.Append("\nSTORED AS INPUTFORMAT\n  ").Append(StringLiteral(table.Storage.InputFormat));
        sb.Append("\nOUTPUTFORMAT\n  ").Append(StringLiteral(table.Storage.OutputFormat));
        if (table.Storage.Location is not null) sb.Append("\nLOCATION\n  ").Append(StringLiteral(table.Storage.Location));
        var properties = table.Parameters.Where(p => p.Key != "EXTERNAL").OrderBy(p => p.Key, StringComparer.Ordinal).ToArray();
        if (properties.Length > 0)
        {
            sb.Append("\nTBLPROPERTIES (\n");
            sb.Append(string.Join(",\n", properties.Select(p => $"  {StringLiteral(p.Key)}={StringLiteral(p.Value)}")));
            sb.Append(')');
        }
        return sb.ToString();
    }

    private static string ColumnText(ColumnInfo c) =>
        $"  `{c.Name}` {c.HiveType}" + (c.Comment is null ? "" : " COMMENT " + StringLiteral(c.Comment));

    private static string StringLiteral(string s) => "'" + s.Replace("'", "''", StringComparison.Ordinal) + "'";

    private static string Quote(string name) => "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    private StatementResult ShowCreateView(ShowCreateView s)
    {
        var table = Table(s.View);
        if (table.Kind != TableKind.View) throw new SemanticException($"Relation '{table.Database}.{table.Name}' is a table, not a view", s.View.Span);
        return TextResult.Create(["Create View"], [[CreateTableText(table)]]);
    }

    private StatementResult Properties(ShowTblProperties s)
    {
        var table = Table(s.Table);
        var rows = table.Parameters.Where(p => s.PropertyName is null || p.Key == s.PropertyName)
            .OrderBy(p => p.Key, StringComparer.Ordinal)
            .Select(p => new string?[] { p.Key, p.Value });
        return TextResult.Create(["prpt_name", "prpt_value"], rows);
    }

    private StatementResult Partitions(ShowPartitions s)
    {
        var table = Table(s.Table);
        if (table.PartitionKeys.Count == 0) throw new SemanticException($"Table '{table.Database}.{table.Name}' is not partitioned", s.Table.Span);
        return TextResult.Create(["partition"], session.Catalog.ListPartitionNames(table.Database, table.Name).Select(n => new string?[] { n }));
    }
}
