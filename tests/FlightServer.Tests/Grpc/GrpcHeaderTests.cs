using QueryEngine.FlightServer.Grpc;
using Xunit;

namespace QueryEngine.FlightServer.Tests.Grpc;

public sealed class GrpcHeaderTests
{
    [Theory]
    [InlineData("1H", 3_600_000.0)]
    [InlineData("2M", 120_000.0)]
    [InlineData("3S", 3_000.0)]
    [InlineData("250m", 250.0)]
    [InlineData("1500u", 1.5)]
    [InlineData("2000000n", 2.0)]
    public void TimeoutUnits(string header, double milliseconds) =>
        Assert.Equal(milliseconds, GrpcTimeout.Parse(header)!.Value.TotalMilliseconds, 3);

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("5")]
    [InlineData("S")]
    [InlineData("123456789S")]
    [InlineData("-5S")]
    [InlineData("5X")]
    public void MalformedTimeoutsAreIgnored(string? header) => Assert.Null(GrpcTimeout.Parse(header));

    [Fact]
    public void MessagesArePercentEncoded() =>
        Assert.Equal("Syntax error: 100%25 caf%C3%A9%0A  ^", GrpcMessageEncoding.Encode("Syntax error: 100% café\n  ^"));
}
