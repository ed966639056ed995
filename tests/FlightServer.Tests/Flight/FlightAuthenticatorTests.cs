using System.Text;
using QueryEngine.FlightServer.Flight;
using QueryEngine.FlightServer.Grpc;
using Xunit;

namespace QueryEngine.FlightServer.Tests.Flight;

public sealed class FlightAuthenticatorTests
{
    private sealed class ManualClock : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

        public override DateTimeOffset GetUtcNow() => Now;
    }

    private static string Basic(string user, string password) => "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes(user + ":" + password));

    [Fact]
    public void TokensWorkUntilTheyExpire()
    {
        var clock = new ManualClock();
        var auth = new FlightAuthenticator("ann", "pw:with:colons", TimeSpan.FromMinutes(30), clock);
        var token = auth.Authenticate(Basic("ann", "pw:with:colons"));
        auth.Authorize("Bearer " + token);
        clock.Now += TimeSpan.FromMinutes(29);
        auth.Authorize("Bearer " + token);
        clock.Now += TimeSpan.FromMinutes(2);
        var expired = Assert.Throws<GrpcException>(() => auth.Authorize("Bearer " + token));
        Assert.Equal(GrpcStatusCode.Unauthenticated, expired.Status);
        Assert.Contains("expired", expired.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("Bearer abc")]
    [InlineData("Basic !!!notbase64")]
    [InlineData("Basic YW5uOndyb25n")] // ann:wrong
    [InlineData("Basic Ym9iOnB3")] // bob:pw
    public void BadCredentialsAreUnauthenticated(string? header)
    {
        var auth = new FlightAuthenticator("ann", "pw", TimeSpan.FromHours(1));
        Assert.Equal(GrpcStatusCode.Unauthenticated, Assert.Throws<GrpcException>(() => auth.Authenticate(header)).Status);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("Basic YW5uOnB3")]
    [InlineData("Bearer not-a-token")]
    public void CallsWithoutALiveTokenAreUnauthenticated(string? header)
    {
        var auth = new FlightAuthenticator("ann", "pw", TimeSpan.FromHours(1));
        auth.Authenticate(Basic("ann", "pw"));
        Assert.Equal(GrpcStatusCode.Unauthenticated, Assert.Throws<GrpcException>(() => auth.Authorize(header)).Status);
    }

    [Fact]
    public void WithoutAUserEveryCallIsAllowed()
    {
        var auth = new FlightAuthenticator(null, null, TimeSpan.FromHours(1));
        auth.Authorize(null);
        Assert.NotEmpty(auth.Authenticate(null));
    }
}
