using QueryEngine.Engine.Columnar.Ipc;
using QueryEngine.Engine.Storage;
using QueryEngine.FlightServer.Grpc;

namespace QueryEngine.FlightServer;

/// <summary>How <c>qe serve</c> (or a test) runs the Flight SQL server.</summary>
public sealed record FlightSqlServerOptions
{
    public GrpcServerOptions Grpc { get; init; } = new();

    /// <summary>The one user allowed in; null turns authentication off.</summary>
    public string? User { get; init; }

    public string? Password { get; init; }

    /// <summary>More users allowed in (name to password), e.g. from <c>qe serve --users FILE</c>; with <see cref="User"/>.</summary>
    public IReadOnlyDictionary<string, string>? Users { get; init; }

    /// <summary>Every user allowed in; null when authentication is off.</summary>
    internal IReadOnlyDictionary<string, string>? AllUsers()
    {
        if (User is null && Users is not { Count: > 0 }) return null;
        var all = new Dictionary<string, string>(Users ?? new Dictionary<string, string>(), StringComparer.Ordinal);
        if (User is not null) all[User] = Password ?? string.Empty;
        return all;
    }

    public TimeSpan TokenLifetime { get; init; } = TimeSpan.FromHours(8);

    /// <summary>Where CommandStatementIngest writes table files (local paths, and s3:// when registered); null: local only.</summary>
    public ObjectStoreResolver? Stores { get; init; }

    /// <summary>Body compression of statement results unless a call asks otherwise (header <c>qe-ipc-compression</c>).</summary>
    public IpcCompression ResultCompression { get; init; } = IpcCompression.None;

    /// <summary>Receives one line per statement run (and nothing else); null discards them.</summary>
    public Action<string>? QueryLog { get; init; }
}
