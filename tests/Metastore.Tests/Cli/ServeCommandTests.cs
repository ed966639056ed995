using System.Buffers.Binary;
using System.Net;
using System.Net.Http.Headers;
using QueryEngine.Cli;
using QueryEngine.Cli.Arguments;
using Xunit;

namespace QueryEngine.Metastore.Tests.Cli;

/// <summary><c>qe serve</c>: its options, and a real server answering a gRPC call until cancelled.</summary>
public sealed class ServeCommandTests
{
    [Fact]
    public void DefaultsAndOptions()
    {
        var plain = Assert.IsType<ServeCommand>(CommandLineParser.Parse(["serve"], inputRedirected: false));
        Assert.Equal(("127.0.0.1", 31337, (string?)null), (plain.FlightHost, plain.FlightPort, plain.User));
        var full = Assert.IsType<ServeCommand>(CommandLineParser.Parse(
            ["serve", "--warehouse", "/w", "--database", "tpch", "--flight=0.0.0.0:4000", "--user", "ann", "--password", "pw"], inputRedirected: false));
        Assert.Equal(("/w", "tpch", "0.0.0.0", 4000, "ann", "pw"), (full.Warehouse, full.Database, full.FlightHost, full.FlightPort, full.User, full.Password));
        Assert.Null(full.Tls);
        var tls = Assert.IsType<ServeCommand>(CommandLineParser.Parse(["serve", "--tls-cert", "c.pem", "--tls-key", "k.pem"], inputRedirected: false));
        Assert.Equal(("c.pem", "k.pem"), tls.Tls);
    }

    [Theory]
    [InlineData("--user", "ann")]
    [InlineData("--password", "pw")]
    [InlineData("--flight", "localhost")]
    [InlineData("--flight", "host:99999")]
    [InlineData("--port", "1")]
    [InlineData("--tls-cert", "server.pem")]
    [InlineData("--tls-key", "server.key")]
    public void BadOptionsAreUsageErrors(string option, string value) =>
        Assert.Throws<UsageException>(() => CommandLineParser.Parse(["serve", option, value], inputRedirected: false));

    [Fact]
    public async Task ServesFlightUntilCancelled()
    {
        var warehouse = Path.Combine(Path.GetTempPath(), $"qe-serve-{Environment.ProcessId}-{Guid.NewGuid():N}");
        var output = new LockedWriter();
        var console = new CliConsole(TextReader.Null, false, output, new LockedWriter(), _ => null, Path.GetTempPath());
        using var stop = new CancellationTokenSource();
        var run = Task.Run(() => CliApplication.Run(["serve", "--warehouse", warehouse, "--flight", "127.0.0.1:0"], console, stop.Token));
        try
        {
            var port = await WaitForPort(output, run);
            using var http = new HttpClient();
            using var request = new HttpRequestMessage(HttpMethod.Post, $"http://127.0.0.1:{port}/arrow.flight.protocol.FlightService/ListActions")
            {
                Content = new ByteArrayContent(new byte[5]), // one empty message: flag 0, length 0
                Version = HttpVersion.Version20,
                VersionPolicy = HttpVersionPolicy.RequestVersionExact, // cleartext HTTP/2 with prior knowledge
            };
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/grpc");
            request.Headers.TE.ParseAdd("trailers");
            using var response = await http.SendAsync(request);
            var body = await response.Content.ReadAsByteArrayAsync();
            Assert.True(response.TrailingHeaders.TryGetValues("grpc-status", out var status),
                $"HTTP {(int)response.StatusCode} {response.Version}; headers: {response.Headers}; trailers: {response.TrailingHeaders}; body {body.Length} bytes");
            Assert.Equal("0", status.Single());
            var messages = 0;
            for (var at = 0; at + 5 <= body.Length; at += 5 + (int)BinaryPrimitives.ReadUInt32BigEndian(body.AsSpan(at + 1))) messages++;
            Assert.True(messages >= 2, $"{messages} action types listed"); // at least the two prepared statement actions
        }
        finally
        {
            await stop.CancelAsync();
            Assert.Equal(ExitCodes.Success, await run);
            Directory.Delete(warehouse, recursive: true);
        }
        Assert.Contains("Stopped", output.Text(), StringComparison.Ordinal);
    }

    private static async Task<int> WaitForPort(LockedWriter output, Task<int> run)
    {
        const string marker = "listening on 127.0.0.1:";
        for (var i = 0; i < 300 && !run.IsCompleted; i++)
        {
            var text = output.Text();
            var at = text.IndexOf(marker, StringComparison.Ordinal);
            if (at >= 0) return int.Parse(text.AsSpan(at + marker.Length).TrimEnd().ToString().Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture);
            await Task.Delay(100);
        }
        throw new InvalidOperationException("qe serve did not start: " + output.Text());
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
