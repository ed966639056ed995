using QueryEngine.FlightServer.FlightSql;
using Xunit;

namespace QueryEngine.FlightServer.Tests.Flight;

public sealed class LikePatternTests
{
    [Theory]
    [InlineData(null, "anything", true)]
    [InlineData("%", "", true)]
    [InlineData("tp%", "tpch", true)]
    [InlineData("tp%", "xtpch", false)]
    [InlineData("nat_on", "nation", true)]
    [InlineData("nat_on", "natxxon", false)]
    [InlineData("%item", "LINEITEM", true)]
    [InlineData("%i%e%", "lineitem", true)]
    [InlineData("part", "partsupp", false)]
    [InlineData("", "", true)]
    public void MatchesLikeFlightSqlPatterns(string? pattern, string value, bool expected) =>
        Assert.Equal(expected, LikePattern.Matches(pattern, value));
}
