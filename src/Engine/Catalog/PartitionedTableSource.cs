using QueryEngine.Engine.Columnar;
using QueryEngine.Engine.Common;
using QueryEngine.Engine.Expressions;
using QueryEngine.Engine.Formats;

namespace QueryEngine.Engine.Catalog;

/// <summary>
/// A partitioned table read partition by partition. Planning a scan asks the catalog for the partitions (narrowed by
/// equality / IN filters on string keys and comparisons on integer keys through the catalog's indexes), prunes them with <see cref="PartitionPruner"/>
/// against the scan filters using the typed key values, and only then creates a source per kept partition, whose files
/// come from listings made for all kept partitions at once (<see cref="PartitionListing"/>). Partition key columns are filled from the catalog's values, not from folder names. Tables with Athena
/// partition projection compute their partitions instead (<see cref="PartitionProjection"/>).
/// </summary>
internal sealed class PartitionedTableSource(TableInfo table, Schema schema, ICatalog catalog, ITableSourceFactory inner) : ITableSource, IPartitionedSource, IBucketedSource
{
    /// <summary>The table's bucketing: bucket pruning is decided here, from the filters, and handed to each partition's source.</summary>
    public TableBucketing? Bucketing { get; } = TableBucketing.Of(table);

    /// <summary>Bucket files read and skipped over all partitions in the last <see cref="PlanScan"/>.</summary>
    public BucketScan? LastBucketScan { get; private set; }

    public Schema Schema { get; } = schema;

    /// <summary>
    /// The row count the catalog records for the table (CTAS, INSERT, ANALYZE), else unknown: estimating from files
    /// would list every partition before pruning.
    /// </summary>
    public long? EstimatedRowCount => table.RecordedRowCount;

    /// <summary>Partitions the catalog listed and that pruning kept, in the last <see cref="PlanScan"/>.</summary>
    public (int Listed, int Kept) LastPruning { get; private set; }

    public PartitionSelection SelectPartitions(IReadOnlyList<PhysicalExpr> filters)
    {
        ArgumentNullException.ThrowIfNull(filters);
        var projected = PartitionProjection.TryCreate(table) is not null;
        var selected = 0;
        foreach (var partition in Candidates(filters))
        {
            if (filters.Count == 0 || PartitionPruner.MayMatch(filters, table.Columns.Count, TypedValues(partition))) selected++;
        }
        return new PartitionSelection(selected, projected ? null : catalog.CountPartitions(table.Database, table.Name));
    }

    /// <summary>The partitions the catalog (or the projection) offers for the filters, before pruning by typed values.</summary>
    private IReadOnlyList<PartitionInfo> Candidates(IReadOnlyList<PhysicalExpr> filters) =>
        PartitionProjection.TryCreate(table) is { } projection
            ? projection.Partitions(filters, Schema)
            : catalog.ListPartitions(table.Database, table.Name, CatalogFilter(filters, table.Columns.Count));

