using QueryEngine.Engine.Columnar;
using QueryEngine.Engine.Session;

namespace QueryEngine.Cli.Output;

/// <summary>
/// RFC 4180: a header row of column names, CRLF line ends, a field quoted (with quotes doubled) when it
/// holds a comma, quote, CR or LF. NULL is an empty field and the empty string a quoted empty field ("").
/// </summary>
internal sealed class CsvResultWriter : ResultWriter
{
    private const string LineEnd = "\r\n";

    public override void Write(StatementResult result, TextWriter output)
    {
        var schema = result.Schema;
        for (var c = 0; c < schema.Count; c++)
        {
            if (c > 0) output.Write(',');
            WriteField(output, schema[c].Name);
        }
        output.Write(LineEnd);
        foreach (var batch in result.Batches)
        {
            for (var r = 0; r < batch.RowCount; r++)
            {
                for (var c = 0; c < schema.Count; c++)
                {
                    if (c > 0) output.Write(',');
                    var column = batch.Columns[c];
                    if (column.IsNull(r)) continue;
                    WriteField(output, ValueFormatter.Format(column, r));
                }
                output.Write(LineEnd);
            }
        }
    }

    private static void WriteField(TextWriter output, string value)
    {
        if (value.Length > 0 && value.AsSpan().IndexOfAny(",\"\r\n") < 0)
        {
            output.Write(value);
            return;
        }
        output.Write('"');
        output.Write(value.Replace("\"", "\"\"", StringComparison.Ordinal));
        output.Write('"');
    }
}
