using Xunit;
using QueryEngine.Engine.Catalog;
using QueryEngine.Engine.Session;
using QueryEngine.Engine.Storage;
using QueryEngine.Engine.Tests.TestSupport;
using QueryEngine.Engine.Tests.Tpch;

namespace QueryEngine.Engine.Tests.Formats.Parquet;

/// <summary>
/// The 22 TPC-H queries over the DuckDB-written Parquet tables of shared/tpch/data/sf0.01-parquet, declared
/// <c>STORED AS PARQUET</c>, return the reference answers.
/// </summary>
public sealed class TpchParquetTests
{
    public static TheoryData<string> AllQueries() => TpchAnswerTests.AllQueries();

    [Theory]
    [MemberData(nameof(AllQueries))]
    public void AllQueriesMatchAtSf001(string query)
    {
        var session = NewSession();
        var sql = File.ReadAllText(Path.Combine(SharedData.TpchRoot, "queries", query + ".sql"));
        var rows = TpchAnswerTests.Render(session.Execute(sql));
        var answer = Path.Combine(SharedData.TpchRoot, "answers", "sf0.01", query + ".csv");
        var difference = AnswerComparer.Compare(rows, answer, AnswerComparer.NumericColumns(SharedData.TpchRoot, query));
        Assert.True(difference is null, $"{query} over Parquet: {difference}");
    }

    /// <summary>Whole-table scans of every column agree with the same tables read from the dbgen text files.</summary>
    [Theory]
    [InlineData("SELECT count(*), sum(l_quantity), min(l_shipdate), max(l_comment), sum(l_orderkey) FROM lineitem")]
    [InlineData("SELECT * FROM orders ORDER BY o_orderkey")]
    [InlineData("SELECT * FROM customer ORDER BY c_custkey")]
    [InlineData("SELECT * FROM partsupp ORDER BY ps_partkey, ps_suppkey")]
    [InlineData("SELECT * FROM nation ORDER BY n_nationkey")]
    [InlineData("SELECT count(*) FROM lineitem WHERE l_shipdate >= DATE '1998-12-01'")]
    [InlineData("SELECT l_orderkey, l_linenumber FROM lineitem WHERE l_orderkey = 7 ORDER BY 2")]
    public void SameRowsAsTheTextTables(string sql)
    {
        var parquet = TpchAnswerTests.Render(NewSession().Execute(sql));
        var text = TpchAnswerTests.Render(TpchAnswerTests.NewSession("0.01").Execute(sql));
        Assert.True(parquet.Count > 0);
        Assert.Equal(text.Count, parquet.Count);
        for (var i = 0; i < text.Count; i++) Assert.Equal(string.Join("|", text[i]), string.Join("|", parquet[i]));
    }

    internal static QuerySession NewSession()
    {
        var folder = Path.Combine(SharedData.TpchRoot, "data", "sf0.01-parquet");
        var session = new QuerySession(new InMemoryCatalog(), new FileTableSourceFactory(new LocalObjectStore()), new SessionOptions());
        session.ExecuteScript(TpchParquetCopy.CreateTablesSql("tpch", folder) + "USE tpch;");
        return session;
    }
}
