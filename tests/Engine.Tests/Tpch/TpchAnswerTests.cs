using Xunit;
using QueryEngine.Engine.Catalog;
using QueryEngine.Engine.Session;
using QueryEngine.Engine.Storage;
using QueryEngine.Engine.Tests.TestSupport;
using QueryEngine.Tpch.Bench;

namespace QueryEngine.Engine.Tests.Tpch;

/// <summary>The TPC-H queries over the reference dbgen text tables return the reference answers.</summary>
public sealed class TpchAnswerTests
{
    public static TheoryData<string> AllQueries()
    {
        var data = new TheoryData<string>();
        for (var i = 1; i <= 22; i++) data.Add($"q{i:00}");
        return data;
    }

    [Theory]
    [MemberData(nameof(AllQueries))]
    public void AllQueriesMatchAtSf001(string query) => RunAndCompare("0.01", query);

    [Theory]
    [MemberData(nameof(AllQueries))]
    public void AllQueriesMatchAtSf01(string query) => RunAndCompare("0.1", query);

    internal static void RunAndCompare(string scaleFactor, string query) => AssertAnswer(NewSession(scaleFactor), scaleFactor, query, "");

    /// <summary>Runs the TPC-H query in <paramref name="session"/> and compares it with the reference answer at that scale.</summary>
    internal static void AssertAnswer(QuerySession session, string scaleFactor, string query, string over)
    {
        var sql = File.ReadAllText(Path.Combine(SharedData.TpchRoot, "queries", query + ".sql"));
        var rows = Render(session.Execute(sql));
        var answer = Path.Combine(SharedData.TpchRoot, "answers", "sf" + scaleFactor, query + ".csv");
        var difference = AnswerComparer.Compare(rows, answer, AnswerComparer.NumericColumns(SharedData.TpchRoot, query));
        Assert.True(difference is null, $"{query} at SF {scaleFactor}{over}: {difference}");
    }

    internal static QuerySession NewSession(string scaleFactor)
    {
        var folder = TpchData.Folder(scaleFactor);
        var session = new QuerySession(new InMemoryCatalog(), new FileTableSourceFactory(new LocalObjectStore()), new SessionOptions());
        session.ExecuteScript(TpchData.CreateTablesSql("tpch", folder) + "USE tpch;");
        return session;
    }

    internal static List<string[]> Render(StatementResult result) => TpchBenchmark.Render(result);
}
