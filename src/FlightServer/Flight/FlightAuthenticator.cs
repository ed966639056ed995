using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using QueryEngine.FlightServer.Grpc;

namespace QueryEngine.FlightServer.Flight;

/// <summary>
/// Basic authentication in the Handshake, then bearer tokens: Handshake's <c>authorization: Basic base64(user:pw)</c>
/// header is checked against the configured user and answered with <c>authorization: Bearer token</c>; every
/// other call must carry that header until the token expires. Without a configured user every call is allowed.
/// </summary>
public sealed class FlightAuthenticator(string? user, string? password, TimeSpan tokenLifetime, TimeProvider? clock = null)
{
    private readonly ConcurrentDictionary<string, DateTimeOffset> _tokens = new(StringComparer.Ordinal);
    private readonly TimeProvider _clock = clock ?? TimeProvider.System;

    public bool Enabled => user is not null;

    /// <summary>Checks a Basic header (or user and password sent otherwise) and returns a new bearer token.</summary>
    public string Authenticate(string? authorization)
    {
        if (!Enabled) return Mint();
        if (authorization is null || !authorization.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
        {
            throw new GrpcException(GrpcStatusCode.Unauthenticated, "Handshake needs an 'authorization: Basic ...' header");
        }
        string decoded;
        try
        {
            decoded = Encoding.UTF8.GetString(Convert.FromBase64String(authorization[6..].Trim()));
        }
        catch (FormatException)
        {
            throw new GrpcException(GrpcStatusCode.Unauthenticated, "the Basic credentials are not valid base64");
        }
        var colon = decoded.IndexOf(':', StringComparison.Ordinal);
        if (colon < 0) throw new GrpcException(GrpcStatusCode.Unauthenticated, "the Basic credentials need 'user:password'");
        return Check(decoded[..colon], decoded[(colon + 1)..]);
    }

    /// <summary>Checks a user name and password and returns a new bearer token.</summary>
    public string Check(string givenUser, string givenPassword)
    {
        if (!Enabled) return Mint();
        var userOk = FixedEquals(givenUser, user!);
        var passwordOk = FixedEquals(givenPassword, password ?? string.Empty);
        if (!(userOk && passwordOk)) throw new GrpcException(GrpcStatusCode.Unauthenticated, "invalid user name or password");
        return Mint();
    }

    /// <summary>Throws UNAUTHENTICATED unless the call carries a live bearer token (when authentication is on).</summary>
    public void Authorize(string? authorization)
    {
        if (!Enabled) return;
        if (authorization is null || !authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            throw new GrpcException(GrpcStatusCode.Unauthenticated, "missing bearer token: call Handshake with basic credentials first");
        }
        var token = authorization[7..].Trim();
        if (!_tokens.TryGetValue(token, out var expires))
        {
            throw new GrpcException(GrpcStatusCode.Unauthenticated, "unknown bearer token");
        }
        if (expires <= _clock.GetUtcNow())
        {
            _tokens.TryRemove(token, out _);
            throw new GrpcException(GrpcStatusCode.Unauthenticated, "the bearer token has expired: authenticate again");
        }
    }

    private string Mint()
    {
        var token = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        var now = _clock.GetUtcNow();
        _tokens[token] = now + tokenLifetime;
        foreach (var (old, expires) in _tokens)
        {
            if (expires <= now) _tokens.TryRemove(old, out _);
        }
        return token;
    }

    private static bool FixedEquals(string a, string b) =>
        CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(a)), SHA256.HashData(Encoding.UTF8.GetBytes(b)));
}
