using System.Text;
using QueryEngine.Engine.Columnar;
using QueryEngine.Engine.Session;

namespace QueryEngine.Engine.Tests.SqlLogic;

/// <summary>Renders a result as .slt expected lines: one line per row (or per value for valuesort).</summary>
public static class SltResultRenderer
{
    public const string EmptyText = "(empty)";

    public static List<string> Render(StatementResult result, SltSortMode sort)
    {
        var lines = new List<string>();
        var row = new StringBuilder();
        foreach (var batch in result.Batches)
        {
            for (var r = 0; r < batch.RowCount; r++)
            {
                row.Clear();
                for (var c = 0; c < batch.Columns.Count; c++)
                {
                    var value = Cell(batch.Columns[c], r);
                    if (sort == SltSortMode.ValueSort)
                    {
                        lines.Add(value);
                        continue;
                    }
                    if (c > 0) row.Append(' ');
                    row.Append(value);
                }
                if (sort != SltSortMode.ValueSort) lines.Add(row.ToString());
            }
        }
        return lines;
    }

    /// <summary>One value as the format writes it: NULL, (empty), or the formatted text with line breaks escaped.</summary>
    public static string Cell(ArrowArray column, int row)
    {
        if (column.IsNull(row)) return ValueFormatter.NullText;
        var text = ValueFormatter.Format(column, row);
        if (text.Length == 0) return EmptyText;
        return text.Replace("\r", "\\r", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);
    }
}
