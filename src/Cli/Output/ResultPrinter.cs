using System.Globalization;
using QueryEngine.Engine.Common;
using QueryEngine.Engine.Session;

namespace QueryEngine.Cli.Output;

/// <summary>
/// Prints statement results: rows through the chosen <see cref="ResultWriter"/>, and for statements without
/// rows their status (<c>CREATE TABLE</c>, <c>INSERT: 3 rows</c>). With the table format the status goes to
/// standard output and results are separated by a blank line; with the machine formats it goes to standard
/// error so that standard output holds only data. The table format also ends each query's rows with the bytes
/// its scans read (<c>Data scanned: 1.2KB (1234 bytes)</c>, as Athena shows it); the machine formats leave it out.
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
            if (format == OutputFormat.Table && result.BytesScanned is { } scanned)
            {
                output.Write(DataScannedLine(scanned));
                output.Write('\n');
            }
        }
        else
        {
            var target = format == OutputFormat.Table ? output : status;
            target.Write(StatusLine(result));
            target.Write('\n');
        }
        output.Flush();
    }

    /// <summary>E.g. <c>Data scanned: 1.2KB (1234 bytes)</c>, or <c>Data scanned: 976 bytes</c> below a kilobyte.</summary>
    public static string DataScannedLine(long bytes)
    {
        var exact = bytes == 1 ? "1 byte" : bytes.ToString(CultureInfo.InvariantCulture) + " bytes";
        return bytes < 1024 ? $"Data scanned: {exact}" : $"Data scanned: {ByteSize.Format(bytes)} ({exact})";
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
