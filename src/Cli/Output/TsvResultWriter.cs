using QueryEngine.Engine.Columnar;
using QueryEngine.Engine.Session;

namespace QueryEngine.Cli.Output;

/// <summary>
/// Tab-separated values with a header row, in the text format Hive and PostgreSQL use: NULL is <c>\N</c>,
/// and backslash, tab, newline and carriage return inside a value are written <c>\\ \t \n \r</c>.
/// </summary>
internal sealed class TsvResultWriter : ResultWriter
{
    public const string NullText = "\\N";

    public override void Write(StatementResult result, TextWriter output)
    {
        var schema = result.Schema;
        for (var c = 0; c < schema.Count; c++)
        {
            if (c > 0) output.Write('\t');
            output.Write(Escape(schema[c].Name));
        }
        output.Write('\n');
        foreach (var batch in result.Batches)
        {
            for (var r = 0; r < batch.RowCount; r++)
            {
                for (var c = 0; c < schema.Count; c++)
                {
                    if (c > 0) output.Write('\t');
                    var column = batch.Columns[c];
                    output.Write(column.IsNull(r) ? NullText : Escape(ValueFormatter.Format(column, r)));
                }
                output.Write('\n');
            }
        }
    }

    private static string Escape(string value)
    {
        if (value.AsSpan().IndexOfAny("\\\t\n\r") < 0) return value;
        return value
            .Replace("\\", "\\\\", StringComparison.Ordinal)
            .Replace("\t", "\\t", StringComparison.Ordinal)
            .Replace("\n", "\\n", StringComparison.Ordinal)
            .Replace("\r", "\\r", StringComparison.Ordinal);
    }
}
