using System.Globalization;
using QueryEngine.FlightServer.Tests.Support;
using Xunit;

namespace QueryEngine.FlightServer.Tests.FlightSql;

/// <summary>
/// Call semantics proven with grpc-js and node's HTTP/2 client (tests/interop/flight-call-checks.mjs): a deadline the
/// server enforces itself, flow control against a client that stops reading and cancellation when it leaves, a
/// client-streaming call, a binding error's status, ListFlights, and every metadata command's documented schema.
/// </summary>
public sealed class GrpcCallSemanticsTests(TpchFlightServer server) : IClassFixture<TpchFlightServer>
{
    [Fact]
    public void CallChecksPass()
    {
        var protos = Path.Combine(NodeScript.RepositoryRoot(), "src", "FlightServer", "Protos");
        var (exit, output, error) = NodeScript.Run("flight-call-checks.mjs",
            server.Port.ToString(CultureInfo.InvariantCulture), TpchFlightServer.User, TpchFlightServer.Password, protos);
        Assert.True(exit == 0, $"exit {exit}\n{output}\n{error}");
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(18, lines.Count(l => l.StartsWith("ok ", StringComparison.Ordinal)));
        Assert.Contains("all passed", lines);
    }
}
