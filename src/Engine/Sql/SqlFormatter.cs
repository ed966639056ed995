using QueryEngine.Engine.Sql.Ast;
using QueryEngine.Engine.Sql.Formatting;

namespace QueryEngine.Engine.Sql;

/// <summary>Renders syntax trees as SQL text.</summary>
public static class SqlFormatter
{
    /// <summary>
    /// Renders any node as single-line SQL. For statements, queries, expressions, relations and types the result
    /// parses back (with <see cref="SqlParser"/>) to a tree equal to <paramref name="node"/> (spans aside).
    /// </summary>
    public static string Format(Node node)
    {
        ArgumentNullException.ThrowIfNull(node);
        return Formatter.Format(node);
    }
}
