using System.Net;
using System.Security.Cryptography.X509Certificates;

namespace QueryEngine.FlightServer.Grpc;

/// <summary>Where and how the gRPC server listens.</summary>
public sealed record GrpcServerOptions
{
    /// <summary>Port 0 picks a free port; <see cref="GrpcServer.Port"/> tells which.</summary>
    public IPEndPoint EndPoint { get; init; } = new(IPAddress.Loopback, 31337);

    /// <summary>TLS certificate; null serves cleartext HTTP/2 (h2c with prior knowledge).</summary>
    public X509Certificate2? Certificate { get; init; }

    public int MaxReceiveMessageSize { get; init; } = 64 * 1024 * 1024;

    public int MaxSendMessageSize { get; init; } = 64 * 1024 * 1024;
}
