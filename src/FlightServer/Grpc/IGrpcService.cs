namespace QueryEngine.FlightServer.Grpc;

/// <summary>A gRPC service: its full name and a handler per method; handlers end the call by returning or throwing.</summary>
public interface IGrpcService
{
    /// <summary>e.g. <c>arrow.flight.protocol.FlightService</c>.</summary>
    string ServiceName { get; }

    /// <summary>The handler of a method, or null when the service has no such method.</summary>
    Func<GrpcCall, Task>? Find(string method);

    /// <summary>The status and message an exception thrown by a handler becomes.</summary>
    (GrpcStatusCode Status, string Message) MapError(Exception error);
}
