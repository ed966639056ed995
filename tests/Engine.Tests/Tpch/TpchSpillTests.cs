using System.Text.RegularExpressions;
using QueryEngine.Engine.Tests.TestSupport;
using Xunit;

namespace QueryEngine.Engine.Tests.Tpch;

/// <summary>
/// TPC-H queries whose joins and aggregations do not fit a tiny per-query memory limit: they spill (grace hash join,
/// partitioned aggregation) and still return the reference answers; with spilling off they fail with the clear
/// memory-limit error and the session runs the next query.
/// </summary>
public sealed partial class TpchSpillTests
{
    public static TheoryData<string, string, string> SpillingQueries()
    {
        var data = new TheoryData<string, string, string>();
        foreach (var query in new[] { "q09", "q18" })
        {
            data.Add("0.01", query, "256kB");
            data.Add("0.1", query, "2MB");
        }
        // Q13's join builds on customer and groups by customer: small, so a smaller limit (SF 0.1 only: at SF 0.01
        // a limit small enough to make them spill leaves too little for the rest of the plan).
        data.Add("0.1", "q13", "256kB");
        return data;
    }

    [Theory]
    [MemberData(nameof(SpillingQueries))]
    public void QueriesSpillUnderATinyLimitAndMatchTheAnswers(string scaleFactor, string query, string limit)
    {
        var session = TpchAnswerTests.NewSession(scaleFactor);
        session.Execute($"SET SESSION query_max_memory = '{limit}'");
        var sql = File.ReadAllText(Path.Combine(SharedData.TpchRoot, "queries", query + ".sql"));
        var rows = TpchAnswerTests.Render(session.Execute(sql));
        var answer = Path.Combine(SharedData.TpchRoot, "answers", "sf" + scaleFactor, query + ".csv");
        var difference = AnswerComparer.Compare(rows, answer, AnswerComparer.NumericColumns(SharedData.TpchRoot, query));
        Assert.True(difference is null, $"{query} at SF {scaleFactor} under {limit}: {difference}");

        var plan = (string)session.Execute("EXPLAIN ANALYZE " + sql).Batches[0].Column(0).GetValue(0)!;
        // A hash aggregation or hash join wrote spill partitions.
        Assert.Matches(SpilledPartitions(), plan);
    }

    [Fact]
    public void WithoutSpillingQ18FailsClearlyAndTheSessionGoesOn()
    {
        var session = TpchAnswerTests.NewSession("0.01");
        session.Execute("SET SESSION query_max_memory = '256kB'");
        session.Execute("SET SESSION spill_enabled = false");
        var sql = File.ReadAllText(Path.Combine(SharedData.TpchRoot, "queries", "q18.sql"));
        var error = Assert.Throws<Common.MemoryLimitExceededException>(() => session.Execute(sql));
        Assert.StartsWith("Query exceeded memory limit of 256KB in Hash", error.Message, StringComparison.Ordinal);
        Assert.Equal(25L, Convert.ToInt64(session.Execute("SELECT count(*) FROM nation").Batches[0].Column(0).GetValue(0), System.Globalization.CultureInfo.InvariantCulture));
    }

    [GeneratedRegex(@"(HashAggregate|HashJoin) \[[^\n]*spilled=[0-9.]+[kKMG]?B \(\d+ rows in \d+ partitions\)\]")]
    private static partial Regex SpilledPartitions();
}
