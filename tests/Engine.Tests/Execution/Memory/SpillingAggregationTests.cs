using QueryEngine.Engine.Columnar;
using QueryEngine.Engine.Execution;
using QueryEngine.Engine.Execution.Memory;
using QueryEngine.Engine.Execution.Plan;
using QueryEngine.Engine.Expressions;
using Xunit;
using ExecutionContext = QueryEngine.Engine.Execution.ExecutionContext;
using static QueryEngine.Engine.Tests.Execution.TestData;

namespace QueryEngine.Engine.Tests.Execution.Memory;

/// <summary>GROUP BY with far more groups than the memory limit holds: the table freezes, new keys spill by hash partition, the result equals the unlimited run.</summary>
public sealed class SpillingAggregationTests : IDisposable
{
    private readonly string _spillRoot = Path.Combine(Path.GetTempPath(), "qe-spill-agg-tests-" + Guid.NewGuid().ToString("N"));

    public SpillingAggregationTests() => Directory.CreateDirectory(_spillRoot);

    public void Dispose() => Directory.Delete(_spillRoot, recursive: true);

    private static readonly Schema Rows = Schema(("id", DataType.Int64), ("name", DataType.Utf8), ("amount", DataType.Decimal(15, 2)), ("flag", DataType.Boolean));

    /// <summary>Rows whose keys repeat across the whole input (so frozen groups keep updating), with null keys and values.</summary>
    private static RecordBatch[] Data(int count, int groups)
    {
        var random = new Random(7);
        var rows = new object?[count][];
        for (var i = 0; i < count; i++)
        {
            var key = random.Next(groups);
            rows[i] =
            [
                key % 211 == 0 ? null : (long)key,
                "name-" + (key % 5000).ToString("D5", System.Globalization.CultureInfo.InvariantCulture),
                i % 13 == 0 ? null : (Int128)random.Next(-100_000, 100_000),
                random.Next(3) == 0,
            ];
        }
        return Batches(Rows, 1000, rows);
    }

    private static AggregateCall Call(AggregateFunction function, DataType type, bool distinct = false, params PhysicalExpr[] args) => new(function, args, distinct, null, type);

    /// <summary>GROUP BY id, name with the mergeable aggregates (sum, count, avg, min, max, bool_or, array_agg).</summary>
    private static HashAggregateExec Aggregate(RecordBatch[] data, int tasks, bool distinct)
    {
        var amount = Col(Rows, 2);
        List<AggregateCall> calls =
        [
            Call(AggregateFunction.CountStar, DataType.Int64),
            Call(AggregateFunction.Count, DataType.Int64, false, amount),
            Call(AggregateFunction.Sum, DataType.Decimal(38, 2), false, amount),
            Call(AggregateFunction.Avg, DataType.Decimal(15, 2), false, amount),
            Call(AggregateFunction.Min, DataType.Decimal(15, 2), false, amount),
            Call(AggregateFunction.Max, DataType.Utf8, false, Col(Rows, 1)),
            Call(AggregateFunction.BoolOr, DataType.Boolean, false, Col(Rows, 3)),
        ];
        if (distinct) calls.Add(Call(AggregateFunction.Count, DataType.Int64, true, amount));
        var fields = new List<Field> { Rows.Fields[0], Rows.Fields[1] };
        for (var i = 0; i < calls.Count; i++) fields.Add(new Field("a" + i, calls[i].Type));
        return new HashAggregateExec(Scan(data, Rows, tasks), [Col(Rows, 0), Col(Rows, 1)], calls, new Schema(fields));
    }

    private (List<string> Rows, long Spilled, QueryProfile Profile) Run(PhysicalPlan plan, MemorySettings settings, int parallelism)
    {
        var profile = new QueryProfile();
        using var pool = new QueryMemoryPool(settings);
        var context = new ExecutionContext(CancellationToken.None, parallelism) { Memory = pool, Profile = profile };
        var rows = new List<object?[]>();
        foreach (var batch in QueryExecutor.Execute(plan, context)) rows.AddRange(ToRows(batch));
        return (Sorted(rows), pool.SpilledBytes, profile);
    }

