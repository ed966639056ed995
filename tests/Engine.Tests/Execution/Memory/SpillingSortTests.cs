using QueryEngine.Engine.Columnar;
using QueryEngine.Engine.Execution;
using QueryEngine.Engine.Execution.Memory;
using QueryEngine.Engine.Execution.Plan;
using Xunit;
using ExecutionContext = QueryEngine.Engine.Execution.ExecutionContext;
using static QueryEngine.Engine.Tests.Execution.TestData;

namespace QueryEngine.Engine.Tests.Execution.Memory;

/// <summary>ORDER BY under a memory limit far below its input: sorted runs spill to disk and merge to the in-memory result.</summary>
public sealed class SpillingSortTests : IDisposable
{
    private readonly string _spillRoot = Path.Combine(Path.GetTempPath(), "qe-spill-tests-" + Guid.NewGuid().ToString("N"));

    public SpillingSortTests() => Directory.CreateDirectory(_spillRoot);

    public void Dispose() => Directory.Delete(_spillRoot, recursive: true);

    private static readonly Schema Rows = Schema(
        ("id", DataType.Int64), ("name", DataType.Utf8), ("amount", DataType.Decimal(15, 2)), ("day", DataType.Date32), ("score", DataType.Float64));

    /// <summary>Rows with repeated and null sort keys; <c>id</c> is unique so the full order is determined.</summary>
    private static RecordBatch[] Data(int count, int batchSize)
    {
        var random = new Random(42);
        var rows = new object?[count][];
        for (var i = 0; i < count; i++)
        {
            rows[i] =
            [
                (long)i,
                i % 97 == 0 ? null : "name-" + random.Next(500).ToString("D4", System.Globalization.CultureInfo.InvariantCulture),
                (Int128)random.Next(-100_000, 100_000),
                i % 89 == 0 ? null : random.Next(9000, 9400),
                random.NextDouble() * 1000,
            ];
        }
        return Batches(Rows, batchSize, rows);
    }

    private static SortExec Sort(RecordBatch[] data) => new(Scan(data, Rows, tasks: 2),
    [
        new SortKey(Col(Rows, 1), Ascending: true, NullsFirst: true),
        new SortKey(Col(Rows, 3), Ascending: false, NullsFirst: false),
        new SortKey(Col(Rows, 0), Ascending: true, NullsFirst: false),
    ]);

    private (List<object?[]> Rows, long Spilled, QueryProfile Profile) Run(PhysicalPlan plan, MemorySettings settings, int parallelism)
    {
        var profile = new QueryProfile();
        var pool = new QueryMemoryPool(settings);
        var context = new ExecutionContext(CancellationToken.None, parallelism) { Memory = pool, Profile = profile };
        var rows = new List<object?[]>();
        foreach (var batch in QueryExecutor.Execute(plan, context)) rows.AddRange(ToRows(batch));
        return (rows, pool.SpilledBytes, profile);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void SpilledSortReturnsTheRowsOfTheInMemorySort(int parallelism)
    {
        var data = Data(60_000, 1000);
        var plan = Sort(data);
        var (expected, notSpilled, _) = Run(plan, MemorySettings.Unlimited with { SpillDirectory = _spillRoot }, parallelism);
        var limited = new MemorySettings(256 * 1024, SpillEnabled: true, _spillRoot);
        var (actual, spilled, profile) = Run(plan, limited, parallelism);

        Assert.Equal(0, notSpilled);
        Assert.Equal(60_000, actual.Count);
        Assert.Equal(expected.Count, actual.Count);
        for (var i = 0; i < expected.Count; i++) Assert.Equal(expected[i], actual[i]);
        // The input (several MB) passes the limit many times over: more runs than one merge takes, so a merge pass too.
        Assert.True(spilled > 2 * 1024 * 1024, $"spilled {spilled} bytes");
        var stats = profile.Find(plan)!;
        Assert.True(stats.SpilledRows > 60_000, $"spilled rows {stats.SpilledRows} (runs and merged runs)");
        Assert.InRange(stats.PeakMemory, 1, 256 * 1024);
        Assert.Empty(Directory.EnumerateFileSystemEntries(_spillRoot));
    }

    [Fact]
    public void EveryRowIsInOrderAfterSpilling()
    {
        var data = Data(20_000, 500);
        var plan = Sort(data);
        var (rows, spilled, _) = Run(plan, new MemorySettings(128 * 1024, SpillEnabled: true, _spillRoot), parallelism: 1);
        Assert.True(spilled > 0);
        Assert.Equal(20_000, rows.Count);
        for (var i = 1; i < rows.Count; i++)
        {
            var (a, b) = (rows[i - 1], rows[i]);
            var byName = CompareNullsFirst((string?)a[1], (string?)b[1], string.CompareOrdinal);
            // day DESC NULLS LAST: the reverse of ascending with nulls first.
            if (byName == 0) byName = -CompareNullsFirst((int?)a[3], (int?)b[3], (x, y) => x!.Value.CompareTo(y!.Value));
            if (byName == 0) byName = ((long)a[0]!).CompareTo((long)b[0]!);
            Assert.True(byName < 0, $"rows {i - 1} and {i} out of order");
        }
        Assert.Equal(Enumerable.Range(0, 20_000).Select(i => (long)i), rows.Select(r => (long)r[0]!).Order());
    }

    private static int CompareNullsFirst<T>(T? a, T? b, Func<T, T, int> compare)
    {
        if (a is null || b is null) return a is null && b is null ? 0 : a is null ? -1 : 1;
        return Math.Sign(compare(a, b));
    }

    [Fact]
    public void WithoutSpillingTheSortFailsNamingItselfAndTheLimit()
    {
        var plan = Sort(Data(20_000, 500));
        var error = Assert.Throws<Common.MemoryLimitExceededException>(
            () => Run(plan, new MemorySettings(128 * 1024, SpillEnabled: false, _spillRoot), parallelism: 1));
        Assert.StartsWith("Query exceeded memory limit of 128KB in Sort (reserved ", error.Message, StringComparison.Ordinal);
        Assert.Equal("Sort", error.Owner);
        Assert.True(error.Reserved + error.Requested > error.Limit);
        Assert.Equal(Common.ErrorCode.ResourceExhausted, error.Code);
    }

    [Fact]
    public void AbandoningASpilledSortDeletesItsFiles()
    {
        var plan = Sort(Data(20_000, 500));
        var pool = new QueryMemoryPool(new MemorySettings(128 * 1024, SpillEnabled: true, _spillRoot));
        var context = new ExecutionContext(CancellationToken.None, 1) { Memory = pool };
        using (var batches = QueryExecutor.Execute(plan, context).GetEnumerator())
        {
            Assert.True(batches.MoveNext());
            Assert.True(pool.SpilledBytes > 0);
            Assert.NotEmpty(Directory.EnumerateFileSystemEntries(_spillRoot));
        }
        Assert.Empty(Directory.EnumerateFileSystemEntries(_spillRoot));
    }
}
