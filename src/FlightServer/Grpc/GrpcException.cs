namespace QueryEngine.FlightServer.Grpc;

/// <summary>Ends a call with a gRPC status other than OK and a message for the client.</summary>
public sealed class GrpcException(GrpcStatusCode status, string message) : Exception(message)
{
    public GrpcStatusCode Status { get; } = status;
}