    public IReadOnlyList<IScanTask> PlanScan(ScanRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var dataColumns = table.Columns.Count;
        var partitions = Candidates(request.Filters);
        var innerProjection = new List<int>();
        var sources = new int[request.Projection.Count];
        for (var i = 0; i < sources.Length; i++)
        {
            var c = request.Projection[i];
            if ((uint)c >= (uint)Schema.Count) throw new InternalException($"scan of {table.Database}.{table.Name}: column {c} is outside the table's {Schema.Count} columns");
            if (c >= dataColumns)
            {
                sources[i] = ~(c - dataColumns);
                continue;
            }
            var at = innerProjection.IndexOf(c);
            if (at < 0)
            {
                at = innerProjection.Count;
                innerProjection.Add(c);
            }
            sources[i] = at;
        }
        var outputSchema = new Schema(request.Projection.Select(c => Schema[c]).ToArray());
        var innerRequest = new ScanRequest(innerProjection, [], request.BatchSize) { RowsOnly = request.RowsOnly };
        var dataTable = table with { PartitionKeys = [] };
        var keptPartitions = new List<(PartitionInfo Partition, object?[] Values)>();
        var buckets = Bucketing?.Select(request.Filters);
        var bucketScan = buckets is null ? null : new BucketScan(0, 0, buckets.Kept, buckets.Count);
        foreach (var partition in partitions)
        {
            var values = TypedValues(partition);
            if (request.Filters.Count > 0 && !PartitionPruner.MayMatch(request.Filters, dataColumns, values)) continue;
            keptPartitions.Add((partition, values));
        }
        var kept = keptPartitions.Count;
        var sourceFactory = new PartitionListing(table, catalog, inner).Prepare(keptPartitions.ConvertAll(p => p.Partition));
        var tasks = new List<IScanTask>();
        foreach (var (partition, values) in keptPartitions)
        {
            var storage = partition.Storage ?? table.Storage;
            // A partition with columns of its own is read with them (and its SerDe), then shown as the table's columns.
            var own = PartitionColumns.For(table, Schema, partition, storage, innerProjection);
            var source = sourceFactory.Create(own?.DataTable ?? dataTable with { Storage = storage });
            // A partition whose storage declares other buckets than the table's is read whole.
            var partitionRequest = buckets is not null && SameBuckets(storage) ? innerRequest with { Buckets = buckets } : innerRequest;
            if (own is not null) partitionRequest = partitionRequest with { Projection = own.PartitionProjection };
            foreach (var task in source.PlanScan(partitionRequest))
            {
                tasks.Add(new PartitionScanTask(own is null ? task : own.Adapt(task), outputSchema, sources, values));
            }
            if (bucketScan is not null && source is IBucketedSource { LastBucketScan: { } scanned }) bucketScan = bucketScan.Add(scanned);
        }
        LastPruning = (partitions.Count, kept);
        LastBucketScan = bucketScan;
        return tasks;
    }

    /// <summary>Whether a partition's files are bucketed as the table declares (same count and columns).</summary>
    private bool SameBuckets(StorageInfo storage) =>
        storage.BucketCount == table.Storage.BucketCount && storage.BucketColumns.SequenceEqual(table.Storage.BucketColumns, StringComparer.OrdinalIgnoreCase);

    /// <summary>The key values of a partition converted to the key types (the default partition name is NULL).</summary>
    private object?[] TypedValues(PartitionInfo partition)
    {
        var dataColumns = table.Columns.Count;
        var values = new object?[table.PartitionKeys.Count];
        for (var k = 0; k < values.Length; k++)
        {
            var field = Schema[dataColumns + k];
            if (!PartitionValues.TryConvert(partition.Values[k], field.Type, out var value))
            {
                throw new CorruptDataException(
                    partition.Storage?.Location ?? $"{table.Database}.{table.Name}",
                    0,
                    $"partition value '{partition.Values[k]}' is not a valid {field.Type.SqlName} for partition key {field.Name}");
            }
            values[k] = value;
        }
        return values;
    }

