using QueryEngine.FlightServer.Grpc;

namespace QueryEngine.FlightServer;

/// <summary>How <c>qe serve</c> (or a test) runs the Flight SQL server.</summary>
public sealed record FlightSqlServerOptions
{
    public GrpcServerOptions Grpc { get; init; } = new();

    /// <summary>The one user allowed in; null turns authentication off.</summary>
    public string? User { get; init; }

    public string? Password { get; init; }

    public TimeSpan TokenLifetime { get; init; } = TimeSpan.FromHours(8);

    /// <summary>Receives one line per statement run (and nothing else); null discards them.</summary>
    public Action<string>? QueryLog { get; init; }
}
