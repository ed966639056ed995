using QueryEngine.Engine.Common;
using QueryEngine.Engine.Sql.Ast;
using QueryEngine.Engine.Sql.Parsing;

namespace QueryEngine.Engine.Sql;

/// <summary>
/// Entry points of the Trino/Athena SQL front end. Every error in the input is reported as a
/// <see cref="SyntaxException"/> carrying the position of the offending token; no other exception escapes
/// for any input string.
/// </summary>
public static class SqlParser
{
    /// <summary>Parses ';'-separated statements; empty statements (and a trailing ';') are ignored.</summary>
    public static IReadOnlyList<Statement> ParseStatements(string sql)
    {
        ArgumentNullException.ThrowIfNull(sql);
        return new Parser(sql).ParseStatementList();
    }

    /// <summary>Parses exactly one statement (trailing ';' allowed).</summary>
    public static Statement ParseStatement(string sql)
    {
        ArgumentNullException.ThrowIfNull(sql);
        return new Parser(sql).ParseSingleStatement();
    }

    /// <summary>Parses a standalone expression such as <c>a + 1 &gt; b</c>.</summary>
    public static Expression ParseExpression(string sql)
    {
        ArgumentNullException.ThrowIfNull(sql);
        return new Parser(sql).ParseStandaloneExpression();
    }

    /// <summary>Parses a type in Trino or Hive syntax, e.g. the metastore's <c>struct&lt;a:int,b:array&lt;string&gt;&gt;</c>.</summary>
    public static DataTypeSyntax ParseDataType(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return new Parser(text).ParseStandaloneDataType();
    }
}
