using QueryEngine.Engine.Columnar;
using QueryEngine.Engine.Execution;
using QueryEngine.Engine.Execution.Memory;
using QueryEngine.Engine.Execution.Plan;
using QueryEngine.Engine.Expressions;
using Xunit;
using ExecutionContext = QueryEngine.Engine.Execution.ExecutionContext;
using static QueryEngine.Engine.Tests.Execution.TestData;

namespace QueryEngine.Engine.Tests.Execution.Memory;

/// <summary>Hash joins whose build side passes the memory limit: both sides are partitioned to disk and joined partition by partition, with the unlimited join's result.</summary>
public sealed class GraceHashJoinTests : IDisposable
{
    private readonly string _spillRoot = Path.Combine(Path.GetTempPath(), "qe-spill-join-tests-" + Guid.NewGuid().ToString("N"));

    public GraceHashJoinTests() => Directory.CreateDirectory(_spillRoot);

    public void Dispose() => Directory.Delete(_spillRoot, recursive: true);

    private static readonly Schema Left = Schema(("k", DataType.Int64), ("name", DataType.Utf8), ("v", DataType.Int64));

    private static readonly Schema Right = Schema(("rk", DataType.Int64), ("rname", DataType.Utf8), ("w", DataType.Int64));

    /// <summary>Left keys 0..29,999 twice each, right keys 10,000..49,999 (some twice); both sides have null keys.</summary>
    private static (RecordBatch[] Left, RecordBatch[] Right) Data()
    {
        var left = new object?[60_000][];
        for (var i = 0; i < left.Length; i++) left[i] = [i % 577 == 0 ? null : (long)(i % 30_000), "l" + (i % 30_000), (long)i];
        var right = new object?[44_000][];
        for (var i = 0; i < right.Length; i++)
        {
            var key = 10_000 + (i % 40_000);
            right[i] = [i % 613 == 0 ? null : (long)key, "l" + key, (long)(i * 3)];
        }
        return (Batches(Left, 1000, left), Batches(Right, 1000, right));
    }

    private static HashJoinExec Join(JoinType type, bool filtered, int tasks, bool stringKeys)
    {
        var (left, right) = Data();
        var output = type is JoinType.LeftSemi or JoinType.LeftAnti ? Left : new Schema([.. Left.Fields, .. Right.Fields]);
        // A residual condition over both sides: v < 2 * w.
        PhysicalExpr? filter = filtered
            ? new BinaryExpr(BinaryOp.Less, Col(Left, 2), new BinaryExpr(BinaryOp.Multiply, new ColumnExpr(5, DataType.Int64, "w"), Lit(2), DataType.Int64), DataType.Boolean)
            : null;
        PhysicalExpr[] leftKeys = stringKeys ? [Col(Left, 0), Col(Left, 1)] : [Col(Left, 0)];
        PhysicalExpr[] rightKeys = stringKeys ? [Col(Right, 0), Col(Right, 1)] : [Col(Right, 0)];
        return new HashJoinExec(Scan(left, Left, tasks), Scan(right, Right, tasks), type, leftKeys, rightKeys, filter, output);
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

    public static TheoryData<JoinType, bool, int> Cases()
    {
        var data = new TheoryData<JoinType, bool, int>();
        foreach (var type in Enum.GetValues<JoinType>())
        {
            data.Add(type, false, 1);
            data.Add(type, true, 1);
        }
        // Parallel probes (inner, left, semi, anti run one probe per worker).
        data.Add(JoinType.Inner, false, 2);
        data.Add(JoinType.Left, true, 2);
        data.Add(JoinType.LeftSemi, false, 2);
        data.Add(JoinType.LeftAnti, true, 2);
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void GraceJoinEqualsTheInMemoryJoin(JoinType type, bool filtered, int parallelism)
    {
        var plan = Join(type, filtered, tasks: 3, stringKeys: false);
        var (expected, notSpilled, _) = Run(plan, MemorySettings.Unlimited with { SpillDirectory = _spillRoot }, parallelism);
        var (actual, spilled, profile) = Run(plan, new MemorySettings(512 * 1024, SpillEnabled: true, _spillRoot), parallelism);

        Assert.Equal(0, notSpilled);
        Assert.NotEmpty(expected);
        Assert.Equal(expected, actual);
        Assert.True(spilled > 0, "nothing spilled");
        var stats = profile.Find(plan)!;
        Assert.True(stats.SpilledPartitions >= SpillPartitionWriter.Count, $"{stats.SpilledPartitions} partitions");
        Assert.Empty(Directory.EnumerateFileSystemEntries(_spillRoot));
    }

    [Fact]
    public void MultiColumnKeysSpillToo()
    {
        var plan = Join(JoinType.Full, filtered: false, tasks: 1, stringKeys: true);
        var (expected, _, _) = Run(plan, MemorySettings.Unlimited with { SpillDirectory = _spillRoot }, 1);
        var (actual, spilled, _) = Run(plan, new MemorySettings(512 * 1024, SpillEnabled: true, _spillRoot), 1);
        Assert.True(spilled > 0);
        Assert.Equal(expected, actual);
    }

    [Fact]
    public void ATinyLimitSplitsPartitionsAgain()
    {
        var plan = Join(JoinType.Inner, filtered: false, tasks: 1, stringKeys: false);
        var (expected, _, _) = Run(plan, MemorySettings.Unlimited with { SpillDirectory = _spillRoot }, 1);
        // 64KB: a 1/16 partition of the 44,000 build rows still does not fit, so it splits with the next seed.
        var (actual, _, profile) = Run(plan, new MemorySettings(64 * 1024, SpillEnabled: true, _spillRoot), 1);
        Assert.Equal(expected, actual);
        Assert.True(profile.Find(plan)!.SpilledPartitions > 2 * SpillPartitionWriter.Count, $"{profile.Find(plan)!.SpilledPartitions} partitions");
        Assert.Empty(Directory.EnumerateFileSystemEntries(_spillRoot));
    }

    [Fact]
    public void WithoutSpillingTheJoinFailsNamingItself()
    {
        var plan = Join(JoinType.Inner, filtered: false, tasks: 1, stringKeys: false);
        var error = Assert.Throws<Common.MemoryLimitExceededException>(
            () => Run(plan, new MemorySettings(512 * 1024, SpillEnabled: false, _spillRoot), 1));
        Assert.StartsWith("Query exceeded memory limit of 512KB in HashJoin build (reserved ", error.Message, StringComparison.Ordinal);
        Assert.Empty(Directory.EnumerateFileSystemEntries(_spillRoot));
    }

    [Fact]
    public void CancellingAGraceJoinDeletesItsFiles()
    {
        var plan = Join(JoinType.Inner, filtered: false, tasks: 1, stringKeys: false);
        using var cts = new CancellationTokenSource();
        var pool = new QueryMemoryPool(new MemorySettings(512 * 1024, SpillEnabled: true, _spillRoot));
        var context = new ExecutionContext(cts.Token, 1, batchSize: 256) { Memory = pool };
        var batches = QueryExecutor.Execute(plan, context).GetEnumerator();
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
