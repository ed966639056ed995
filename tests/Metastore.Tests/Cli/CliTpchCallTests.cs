using System.IO.Compression;
using QueryEngine.Cli;
using QueryEngine.Engine.Tests.TestSupport;
using Xunit;

namespace QueryEngine.Metastore.Tests.Cli;

/// <summary><c>CALL tpch_generate(...)</c> in <c>qe sql</c>: the eight TPC-H tables in a database of the metastore.</summary>
public sealed class CliTpchCallTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void TpchGenerateCreatesTheEightTables()
    {
        var (code, _, error) = Run("sql", "--warehouse", "wh", "-e", "CALL tpch_generate(sf => 0.01, schema => 'bench')");
        Assert.True(code == 0, error);
        var (_, tables, _) = Run("sql", "--warehouse", "wh", "--format", "csv", "-e", "SHOW TABLES FROM bench");
        Assert.Equal("Table\ncustomer\nlineitem\nnation\norders\npart\npartsupp\nregion\nsupplier\n", tables.ReplaceLineEndings("\n"));

        // Idempotent: a second call keeps the files and tables.
        Assert.Equal(0, Run("sql", "--warehouse", "wh", "-e", "CALL tpch_generate(0.01, 'bench')").Code);
        var (_, count, countError) = Run("sql", "--warehouse", "wh", "--format", "csv", "-e", "SELECT count(*) FROM bench.lineitem");
        Assert.True(countError.Length == 0, countError);
        Assert.Equal($"_col0\n{ReferenceLines("lineitem")}\n", count.ReplaceLineEndings("\n"));
        Assert.True(File.Exists(_dir.Combine("wh", "tpch-data", "sf0.01", "lineitem", "lineitem.tbl")));
    }

    [Theory]
    [InlineData("CALL tpch_generate(sf => 1.5)", "sf must be a scale factor")]
    [InlineData("CALL tpch_generate(schema => 'x')", "needs a scale factor")]
    [InlineData("CALL tpch_generate(sf => 0.01, format => 'orc')", "format must be 'tbl' or 'parquet'")]
    [InlineData("CALL tpch_generate(sf => 0.01, scale => 1)", "has no argument named 'scale'")]
    [InlineData("CALL tpch_generate(sf => 'big')", "must be a number")]
    [InlineData("CALL nope()", "Procedure 'nope' does not exist (procedures: tpch_generate)")]
    public void BadCallsSayWhy(string sql, string message)
    {
        var (code, _, error) = Run("sql", "--warehouse", "wh", "-e", sql);
        Assert.NotEqual(0, code);
        Assert.Contains(message, error, StringComparison.Ordinal);
    }

    private static long ReferenceLines(string table)
    {
        using var file = File.OpenRead(Path.Combine(SharedData.TpchRoot, "data", "sf0.01", table + ".tbl.gz"));
        using var reader = new StreamReader(new GZipStream(file, CompressionMode.Decompress));
        long lines = 0;
        while (reader.ReadLine() is not null) lines++;
        return lines;
    }

    private (int Code, string Output, string Error) Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var console = new CliConsole(TextReader.Null, false, output, error, _ => null, _dir.Path);
        var code = CliApplication.Run(args, console, CancellationToken.None);
        return (code, output.ToString(), error.ToString());
    }
}
