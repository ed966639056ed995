namespace QueryEngine.Engine.Sql.Ast;

/// <summary>A Trino-style property <c>name = expression</c> (in <c>WITH (...)</c>).</summary>
public sealed record Property(Identifier Name, Expression Value) : Node;

/// <summary>A Hive-style string pair <c>'key' = 'value'</c> (TBLPROPERTIES, SERDEPROPERTIES, DBPROPERTIES).</summary>
public sealed record StringProperty(string Key, string Value) : Node;

/// <summary>A column in a table definition: <c>name type [NOT NULL] [COMMENT 'c'] [WITH (props)]</c>.</summary>
public sealed record ColumnDefinition(
    Identifier Name,
    DataTypeSyntax Type,
    bool NotNull,
    string? Comment,
    IReadOnlyList<Property> Properties) : Node;

/// <summary>
/// <c>CREATE SCHEMA|DATABASE [IF NOT EXISTS] name [COMMENT 'c'] [LOCATION 'uri'] [WITH DBPROPERTIES ('k'='v', ...)]
/// [WITH (k = v, ...)]</c>.
/// </summary>
public sealed record CreateSchema(
    QualifiedName Name,
    bool IfNotExists,
    string? Comment,
    string? Location,
    IReadOnlyList<StringProperty> DbProperties,
    IReadOnlyList<Property> Properties) : Statement;

/// <summary><c>DROP SCHEMA|DATABASE [IF EXISTS] name [CASCADE|RESTRICT]</c>.</summary>
public sealed record DropSchema(QualifiedName Name, bool IfExists, bool Cascade) : Statement;

/// <summary>Trino <c>CREATE TABLE [IF NOT EXISTS] name (columns) [COMMENT 'c'] [WITH (props)]</c>.</summary>
public sealed record CreateTable(
    QualifiedName Name,
    bool IfNotExists,
    IReadOnlyList<ColumnDefinition> Columns,
    string? Comment,
    IReadOnlyList<Property> Properties) : Statement;

/// <summary>
/// <c>CREATE TABLE [IF NOT EXISTS] name [(c1, c2)] [COMMENT 'c'] [WITH (props)] AS query [WITH [NO] DATA]</c>.
/// <see cref="WithData"/> is false only for WITH NO DATA.
/// </summary>
public sealed record CreateTableAsSelect(
    QualifiedName Name,
    bool IfNotExists,
    IReadOnlyList<Identifier> ColumnAliases,
    string? Comment,
    IReadOnlyList<Property> Properties,
    Query Query,
    bool WithData) : Statement;

/// <summary><c>INSERT INTO table [(c1, c2)] query</c> (VALUES is a query body).</summary>
public sealed record InsertInto(QualifiedName Table, IReadOnlyList<Identifier> Columns, Query Query) : Statement;

/// <summary>Athena <c>UNLOAD (query) TO 'location' WITH (format = 'PARQUET', ...)</c>.</summary>
public sealed record Unload(Query Query, string Location, IReadOnlyList<Property> Properties) : Statement;

/// <summary>
/// <c>CREATE [OR REPLACE] VIEW name [COMMENT 'c'] [SECURITY DEFINER|INVOKER] AS query</c>.
/// <see cref="QueryText"/> is the query's original text slice (what the metastore stores); it is not part of
/// equality, since a reformatted view is the same view.
/// </summary>
public sealed record CreateView(bool OrReplace, QualifiedName Name, string? Comment, Query Query, string QueryText) : Statement
{
    public bool Equals(CreateView? other) =>
        ReferenceEquals(this, other) ||
        (base.Equals(other) && OrReplace == other.OrReplace && Name.Equals(other.Name) &&
         Comment == other.Comment && Query.Equals(other.Query));

    public override int GetHashCode() => HashCode.Combine(base.GetHashCode(), OrReplace, Name, Comment, Query);
}

/// <summary><c>DROP TABLE [IF EXISTS] name</c>.</summary>
public sealed record DropTable(QualifiedName Name, bool IfExists) : Statement;

/// <summary><c>DROP VIEW [IF EXISTS] name</c>.</summary>
public sealed record DropView(QualifiedName Name, bool IfExists) : Statement;
