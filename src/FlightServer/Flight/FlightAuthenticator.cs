using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using QueryEngine.FlightServer.Grpc;

namespace QueryEngine.FlightServer.Flight;

/// <summary>
/// Basic authentication in the Handshake, then bearer tokens: Handshake's <c>authorization: Basic base64(user:pw)</c>
/// header is checked against the configured users and answered with <c>authorization: Bearer token</c>; every
/// other call must carry that header until the token expires. Without configured users every call is allowed.
/// </summary>
public sealed class FlightAuthenticator(IReadOnlyDictionary<string, string>? users, TimeSpan tokenLifetime, TimeProvider? clock = null)
{
    /// <summary>The user of calls when authentication is off.</summary>
    public const string Anonymous = "anonymous";

    private readonly ConcurrentDictionary<string, (string User, DateTimeOffset Expires)> _tokens = new(StringComparer.Ordinal);
    private readonly TimeProvider _clock = clock ?? TimeProvider.System;

    /// <summary>One user (or none when <paramref name="user"/> is null).</summary>
    public FlightAuthenticator(string? user, string? password, TimeSpan tokenLifetime, TimeProvider? clock = null)
        : this(user is null ? null : new Dictionary<string, string>(StringComparer.Ordinal) { [user] = password ?? string.Empty }, tokenLifetime, clock)
    {
    }

    public bool Enabled => users is { Count: > 0 };

    /// <summary>Checks a Basic header (or user and password sent otherwise) and returns a new bearer token.</summary>
    public string Authenticate(string? authorization)
    {
        if (!Enabled) return Mint(Anonymous);
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
        if (!Enabled) return Mint(Anonymous);
        // The same work whether or not the user exists, so timing does not tell which names are valid.
        var known = users!.TryGetValue(givenUser, out var password);
        var passwordOk = FixedEquals(givenPassword, password ?? string.Empty);
        if (!(known && passwordOk)) throw new GrpcException(GrpcStatusCode.Unauthenticated, "invalid user name or password");
        return Mint(givenUser);
    }

    /// <summary>
    /// The user of a call: throws UNAUTHENTICATED unless it carries a live bearer token (when authentication is on).
    /// </summary>
    public string Authorize(string? authorization)
    {
        if (!Enabled) return Anonymous;
        if (authorization is null || !authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            throw new GrpcException(GrpcStatusCode.Unauthenticated, "missing bearer token: call Handshake with basic credentials first");
        }
        var token = authorization[7..].Trim();
        if (!_tokens.TryGetValue(token, out var entry))
        {
            throw new GrpcException(GrpcStatusCode.Unauthenticated, "unknown bearer token");
        }
        if (entry.Expires <= _clock.GetUtcNow())
        {
            _tokens.TryRemove(token, out _);
            throw new GrpcException(GrpcStatusCode.Unauthenticated, "the bearer token has expired: authenticate again");
        }
        return entry.User;
    }

    private string Mint(string user)
    {
        var token = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        var now = _clock.GetUtcNow();
        _tokens[token] = (user, now + tokenLifetime);
        foreach (var (old, entry) in _tokens)
        {
            if (entry.Expires <= now) _tokens.TryRemove(old, out _);
        }
        return token;
    }

    private static bool FixedEquals(string a, string b) =>
        CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(a)), SHA256.HashData(Encoding.UTF8.GetBytes(b)));
}
