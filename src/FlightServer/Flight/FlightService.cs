using Google.Protobuf;
using QueryEngine.Engine.Common;
using QueryEngine.FlightServer.Grpc;
using QueryEngine.FlightServer.Protocol;
using FlightAction = QueryEngine.FlightServer.Protocol.Action;

namespace QueryEngine.FlightServer.Flight;

/// <summary>
/// <c>arrow.flight.protocol.FlightService</c> (Flight.proto): each RPC authenticated, decoded and handed to the
/// producer; engine errors become gRPC statuses here and nowhere else.
/// </summary>
internal sealed class FlightService(IFlightProducer producer, FlightAuthenticator authenticator) : IGrpcService
{
    public string ServiceName => "arrow.flight.protocol.FlightService";

    public Func<GrpcCall, Task>? Find(string method) => method switch
    {
        "Handshake" => HandshakeAsync,
        "ListFlights" => ListFlightsAsync,
        "GetFlightInfo" => GetFlightInfoAsync,
        "GetSchema" => GetSchemaAsync,
        "DoGet" => DoGetAsync,
        "DoPut" => DoPutAsync,
        "DoAction" => DoActionAsync,
        "ListActions" => ListActionsAsync,
        "DoExchange" => Unimplemented("DoExchange"),
        "PollFlightInfo" => PollFlightInfoAsync,
        _ => null,
    };

    public (GrpcStatusCode Status, string Message) MapError(Exception error) => error switch
    {
        SyntaxException or SemanticException => (GrpcStatusCode.InvalidArgument, ((QueryException)error).Describe()),
        // A column that does not resolve is a binding error in the statement itself, not a missing object.
        NotFoundException { Code: ErrorCode.ColumnNotFound } e => (GrpcStatusCode.InvalidArgument, e.Describe()),
        NotFoundException e => (GrpcStatusCode.NotFound, e.Describe()),
        NotSupportedQueryException e => (GrpcStatusCode.Unimplemented, e.Describe()),
        ResourceExhaustedException e => (GrpcStatusCode.ResourceExhausted, e.Describe()),
        MemoryLimitExceededException e => (GrpcStatusCode.ResourceExhausted, e.Describe()),
        ExecutionException e => (GrpcStatusCode.InvalidArgument, e.Describe()),
        StorageException e => (StorageStatus(e.Failure), e.Describe()),
        QueryException e => (GrpcStatusCode.Internal, e.Describe()),
        InvalidProtocolBufferException e => (GrpcStatusCode.InvalidArgument, "malformed message: " + e.Message),
        OperationCanceledException => (GrpcStatusCode.Cancelled, "the query was cancelled"),
        _ => (GrpcStatusCode.Internal, $"internal error: {error.GetType().Name}: {error.Message}"),
    };

    /// <summary>The status of a storage failure: the message (from the store) names the location.</summary>
    private static GrpcStatusCode StorageStatus(StorageFailure failure) => failure switch
    {
        StorageFailure.NotFound => GrpcStatusCode.NotFound,
        StorageFailure.PermissionDenied => GrpcStatusCode.PermissionDenied,
        StorageFailure.Unavailable => GrpcStatusCode.Unavailable,
        _ => GrpcStatusCode.Internal,
    };

    private async Task HandshakeAsync(GrpcCall call)
    {
        var request = await call.ReadAsync(HandshakeRequest.Parser).ConfigureAwait(false);
        var authorization = call.Header("authorization");
        string token;
        if (authorization is null && request is { Payload.Length: > 0 })
        {
            // Older clients send BasicAuth in the payload instead of a header.
            var basic = BasicAuth.Parser.ParseFrom(request.Payload);
            token = authenticator.Check(basic.Username, basic.Password);
        }
        else
        {
            token = authenticator.Authenticate(authorization);
        }
        call.SetResponseHeader("authorization", "Bearer " + token);
        await call.WriteAsync(new HandshakeResponse { Payload = ByteString.CopyFromUtf8(token) }).ConfigureAwait(false);
    }

    private async Task ListFlightsAsync(GrpcCall call)
    {
        Authorize(call);
        await call.ReadSingleAsync(Criteria.Parser).ConfigureAwait(false);
        // Flight SQL data sets are produced by commands; there are no named flights to list.
    }

    private async Task GetFlightInfoAsync(GrpcCall call)
    {
        Authorize(call);
        var descriptor = await call.ReadSingleAsync(FlightDescriptor.Parser).ConfigureAwait(false);
        await call.WriteAsync(await producer.GetFlightInfoAsync(descriptor, UserOf(call), call.Cancellation).ConfigureAwait(false)).ConfigureAwait(false);
    }

    /// <summary>
    /// PollFlightInfo: planning is quick and execution starts when a ticket is redeemed, so the first poll already
    /// answers with the complete FlightInfo (no descriptor to poll again, progress 1).
    /// </summary>
    private async Task PollFlightInfoAsync(GrpcCall call)
    {
        Authorize(call);
        var descriptor = await call.ReadSingleAsync(FlightDescriptor.Parser).ConfigureAwait(false);
        var info = await producer.GetFlightInfoAsync(descriptor, UserOf(call), call.Cancellation).ConfigureAwait(false);
        await call.WriteAsync(new PollInfo { Info = info, Progress = 1.0 }).ConfigureAwait(false);
    }

    private async Task GetSchemaAsync(GrpcCall call)
    {
        Authorize(call);
        var descriptor = await call.ReadSingleAsync(FlightDescriptor.Parser).ConfigureAwait(false);
        await call.WriteAsync(await producer.GetSchemaAsync(descriptor, UserOf(call), call.Cancellation).ConfigureAwait(false)).ConfigureAwait(false);
    }

    private async Task DoGetAsync(GrpcCall call)
    {
        Authorize(call);
        var ticket = await call.ReadSingleAsync(Ticket.Parser).ConfigureAwait(false);
        await producer.DoGetAsync(ticket, call).ConfigureAwait(false);
    }

    private async Task DoPutAsync(GrpcCall call)
    {
        Authorize(call);
        var first = await call.ReadAsync(FlightData.Parser).ConfigureAwait(false)
            ?? throw new GrpcException(GrpcStatusCode.InvalidArgument, "DoPut needs a first message with a flight descriptor");
        if (first.FlightDescriptor is null)
        {
            throw new GrpcException(GrpcStatusCode.InvalidArgument, "the first DoPut message must carry the flight descriptor");
        }
        await producer.DoPutAsync(first, call).ConfigureAwait(false);
    }

    private async Task DoActionAsync(GrpcCall call)
    {
        Authorize(call);
        var action = await call.ReadSingleAsync(FlightAction.Parser).ConfigureAwait(false);
        await producer.DoActionAsync(action, call).ConfigureAwait(false);
    }

    private async Task ListActionsAsync(GrpcCall call)
    {
        Authorize(call);
        await call.ReadSingleAsync(Empty.Parser).ConfigureAwait(false);
        foreach (var type in producer.ListActions()) await call.WriteAsync(type).ConfigureAwait(false);
    }

    private static string UserOf(GrpcCall call) => call.User ?? FlightAuthenticator.Anonymous;

    private void Authorize(GrpcCall call) => call.User = authenticator.Authorize(call.Header("authorization"));

    private Func<GrpcCall, Task> Unimplemented(string method) => call =>
    {
        Authorize(call);
        throw new GrpcException(GrpcStatusCode.Unimplemented, $"{method} is not supported by this server");
    };
}
