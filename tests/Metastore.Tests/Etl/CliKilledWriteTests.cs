using System.Diagnostics;
using QueryEngine.Cli;
using QueryEngine.Engine.Tests.TestSupport;
using QueryEngine.Metastore.Store.Sqlite;
using Xunit;

namespace QueryEngine.Metastore.Tests.Etl;

/// <summary>
/// A <c>qe sql</c> child process killed in the middle of a CTAS leaves no table in the SQLite metastore, and the
/// next <c>qe</c> start removes every file it wrote (staged or published) and its journal.
/// </summary>
public sealed class CliKilledWriteTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void KilledCtasLeavesNothingAfterTheNextStart()
    {
        var warehouse = _dir.Combine("warehouse");
        var lineitem = Path.Combine(SharedData.TpchRoot, "data", "sf0.01", "lineitem.tbl.gz");
        var (code, _, error) = RunInProcess(
            "sql", "--warehouse", warehouse, "-e",
            "CREATE DATABASE etl; " +
            "CREATE EXTERNAL TABLE etl.lineitem (l_orderkey bigint, l_partkey bigint, l_suppkey bigint, l_linenumber int, l_quantity decimal(15,2), " +
            "l_extendedprice decimal(15,2), l_discount decimal(15,2), l_tax decimal(15,2), l_returnflag string, l_linestatus string, l_shipdate date, " +
            "l_commitdate date, l_receiptdate date, l_shipinstruct string, l_shipmode string, l_comment string) " +
            $"ROW FORMAT DELIMITED FIELDS TERMINATED BY '|' LOCATION '{lineitem}'");
        Assert.True(code == 0, error);

        // Far more rows than the child can write before it is killed: 60 175 x 1 000.
        var ctas = "CREATE TABLE etl.big WITH (partitioned_by = ARRAY['l_shipmode']) AS " +
                   "SELECT a.l_orderkey, a.l_comment, b.l_linenumber AS n, a.l_shipmode FROM etl.lineitem a CROSS JOIN (SELECT l_linenumber FROM etl.lineitem LIMIT 1000) b";
        var journals = Path.Combine(warehouse, ".qe-staging");
        var table = Path.Combine(warehouse, "etl", "big");
        using (var child = StartQe("sql", "--warehouse", warehouse, "-e", ctas))
        {
            var deadline = DateTime.UtcNow.AddMinutes(3);
            // Wait until the write has journaled and staged data files, then kill it.
            while (!(Directory.Exists(journals) && Directory.GetFiles(journals, "*.json").Length > 0 &&
                     Directory.Exists(table) && Directory.GetFiles(table, "*", SearchOption.AllDirectories).Length > 0))
            {
                if (child.HasExited)
                {
                    Assert.Fail($"qe exited ({child.ExitCode}) before it was killed: {child.StandardOutput.ReadToEnd()} {child.StandardError.ReadToEnd()}");
                }
                Assert.True(DateTime.UtcNow < deadline, "the CTAS never started writing");
                Thread.Sleep(50);
            }
            child.Kill(entireProcessTree: true);
            child.WaitForExit();
        }

        // Killed: the table is not in the metastore, the journal and staged files are still there.
        using (var catalog = SqliteCatalog.OpenWarehouse(warehouse))
        {
            Assert.Null(catalog.GetTable("etl", "big"));
        }
        Assert.NotEmpty(Directory.GetFiles(journals, "*.json"));

        // The next start cleans up.
        var (next, output, nextError) = RunInProcess("sql", "--warehouse", warehouse, "--format", "csv", "-e", "SHOW TABLES FROM etl");
        Assert.True(next == 0, nextError);
        Assert.DoesNotContain("big", output, StringComparison.Ordinal);
        Assert.False(Directory.Exists(table), "the killed CTAS's folder is removed");
        Assert.Empty(Directory.GetFiles(journals, "*", SearchOption.AllDirectories));
    }

    private (int Code, string Output, string Error) RunInProcess(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var console = new CliConsole(TextReader.Null, false, output, error, _ => null, _dir.Path);
        var code = CliApplication.Run(args, console, CancellationToken.None);
        return (code, output.ToString(), error.ToString());
    }

    /// <summary>Starts the qe built beside the tests (qe.dll) as a child process.</summary>
    private Process StartQe(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = _dir.Path,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "qe.dll"));
        foreach (var a in args) start.ArgumentList.Add(a);
        start.Environment["QE_METASTORE"] = null;
        return Process.Start(start) ?? throw new InvalidOperationException("cannot start qe");
    }
}
