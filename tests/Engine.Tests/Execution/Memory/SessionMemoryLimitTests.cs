using QueryEngine.Engine.Catalog;
using QueryEngine.Engine.Common;
using QueryEngine.Engine.Execution.Memory;
using QueryEngine.Engine.Session;
using QueryEngine.Engine.Storage;
using Xunit;

namespace QueryEngine.Engine.Tests.Execution.Memory;

/// <summary>A session whose query passes the memory limit reports it, releases the query and runs the next one.</summary>
public sealed class SessionMemoryLimitTests : IDisposable
{
    private readonly string _spillRoot = Path.Combine(Path.GetTempPath(), "qe-spill-session-" + Guid.NewGuid().ToString("N"));

    public SessionMemoryLimitTests() => Directory.CreateDirectory(_spillRoot);

    public void Dispose() => Directory.Delete(_spillRoot, recursive: true);

    private QuerySession Session(long limit) => new(new InMemoryCatalog(), new FileTableSourceFactory(new LocalObjectStore()), new SessionOptions
    {
        Memory = new MemorySettings(limit, SpillEnabled: true, _spillRoot),
    });

    private static long Scalar(QuerySession session, string sql) => Convert.ToInt64(session.Execute(sql).Batches[0].Column(0).GetValue(0), System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>300,000 distinct numbers (sequence() stops at 10,000 elements).</summary>
    private const string Numbers = "(SELECT x + 10000 * y AS x FROM UNNEST(sequence(1, 10000)) a(x) CROSS JOIN UNNEST(sequence(0, 29)) b(y))";

    private const string Join = $"SELECT count(*) FROM {Numbers} a JOIN {Numbers} b ON a.x = b.x";

    private const string Groups = $"SELECT count(*) FROM (SELECT x, count(*) FROM {Numbers} t GROUP BY x) g";

    [Fact]
    public void AJoinOverTheLimitWithoutSpillingFailsClearlyAndTheNextQueryRuns()
    {
        var session = Session(1L << 20);
        session.Execute("SET SESSION spill_enabled = false");
        var error = Assert.Throws<MemoryLimitExceededException>(() => session.Execute(Join));
        Assert.Equal("HashJoin build", error.Owner);
        Assert.StartsWith("Query exceeded memory limit of 1MB in HashJoin build (reserved ", error.Message, StringComparison.Ordinal);
        Assert.Equal(1000, Scalar(session, "SELECT count(*) FROM UNNEST(sequence(1, 1000)) t(x)"));
        // Raised for this session only, the same join now runs.
        session.Execute("SET SESSION query_max_memory = '256MB'");
        Assert.Equal(300_000, Scalar(session, Join));
        session.Execute("RESET SESSION query_max_memory");
        Assert.Throws<MemoryLimitExceededException>(() => session.Execute(Join));
        // With spilling on again, the join runs as a grace hash join under the same 1MB.
        session.Execute("RESET SESSION spill_enabled");
        Assert.Equal(300_000, Scalar(session, Join));
        Assert.Empty(Directory.EnumerateFileSystemEntries(_spillRoot));
    }

    [Fact]
    public void AnAggregationWithTooManyGroupsSpillsOrFailsNamingIt()
    {
        var session = Session(1L << 20);
        Assert.Equal(300_000, Scalar(session, Groups));
        session.Execute("SET SESSION spill_enabled = false");
        var error = Assert.Throws<MemoryLimitExceededException>(() => session.Execute(Groups));
        Assert.Equal("HashAggregate", error.Owner);
        Assert.Equal(300_000, Scalar(Session(256L << 20), Groups));
        Assert.Empty(Directory.EnumerateFileSystemEntries(_spillRoot));
    }

    [Fact]
    public void ASortOverTheLimitSpillsAndLeavesNoFiles()
    {
        const string sorted = "SELECT reduce(array_agg(x), 0, (s, v) -> (s * 31 + v) % 1000000007, s -> s) "
            + $"FROM (SELECT x FROM {Numbers} t ORDER BY x % 1000 DESC, x) o";
        var expected = Scalar(Session(1L << 30), sorted);
        // 300,000 numbers are 2.4MB: twice that for the sort's buffer passes 4MB, and array_agg's result fits.
        var session = Session(4L << 20);
        Assert.Equal(expected, Scalar(session, sorted));
        var plan = (string)session.Execute("EXPLAIN ANALYZE " + sorted).Batches[0].Column(0).GetValue(0)!;
        Assert.Matches(@"\n\s*Sort \[rows=300000, [^\n]*peak memory=[^\n]*, spilled=[0-9.]+[kKM]?B \(\d+ rows\)\]", plan);
        Assert.Empty(Directory.EnumerateFileSystemEntries(_spillRoot));
    }
}
