using QueryEngine.Engine.Catalog;
using QueryEngine.Engine.Session;
using QueryEngine.Engine.Storage;
using Xunit;

namespace QueryEngine.Engine.Tests.Tpch;

/// <summary>
/// The 22 TPC-H queries at SF 0.01 and SF 0.1 over a Parquet copy of the dbgen tables that the test writes with our
/// own Parquet writer (CTAS), read back through fresh <c>STORED AS PARQUET</c> tables, return the reference answers.
/// </summary>
public sealed class TpchParquetCopyTests
{
    public static TheoryData<string> AllQueries() => TpchAnswerTests.AllQueries();

    [Theory]
    [MemberData(nameof(AllQueries))]
    public void AllQueriesMatchAtSf001(string query) => RunAndCompare("0.01", query);

    [Theory]
    [MemberData(nameof(AllQueries))]
    public void AllQueriesMatchAtSf01(string query) => RunAndCompare("0.1", query);

    /// <summary>The copy holds Parquet files only (no text left behind) and every row of every table.</summary>
    [Theory]
    [InlineData("0.01")]
    [InlineData("0.1")]
    public void TheCopyIsParquetWithEveryRow(string scaleFactor)
    {
        var folder = TpchParquetCopy.Folder(scaleFactor);
        var session = NewSession(scaleFactor);
        var text = TpchAnswerTests.NewSession(scaleFactor);
        foreach (var table in TpchData.Tables)
        {
            var files = Directory.GetFiles(Path.Combine(folder, table));
            Assert.NotEmpty(files);
            Assert.All(files, f => Assert.EndsWith(".parquet", f, StringComparison.Ordinal));
            Assert.All(files, f => Assert.Equal("PAR1"u8.ToArray(), File.ReadAllBytes(f)[..4]));
            var sql = $"SELECT count(*) FROM {table}";
            var expected = TpchAnswerTests.Render(text.Execute(sql))[0][0];
            Assert.Equal(expected, TpchAnswerTests.Render(session.Execute(sql))[0][0]);
        }
    }

    private static void RunAndCompare(string scaleFactor, string query) =>
        TpchAnswerTests.AssertAnswer(NewSession(scaleFactor), scaleFactor, query, " over the Parquet copy");

    private static QuerySession NewSession(string scaleFactor)
    {
        var folder = TpchParquetCopy.Folder(scaleFactor);
        var session = new QuerySession(new InMemoryCatalog(), new FileTableSourceFactory(new LocalObjectStore()), new SessionOptions());
        session.ExecuteScript(TpchParquetCopy.CreateTablesSql("tpch", folder) + "USE tpch;");
        return session;
    }
}
