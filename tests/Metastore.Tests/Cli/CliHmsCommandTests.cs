using System.Globalization;
using System.Text.RegularExpressions;
using QueryEngine.Cli;
using QueryEngine.Cli.Arguments;
using QueryEngine.Metastore.Tests.Hms;
using Xunit;

namespace QueryEngine.Metastore.Tests.Cli;

/// <summary><c>qe hms</c>: its command line, and the server it runs over the warehouse until cancelled.</summary>
public sealed partial class CliHmsCommandTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void DefaultsAndOptions()
    {
        Assert.Equal(new HmsCommand(null, 9083, false), CommandLineParser.Parse(["hms"], false));
        Assert.Equal(new HmsCommand("/w", 0, true), CommandLineParser.Parse(["hms", "--warehouse", "/w", "--framed", "--port=0"], false));
        Assert.Equal(new HelpCommand("hms"), CommandLineParser.Parse(["hms", "--help"], false));
        Assert.Equal("postgres://u@h/d", ((HmsCommand)CommandLineParser.Parse(["hms", "--metastore", "postgres://u@h/d"], false)).Metastore);
        Assert.Equal("m.db", ((DemoCommand)CommandLineParser.Parse(["demo", "--metastore=m.db"], false)).Metastore);
        Assert.Equal("m.db", ((ServeCommand)CommandLineParser.Parse(["serve", "--metastore", "m.db"], false)).Metastore);
        Assert.Throws<UsageException>(() => CommandLineParser.Parse(["hms", "--metastore="], false));
        Assert.Contains("qe hms", HelpText.For("hms"), StringComparison.Ordinal);
        Assert.Contains("qe hms", HelpText.General, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--port", "x")]
    [InlineData("--port", "70000")]
    [InlineData("--port", "-1")]
    [InlineData("--bogus", "1")]
    public void BadArgumentsAreUsageErrors(string option, string value)
    {
        Assert.Throws<UsageException>(() => CommandLineParser.Parse(["hms", option, value], false));
    }

    [Fact]
    public async Task ServesTheWarehouseUntilCancelled()
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var console = new CliConsole(TextReader.Null, false, TextWriter.Synchronized(output), TextWriter.Synchronized(error), _ => null, _dir.Path);
        using var cancellation = new CancellationTokenSource();
        var run = Task.Run(() => CliApplication.Run(["hms", "--warehouse", "wh", "--port", "0"], console, cancellation.Token));
        var port = WaitForPort(output, run);
        using (var client = new HmsTestClient(port))
        {
            Assert.Contains("default", client.GetAllDatabases());
        }
        cancellation.Cancel();
        Assert.Equal(0, await run.WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.Contains("Stopped.", output.ToString(), StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(_dir.Path, "wh", "metastore.db")));
    }

    /// <summary><c>qe hms</c> and <c>qe serve --hms</c> share one start-up: a taken port gets the same message from both.</summary>
    [Fact]
    public void ATakenPortIsReportedTheSameWayByHmsAndServe()
    {
        var taken = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        taken.Start();
        try
        {
            var port = ((System.Net.IPEndPoint)taken.LocalEndpoint).Port;
            var expected = $"cannot listen on 127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)} for the Hive Metastore API";
            foreach (string[] args in (string[][])[
                ["hms", "--warehouse", "wh", "--port", port.ToString(CultureInfo.InvariantCulture)],
                ["serve", "--warehouse", "wh", "--flight", "127.0.0.1:0", "--hms", $"127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}"],
            ])
            {
                var output = new StringWriter();
                var error = new StringWriter();
                var console = new CliConsole(TextReader.Null, false, TextWriter.Synchronized(output), TextWriter.Synchronized(error), _ => null, _dir.Path);
                Assert.NotEqual(0, CliApplication.Run(args, console, CancellationToken.None));
                Assert.Contains(expected, error.ToString(), StringComparison.Ordinal);
                Assert.DoesNotContain("thrift://", output.ToString(), StringComparison.Ordinal);
            }
        }
        finally
        {
            taken.Stop();
        }
    }

    internal static int WaitForPort(StringWriter output, Task<int> run)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline && !run.IsCompleted)
        {
            var match = PortPattern().Match(output.ToString());
            if (match.Success) return int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
            Thread.Sleep(20);
        }
        throw new TimeoutException($"qe hms did not start: {output}");
    }

    [GeneratedRegex(@"thrift://127\.0\.0\.1:(\d+)")]
    private static partial Regex PortPattern();
}
