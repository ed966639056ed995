namespace QueryEngine.FlightServer.SystemTables;

/// <summary>One statement the server ran or runs: a row of <c>system.queries</c>. Updated under its own lock.</summary>
internal sealed class QueryRecord(long id, string user, string sql, DateTimeOffset start)
{
    public const string Running = "RUNNING";
    public const string Finished = "FINISHED";
    public const string Failed = "FAILED";
    public const string Cancelled = "CANCELLED";

    private readonly Lock _gate = new();
    private string _state = Running;
    private DateTimeOffset? _end;
    private long _rows;
    private long _bytesScanned;
    private string? _error;

    public long Id => id;

    public string User => user;

    public string Sql => sql;

    public DateTimeOffset Start => start;

    public void Progress(long rows, long bytesScanned)
    {
        lock (_gate) (_rows, _bytesScanned) = (rows, bytesScanned);
    }

    public void End(string state, long rows, long bytesScanned, string? error, DateTimeOffset end)
    {
        lock (_gate) (_state, _rows, _bytesScanned, _error, _end) = (state, rows, bytesScanned, error, end);
    }

    /// <summary>A consistent copy of the changing fields.</summary>
    public (string State, DateTimeOffset? End, long Rows, long BytesScanned, string? Error) Snapshot()
    {
        lock (_gate) return (_state, _end, _rows, _bytesScanned, _error);
    }
}
