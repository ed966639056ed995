using System.Globalization;

namespace QueryEngine.FlightServer.FlightSql;

/// <summary>One line per statement: id, outcome, rows, bytes scanned, wall time and the start of the SQL text.</summary>
internal sealed class QueryLog(Action<string>? sink)
{
    public void Write(long id, string state, long rows, long bytesScanned, TimeSpan elapsed, string sql)
    {
        if (sink is null) return;
        var text = sql.ReplaceLineEndings(" ").Trim();
        if (text.Length > 120) text = text[..117] + "...";
        sink(string.Create(CultureInfo.InvariantCulture,
            $"query {id} {state} rows={rows} bytes_scanned={bytesScanned} ms={elapsed.TotalMilliseconds:0.#}: {text}"));
    }
}
