using QueryEngine.Engine.Columnar;
using QueryEngine.Engine.Expressions;

namespace QueryEngine.Engine.Catalog;

/// <summary>
/// Something the executor can scan: a table's files in some format. The scan is split into independent
/// tasks (files, byte ranges, row groups) that the executor may run in parallel.
/// </summary>
public interface ITableSource
{
    /// <summary>Full schema of the table (data columns, then partition columns).</summary>
    Schema Schema { get; }

    /// <summary>Estimated row count if cheaply known, else null.</summary>
    long? EstimatedRowCount { get; }

    IReadOnlyList<IScanTask> PlanScan(ScanRequest request);
}

/// <summary>What a scan must produce.</summary>
/// <param name="Projection">Indices into <see cref="ITableSource.Schema"/> of the columns to produce, in output order.</param>
/// <param name="Filters">Predicates over the table schema (not the projection) that the source MAY use to skip data;
/// the executor still applies them to every row it gets back.</param>
/// <param name="BatchSize">Maximum rows per produced batch.</param>
public sealed record ScanRequest(IReadOnlyList<int> Projection, IReadOnlyList<PhysicalExpr> Filters, int BatchSize = RecordBatch.DefaultBatchSize)
{
    /// <summary>
    /// The buckets to read, chosen by the caller (a partitioned table's source, from filters its partitions' sources
    /// do not get); null: the source selects them from <see cref="Filters"/> itself, if its table is bucketed.
    /// </summary>
    public BucketSelection? Buckets { get; init; }

    /// <summary>
    /// Only the number of rows matters, not the projected columns' values (<c>count(*)</c> with no filter on a data
    /// column): a source may produce NULLs in their place without reading them (Parquet answers from the row groups'
    /// row counts in the footers). Partition keys are still produced.
    /// </summary>
    public bool RowsOnly { get; init; }

    /// <summary>
    /// Positions in <see cref="Projection"/> of string columns the caller can take as <see cref="DictionaryArray"/>s; a
    /// source may return them dictionary-encoded (e.g. Parquet chunks whose pages are all dictionary-encoded) or flat.
    /// Columns not listed always come flat.
    /// </summary>
    public IReadOnlySet<int>? DictionaryColumns { get; init; }
}

/// <summary>One independent piece of a scan. Produces batches whose schema is the projected schema.</summary>
public interface IScanTask
{
    IEnumerable<RecordBatch> Execute(ScanContext context);
}

/// <summary>Per-query services a scan uses: cancellation and byte accounting.</summary>
public sealed class ScanContext(CancellationToken cancellation, ScanContext? parent = null)
{
    private long _bytesRead;

    public CancellationToken Cancellation { get; } = cancellation;

    public long BytesRead => Interlocked.Read(ref _bytesRead);

    /// <summary>Counts bytes here and in the query-wide context this one belongs to (one scan's share of a query).</summary>
    public void AddBytesRead(long bytes)
    {
        Interlocked.Add(ref _bytesRead, bytes);
        parent?.AddBytesRead(bytes);
    }
}

/// <summary>Turns a catalog table into something scannable (chooses the format reader from the SerDe/input format).</summary>
public interface ITableSourceFactory
{
    ITableSource Create(TableInfo table);

    /// <summary>
    /// The source of a table function call in FROM (e.g. <c>read_parquet('path or glob')</c>) with constant
    /// arguments, or null when this factory has no table function of that name (lower case).
    /// </summary>
    ITableSource? CreateForFunction(string name, IReadOnlyList<object?> arguments) => null;
}
