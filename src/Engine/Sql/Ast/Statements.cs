namespace QueryEngine.Engine.Sql.Ast;

/// <summary>A query used as a statement.</summary>
public sealed record QueryStatement(Query Query) : Statement;

public enum ExplainFormat
{
    Text,
    Graphviz,
    Json,
}

public enum ExplainType
{
    Logical,
    Distributed,
    Validate,
    Io,
}

/// <summary><c>EXPLAIN [ANALYZE] [VERBOSE] [(FORMAT f, TYPE t)] statement</c>.</summary>
public sealed record Explain(bool Analyze, bool Verbose, ExplainFormat? Format, ExplainType? Type, Statement Statement) : Statement;

/// <summary><c>SHOW SCHEMAS|DATABASES [FROM|IN catalog] [LIKE 'pattern' [ESCAPE 'e']]</c>.
/// The pattern is kept as written: Athena treats it as a Hive regex (<c>*</c>, <c>|</c>), Trino as a LIKE pattern.</summary>
public sealed record ShowSchemas(Identifier? Catalog, string? Pattern, string? Escape) : Statement;

/// <summary><c>SHOW CATALOGS [LIKE 'pattern']</c>.</summary>
public sealed record ShowCatalogs(string? Pattern, string? Escape) : Statement;

/// <summary><c>SHOW TABLES [FROM|IN schema] [[LIKE] 'pattern' [ESCAPE 'e']]</c> (Athena allows the bare pattern).</summary>
public sealed record ShowTables(QualifiedName? Schema, string? Pattern, string? Escape) : Statement;

/// <summary><c>SHOW VIEWS [FROM|IN schema] [LIKE 'pattern']</c>.</summary>
public sealed record ShowViews(QualifiedName? Schema, string? Pattern, string? Escape) : Statement;

/// <summary><c>SHOW COLUMNS FROM|IN table [FROM|IN schema]</c> (the trailing schema is merged into Table).</summary>
public sealed record ShowColumns(QualifiedName Table, string? Pattern, string? Escape) : Statement;

/// <summary><c>SHOW PARTITIONS table</c>.</summary>
public sealed record ShowPartitions(QualifiedName Table) : Statement;

/// <summary><c>SHOW STATS FOR table</c>: the catalog's statistics of a table, in Trino's layout.</summary>
public sealed record ShowStats(QualifiedName Table) : Statement;

/// <summary><c>ANALYZE table</c>: computes a table's row count and column statistics and stores them in the catalog.</summary>
public sealed record AnalyzeTable(QualifiedName Table) : Statement;

/// <summary><c>SHOW CREATE TABLE table</c>.</summary>
public sealed record ShowCreateTable(QualifiedName Table) : Statement;

/// <summary><c>SHOW CREATE VIEW view</c>.</summary>
public sealed record ShowCreateView(QualifiedName View) : Statement;

/// <summary><c>SHOW TBLPROPERTIES table [('name')]</c>.</summary>
public sealed record ShowTblProperties(QualifiedName Table, string? PropertyName) : Statement;

/// <summary><c>SHOW FUNCTIONS [LIKE 'pattern']</c>.</summary>
public sealed record ShowFunctions(string? Pattern, string? Escape) : Statement;

/// <summary><c>SHOW SESSION</c>.</summary>
public sealed record ShowSession : Statement;

/// <summary><c>DESCRIBE [EXTENDED|FORMATTED] table</c> (also DESC).</summary>
public sealed record DescribeTable(QualifiedName Table, bool Extended, bool Formatted) : Statement;

/// <summary><c>DESCRIBE INPUT name</c>.</summary>
public sealed record DescribeInput(Identifier Name) : Statement;

/// <summary><c>DESCRIBE OUTPUT name</c>.</summary>
public sealed record DescribeOutput(Identifier Name) : Statement;

/// <summary><c>USE schema</c> or <c>USE catalog.schema</c>.</summary>
public sealed record Use(Identifier? Catalog, Identifier Schema) : Statement;

/// <summary><c>SET SESSION name = value</c>.</summary>
public sealed record SetSession(QualifiedName Name, Expression Value) : Statement;

/// <summary><c>SET TIME ZONE LOCAL</c> (<see cref="Zone"/> null) or <c>SET TIME ZONE expression</c> (a zone name or an interval).</summary>
public sealed record SetTimeZone(Expression? Zone) : Statement;

/// <summary><c>RESET SESSION name</c>.</summary>
public sealed record ResetSession(QualifiedName Name) : Statement;

/// <summary><c>PREPARE name FROM statement</c>.</summary>
public sealed record Prepare(Identifier Name, Statement Statement) : Statement;

/// <summary><c>EXECUTE name [USING e1, e2, ...]</c>.</summary>
public sealed record Execute(Identifier Name, IReadOnlyList<Expression> Parameters) : Statement;

/// <summary><c>CALL procedure(value, name =&gt; value, ...)</c>: runs a procedure the session was given.</summary>
public sealed record Call(QualifiedName Procedure, IReadOnlyList<CallArgument> Arguments) : Statement;

/// <summary>One argument of CALL: positional (<paramref name="Name"/> null) or named (<c>name =&gt; value</c>).</summary>
public sealed record CallArgument(Identifier? Name, Expression Value) : Node;

/// <summary><c>DEALLOCATE PREPARE name</c>.</summary>
public sealed record Deallocate(Identifier Name) : Statement;
