using System.Globalization;
using QueryEngine.Engine.Session;

namespace QueryEngine.Cli.Output;

/// <summary>
/// Prints statement results: rows through the chosen <see cref="ResultWriter"/>, and for statements without
/// rows their status (<c>CREATE TABLE</c>, <c>INSERT: 3 rows</c>). With the table format the status goes to
/// standard output and results are separated by a blank line; with the machine formats it goes to standard
/// error so that standard output holds only data.
/// </summary>
internal sealed class ResultPrinter(OutputFormat format, TextWriter output, TextWriter status)
{
    private readonly ResultWriter _writer = ResultWriter.Create(format);
    private int _printed;

    public void Print(StatementResult result)
    {
        if (format == OutputFormat.Table && _printed++ > 0) output.Write('\n');
        if (result.HasRows)
        {
            _writer.Write(result, output);
        }
        else
        {
            var target = format == OutputFormat.Table ? output : status;
            target.Write(StatusLine(result));
            target.Write('\n');
        }
        output.Flush();
    }

    /// <summary>The status of a statement without rows, as the Trino CLI prints it.</summary>
    public static string StatusLine(StatementResult result)
    {
        var message = result.Message ?? "OK";
        if (result.UpdateCount is not { } count) return message;
        var rows = count == 1 ? "1 row" : count.ToString(CultureInfo.InvariantCulture) + " rows";
        return result.Message is null ? rows : $"{message}: {rows}";
    }
}
