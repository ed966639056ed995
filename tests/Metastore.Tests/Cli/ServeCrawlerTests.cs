using QueryEngine.Cli;
using QueryEngine.Cli.Arguments;
using QueryEngine.Metastore.Store.Sqlite;
using Xunit;

namespace QueryEngine.Metastore.Tests.Cli;

/// <summary><c>qe serve</c> runs stored crawlers in the background, unless given <c>--no-scheduler</c>.</summary>
public sealed class ServeCrawlerTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void NoSchedulerIsAFlag()
    {
        Assert.False(Assert.IsType<ServeCommand>(CommandLineParser.Parse(["serve"], inputRedirected: false)).NoScheduler);
        var off = Assert.IsType<ServeCommand>(CommandLineParser.Parse(["serve", "--no-scheduler", "--hms", "off"], inputRedirected: false));
        Assert.True(off.NoScheduler);
        Assert.True(off.HmsDisabled);
        var watch = Assert.IsType<CrawlerCommand>(CommandLineParser.Parse(["crawler", "watch", "landing"], inputRedirected: false));
        Assert.Equal(("watch", "landing"), (watch.Action, watch.Name));
        Assert.Throws<UsageException>(() => CommandLineParser.Parse(["crawler", "create", "x", "--database", "d", "--target", "t", "--recrawl", "sometimes"], inputRedirected: false));
    }

    [Fact]
    public async Task ServeCrawlsAnEventModeCrawlerAndItsNewFiles()
    {
        var warehouse = _dir.Combine("wh");
        Write("lake/sales/dt=1/a.csv", "id,amount\n1,2.5\n");
        Write("lake/sales/dt=2/a.csv", "id,amount\n2,3.5\n");
        Write("lake/people/p.json", "{\"name\": \"ann\"}\n");
        var quiet = Console(new LockedWriter());
        Assert.Equal(ExitCodes.Success, CliApplication.Run(
            ["crawler", "create", "landing", "--warehouse", warehouse, "--database", "lake", "--target", _dir.Combine("lake"), "--recrawl", "events"], quiet, CancellationToken.None));
        var described = new LockedWriter();
        Assert.Equal(ExitCodes.Success, CliApplication.Run(["crawler", "get", "landing", "--warehouse", warehouse], Console(described), CancellationToken.None));
        Assert.Contains("Recrawl:       events\n", described.Text(), StringComparison.Ordinal);

        var output = new LockedWriter();
        using var stop = new CancellationTokenSource();
        var run = Task.Run(() => CliApplication.Run(["serve", "--warehouse", warehouse, "--flight", "127.0.0.1:0", "--hms", "off"], Console(output), stop.Token));
        try
        {
            await Until(() => output.Text().Contains("crawler landing run 1 (catch-up after start): SUCCEEDED", StringComparison.Ordinal), output);
            Write("lake/sales/dt=3/a.csv", "id,amount\n3,4.5\n");
            await Until(() => output.Text().Contains("(events): SUCCEEDED", StringComparison.Ordinal) && Partitions(warehouse) == 3, output);
        }
        finally
        {
            await stop.CancelAsync();
            Assert.Equal(ExitCodes.Success, await run);
        }
        Assert.Contains("Crawler scheduler on", output.Text(), StringComparison.Ordinal);
        Assert.Contains("crawler landing: watching 1 local target folder(s) for new files (event mode)", output.Text(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task NoSchedulerRunsNothing()
    {
        var warehouse = _dir.Combine("wh");
        Write("lake/sales/dt=1/a.csv", "id,amount\n1,2.5\n");
        Assert.Equal(ExitCodes.Success, CliApplication.Run(
            ["crawler", "create", "landing", "--warehouse", warehouse, "--database", "lake", "--target", _dir.Combine("lake"), "--recrawl", "events"],
            Console(new LockedWriter()), CancellationToken.None));
        var output = new LockedWriter();
        using var stop = new CancellationTokenSource();
        var run = Task.Run(() => CliApplication.Run(["serve", "--warehouse", warehouse, "--flight", "127.0.0.1:0", "--hms", "off", "--no-scheduler"], Console(output), stop.Token));
        await Until(() => output.Text().Contains("listening on", StringComparison.Ordinal), output);
        await stop.CancelAsync();
        Assert.Equal(ExitCodes.Success, await run);
        Assert.DoesNotContain("crawler", output.Text(), StringComparison.OrdinalIgnoreCase);
        using var catalog = SqliteCatalog.OpenWarehouse(warehouse);
        Assert.Empty(catalog.ListCrawlRuns("landing"));
    }

    private static int Partitions(string warehouse)
    {
        using var catalog = SqliteCatalog.OpenWarehouse(warehouse);
        return catalog.GetTable("lake", "sales") is null ? 0 : catalog.ListPartitions("lake", "sales").Count;
    }

    private CliConsole Console(LockedWriter output) => new(TextReader.Null, false, output, new LockedWriter(), _ => null, _dir.Path);

    private static async Task Until(Func<bool> condition, LockedWriter output)
    {
        var deadline = DateTimeOffset.UtcNow.AddSeconds(60);
        while (!condition())
        {
            if (DateTimeOffset.UtcNow > deadline) throw new TimeoutException("qe serve did not get there; its output:\n" + output.Text());
            await Task.Delay(50);
        }
    }

    private void Write(string relative, string text)
    {
        var path = _dir.Combine(relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
    }

    /// <summary>A StringWriter that may be read while another thread writes.</summary>
    private sealed class LockedWriter : StringWriter
    {
        private readonly Lock _gate = new();

        public override void Write(char value)
        {
            lock (_gate) base.Write(value);
        }

        public override void Write(string? value)
        {
            lock (_gate) base.Write(value);
        }

        public override void WriteLine(string? value)
        {
            lock (_gate) base.WriteLine(value);
        }

        public string Text()
        {
            lock (_gate) return ToString();
        }
    }
}