    /// <summary>
    /// Equality and IN filters on string partition keys, and comparisons and IN lists of integer literals on integer
    /// keys, which the catalog answers from its indexes. What they keep is a superset of what
    /// <see cref="PartitionPruner"/> keeps: an integer key's value is read as a number by both.
    /// </summary>
    private PartitionFilter CatalogFilter(IReadOnlyList<PhysicalExpr> filters, int dataColumns)
    {
        var keys = new List<PartitionKeyFilter>();
        var numbers = new List<PartitionNumberFilter>();
        foreach (var filter in filters)
        {
            switch (filter)
            {
                case BinaryExpr { Op: BinaryOp.Equal, Left: ColumnExpr column, Right: LiteralExpr { Value: string value } } when IsStringKey(column, dataColumns):
                    keys.Add(new PartitionKeyFilter(table.PartitionKeys[column.Index - dataColumns].Name, [value]));
                    break;
                case BinaryExpr { Op: BinaryOp.Equal, Left: LiteralExpr { Value: string value }, Right: ColumnExpr column } when IsStringKey(column, dataColumns):
                    keys.Add(new PartitionKeyFilter(table.PartitionKeys[column.Index - dataColumns].Name, [value]));
                    break;
                case InListExpr { Negated: false, Input: ColumnExpr column } inList when IsStringKey(column, dataColumns)
                    && inList.List.All(e => e is LiteralExpr { Value: string }):
                    keys.Add(new PartitionKeyFilter(
                        table.PartitionKeys[column.Index - dataColumns].Name,
                        inList.List.Select(e => (string)((LiteralExpr)e).Value!).ToArray()));
                    break;
                case BinaryExpr { Left: ColumnExpr column, Right: LiteralExpr literal } comparison
                    when IsIntegerKey(column, dataColumns) && AsInt64(literal) is { } number && NumberRange(comparison.Op, number) is var (lower, upper):
                    numbers.Add(new PartitionNumberFilter(table.PartitionKeys[column.Index - dataColumns].Name, lower, upper));
                    break;
                case BinaryExpr { Left: LiteralExpr literal, Right: ColumnExpr column } comparison
                    when IsIntegerKey(column, dataColumns) && AsInt64(literal) is { } number && NumberRange(Mirror(comparison.Op), number) is var (lower, upper):
                    numbers.Add(new PartitionNumberFilter(table.PartitionKeys[column.Index - dataColumns].Name, lower, upper));
                    break;
                case InListExpr { Negated: false, Input: ColumnExpr column } inList when IsIntegerKey(column, dataColumns)
                    && inList.List.All(e => e is LiteralExpr literal && AsInt64(literal) is not null):
                    numbers.Add(new PartitionNumberFilter(
                        table.PartitionKeys[column.Index - dataColumns].Name,
                        null,
                        null,
                        inList.List.Select(e => AsInt64((LiteralExpr)e)!.Value).ToArray()));
                    break;
            }
        }
        return new PartitionFilter(keys) { Numbers = numbers };
    }

    /// <summary>
    /// The inclusive bounds of <c>key op number</c>, or null for an operator the index does not answer. <c>&gt; max</c>
    /// and <c>&lt; min</c> give an empty range (lower above upper).
    /// </summary>
    private static (long? Lower, long? Upper)? NumberRange(BinaryOp op, long number) => op switch
    {
        BinaryOp.Equal => (number, number),
        BinaryOp.Greater => number == long.MaxValue ? (long.MaxValue, long.MinValue) : (number + 1, null),
        BinaryOp.GreaterOrEqual => (number, null),
        BinaryOp.Less => number == long.MinValue ? (long.MaxValue, long.MinValue) : (null, number - 1),
        BinaryOp.LessOrEqual => (null, number),
        _ => null,
    };

    /// <summary>The operator with its operands swapped: <c>5 &lt; key</c> is <c>key &gt; 5</c>.</summary>
    private static BinaryOp Mirror(BinaryOp op) => op switch
    {
        BinaryOp.Greater => BinaryOp.Less,
        BinaryOp.GreaterOrEqual => BinaryOp.LessOrEqual,
        BinaryOp.Less => BinaryOp.Greater,
        BinaryOp.LessOrEqual => BinaryOp.GreaterOrEqual,
        _ => op,
    };

    private static long? AsInt64(LiteralExpr literal) => literal.Value switch
    {
        sbyte v => v,
        short v => v,
        int v => v,
        long v => v,
        _ => null,
    };

    private bool IsIntegerKey(ColumnExpr column, int dataColumns) =>
        column.Index >= dataColumns && column.Index < Schema.Count
        && Schema[column.Index].Type.Id is TypeId.Int8 or TypeId.Int16 or TypeId.Int32 or TypeId.Int64;

    private bool IsStringKey(ColumnExpr column, int dataColumns) =>
        column.Index >= dataColumns && column.Index < Schema.Count && Schema[column.Index].Type.Id == TypeId.Utf8;
}
