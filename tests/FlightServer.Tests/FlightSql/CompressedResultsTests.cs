using System.Globalization;
using QueryEngine.FlightServer.Tests.Support;
using Xunit;

namespace QueryEngine.FlightServer.Tests.FlightSql;

/// <summary>
/// Results compressed on request (header <c>qe-ipc-compression</c>): grpc-js sees LZ4 / ZSTD frames in the bodies and
/// arrow-js decodes them with the reference codecs to the plain result; with <c>qe-ipc-dictionary: strings</c> the
/// string columns come dictionary-encoded and arrow-js decodes the same rows (tests/interop/flight-compression-checks.mjs).
/// </summary>
public sealed class CompressedResultsTests(TpchFlightServer server) : IClassFixture<TpchFlightServer>
{
    [Fact]
    public void CompressedResultsEqualThePlainOne()
    {
        var protos = Path.Combine(NodeScript.RepositoryRoot(), "src", "FlightServer", "Protos");
        var (exit, output, error) = NodeScript.Run("flight-compression-checks.mjs",
            server.Port.ToString(CultureInfo.InvariantCulture), TpchFlightServer.User, TpchFlightServer.Password, protos);
        Assert.True(exit == 0, $"exit {exit}\n{output}\n{error}");
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(8, lines.Count(l => l.StartsWith("ok ", StringComparison.Ordinal)));
        Assert.Contains("all passed", lines);
    }
}
