using QueryEngine.Engine.Tests.TestSupport;
using QueryEngine.FlightServer.Tests.Support;
using Xunit;

namespace QueryEngine.FlightServer.Tests.FlightSql;

/// <summary>The arrow-rs Flight SQL client (npm @lakehouse-rs/flight-sql-client) against our server.</summary>
public sealed class ArrowRsClientTests(TpchFlightServer server) : IClassFixture<TpchFlightServer>
{
    [Fact]
    public void TpchQueriesAndCatalogMetadataMatchTheReference()
    {
        var (exit, output, error) = NodeScript.Run("flight-sql-tpch.mjs",
            server.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), TpchFlightServer.User, TpchFlightServer.Password,
            SharedData.TpchRoot, TpchFlightServer.Schema);
        Assert.True(exit == 0, $"exit {exit}\n{output}\n{error}");
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(22 + 4, lines.Count(l => l.StartsWith("ok ", StringComparison.Ordinal)));
        Assert.Contains("all passed", lines);
        lock (server.Log)
        {
            Assert.Equal(22, server.Log.Count(l => l.Contains(" FINISHED ", StringComparison.Ordinal)));
        }
    }
}
