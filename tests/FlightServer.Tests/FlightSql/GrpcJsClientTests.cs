using QueryEngine.FlightServer.Tests.Support;
using Xunit;

namespace QueryEngine.FlightServer.Tests.FlightSql;

/// <summary>
/// @grpc/grpc-js with our message definitions: authentication, error statuses, SqlInfo, prepared statements,
/// DoPut updates, bulk ingest (CommandStatementIngest), deadlines and bad input on the wire
/// (tests/interop/flight-grpc-checks.mjs).
/// </summary>
public sealed class GrpcJsClientTests(TpchFlightServer server) : IClassFixture<TpchFlightServer>
{
    [Fact]
    public void ProtocolChecksPass()
    {
        var protos = Path.Combine(NodeScript.RepositoryRoot(), "src", "FlightServer", "Protos");
        var (exit, output, error) = NodeScript.Run("flight-grpc-checks.mjs",
            server.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), TpchFlightServer.User, TpchFlightServer.Password, protos);
        Assert.True(exit == 0, $"exit {exit}\n{output}\n{error}");
        Assert.Contains("all passed", output.Split('\n'));
        Assert.True(output.Split('\n').Count(l => l.StartsWith("ok ", StringComparison.Ordinal)) >= 41, output);
        // The client gives up at its deadline; the server notices at the executor's next cancellation check, so the
        // query that ran past the deadline must show up as cancelled within a while (not run to its end).
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!Cancelled() && DateTime.UtcNow < deadline) Thread.Sleep(200);
        Assert.True(Cancelled(), "the query past its deadline was not cancelled:\n" + string.Join("\n", Snapshot()));

        bool Cancelled() => Snapshot().Any(l => l.Contains("CANCELLED", StringComparison.Ordinal) && l.Contains("CROSS JOIN", StringComparison.Ordinal));
        string[] Snapshot()
        {
            lock (server.Log) return [.. server.Log];
        }
    }
}
