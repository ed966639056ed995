using QueryEngine.Engine.Columnar;

namespace QueryEngine.Engine.Session;

/// <summary>The outcome of one statement: a result set (possibly empty) or an update count/message.</summary>
public sealed class StatementResult
{
    public StatementResult(Schema schema, IReadOnlyList<RecordBatch> batches, long? updateCount = null, string? message = null)
    {
        Schema = schema;
        Batches = batches;
        UpdateCount = updateCount;
        Message = message;
    }

    public Schema Schema { get; }

    public IReadOnlyList<RecordBatch> Batches { get; }

    /// <summary>Rows written by INSERT/CTAS; null for queries and most DDL.</summary>
    public long? UpdateCount { get; }

    /// <summary>A short confirmation for DDL, e.g. "CREATE TABLE".</summary>
    public string? Message { get; }

    /// <summary>Bytes the query's scans read from storage (compressed, as stored); null when not measured.</summary>
    public long? BytesScanned { get; init; }

    public bool HasRows => Schema.Count > 0;

    public long RowCount
    {
        get
        {
            long n = 0;
            foreach (var b in Batches) n += b.RowCount;
            return n;
        }
    }

    public static StatementResult Ok(string message) => new(Schema.Empty, [], null, message);
}
