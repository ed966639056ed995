using System.Text;
using QueryEngine.Engine.Columnar;
using QueryEngine.Engine.Session;

namespace QueryEngine.Cli.Output;

/// <summary>
/// Aligned columns for people, like psql and the Trino CLI: centred header, numbers right-aligned, text
/// left-aligned, NULL as <c>NULL</c>, a value with line breaks over several lines (EXPLAIN plans), other control
/// characters shown escaped, then <c>(N rows)</c>.
/// </summary>
internal sealed class TableResultWriter : ResultWriter
{

    public override void Write(StatementResult result, TextWriter output)
    {
        var schema = result.Schema;
        var widths = new int[schema.Count];
        for (var c = 0; c < widths.Length; c++) widths[c] = schema[c].Name.Length;
        var rows = new List<string[][]>();
        foreach (var batch in result.Batches)
        {
            for (var r = 0; r < batch.RowCount; r++)
            {
                var cells = new string[schema.Count][];
                for (var c = 0; c < cells.Length; c++)
                {
                    cells[c] = Escape(ValueFormatter.Format(batch.Columns[c], r)).Split('\n');
                    foreach (var text in cells[c]) widths[c] = Math.Max(widths[c], text.Length);
                }
                rows.Add(cells);
            }
        }

        var line = new StringBuilder();
        for (var c = 0; c < widths.Length; c++)
        {
            if (c > 0) line.Append('|');
            line.Append(' ').Append(Center(schema[c].Name, widths[c])).Append(' ');
        }
        WriteLine(output, line);
        for (var c = 0; c < widths.Length; c++)
        {
            if (c > 0) line.Append('+');
            line.Append('-', widths[c] + 2);
        }
        WriteLine(output, line);
        foreach (var cells in rows)
        {
            var height = 1;
            foreach (var cell in cells) height = Math.Max(height, cell.Length);
            for (var l = 0; l < height; l++)
            {
                for (var c = 0; c < cells.Length; c++)
                {
                    if (c > 0) line.Append('|');
                    var text = l < cells[c].Length ? cells[c][l] : "";
                    var rightAligned = schema[c].Type.IsNumeric && text != ValueFormatter.NullText;
                    line.Append(' ').Append(rightAligned ? text.PadLeft(widths[c]) : text.PadRight(widths[c])).Append(' ');
                }
                WriteLine(output, line);
            }
        }
        output.Write(rows.Count == 1 ? "(1 row)\n" : $"({rows.Count} rows)\n");
    }

    private static void WriteLine(TextWriter output, StringBuilder line)
    {
        var end = line.Length;
        while (end > 0 && line[end - 1] == ' ') end--;
        output.Write(line.ToString(0, end));
        output.Write('\n');
        line.Clear();
    }

    private static string Center(string text, int width)
    {
        var left = (width - text.Length) / 2;
        return text.PadLeft(text.Length + left).PadRight(width);
    }

    /// <summary>Control characters other than line breaks would break the layout: show them as escapes.</summary>
    private static string Escape(string text)
    {
        if (!text.AsSpan().ContainsAnyInRange('\0', '\x1f')) return text;
        var sb = new StringBuilder(text.Length + 8);
        foreach (var ch in text)
        {
            switch (ch)
            {
                case '\n': sb.Append(ch); break;
                case '\r': sb.Append("\\r"); break;
                case '\t': sb.Append("\\t"); break;
                case < ' ': sb.Append("\\u").Append(((int)ch).ToString("x4", System.Globalization.CultureInfo.InvariantCulture)); break;
                default: sb.Append(ch); break;
            }
        }
        return sb.ToString();
    }
}