    [Theory]
    [InlineData(1, false)]
    [InlineData(1, true)]
    [InlineData(2, false)]
    public void SpilledAggregationEqualsTheUnlimitedOne(int parallelism, bool distinct)
    {
        var plan = Aggregate(Data(120_000, 40_000), tasks: 4, distinct);
        var (expected, notSpilled, _) = Run(plan, MemorySettings.Unlimited with { SpillDirectory = _spillRoot }, parallelism);
        var (actual, spilled, profile) = Run(plan, new MemorySettings(512 * 1024, SpillEnabled: true, _spillRoot), parallelism);

        Assert.Equal(0, notSpilled);
        Assert.True(expected.Count > 30_000, $"{expected.Count} groups");
        Assert.Equal(expected, actual);
        Assert.True(spilled > 0, "nothing spilled");
        var stats = profile.Find(plan)!;
        Assert.True(stats.SpilledPartitions >= SpillPartitionWriter.Count / 2, $"{stats.SpilledPartitions} partitions");
        Assert.True(stats.SpilledRows > 0);
        Assert.Empty(Directory.EnumerateFileSystemEntries(_spillRoot));
    }

    [Fact]
    public void ArrayAggKeepsEachGroupsInputOrderWhenSpilled()
    {
        var schema = Schema(("k", DataType.Int64), ("seq", DataType.Int64));
        var rows = new object?[240_000][];
        for (var i = 0; i < rows.Length; i++) rows[i] = [(long)(i * 7919L % 80_000), (long)i];
        var data = Batches(schema, 1000, rows);
        var call = new AggregateCall(AggregateFunction.ArrayAgg, [Col(schema, 1)], false, null, new ListType(new Field("element", DataType.Int64)));
        var plan = new HashAggregateExec(Scan(data, schema), [Col(schema, 0)], [call], new Schema([schema.Fields[0], new Field("seqs", call.Type)]));
        var (expected, _, _) = Run(plan, MemorySettings.Unlimited with { SpillDirectory = _spillRoot }, 1);
        var (actual, spilled, _) = Run(plan, new MemorySettings(1024 * 1024, SpillEnabled: true, _spillRoot), 1);
        Assert.True(spilled > 0);
        Assert.Equal(80_000, actual.Count);
        Assert.Equal(expected, actual);
    }

    [Fact]
    public void WithoutSpillingTheAggregationFailsNamingItself()
    {
        var plan = Aggregate(Data(60_000, 40_000), tasks: 1, distinct: false);
        var error = Assert.Throws<Common.MemoryLimitExceededException>(
            () => Run(plan, new MemorySettings(256 * 1024, SpillEnabled: false, _spillRoot), parallelism: 1));
        Assert.StartsWith("Query exceeded memory limit of 256KB in HashAggregate (reserved ", error.Message, StringComparison.Ordinal);
        Assert.Equal(Common.ErrorCode.ResourceExhausted, error.Code);
        Assert.Empty(Directory.EnumerateFileSystemEntries(_spillRoot));
    }

    [Fact]
    public void CancellingASpillingAggregationDeletesItsFiles()
    {
        var plan = Aggregate(Data(120_000, 40_000), tasks: 1, distinct: false);
        using var cts = new CancellationTokenSource();
        var pool = new QueryMemoryPool(new MemorySettings(256 * 1024, SpillEnabled: true, _spillRoot));
        var context = new ExecutionContext(cts.Token, 1) { Memory = pool };
        var batches = QueryExecutor.Execute(plan, context).GetEnumerator();
        // The first batch comes after the input is consumed and partitions are written.
        Assert.True(batches.MoveNext());
        Assert.True(pool.SpilledBytes > 0);
        Assert.NotEmpty(Directory.EnumerateFileSystemEntries(_spillRoot, "*", SearchOption.AllDirectories));
        cts.Cancel();
        Assert.ThrowsAny<OperationCanceledException>(() =>
        {
            while (batches.MoveNext())
            {
            }
        });
        batches.Dispose();
        Assert.Empty(Directory.EnumerateFileSystemEntries(_spillRoot));
    }
}
