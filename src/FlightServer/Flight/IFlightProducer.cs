using QueryEngine.FlightServer.Grpc;
using QueryEngine.FlightServer.Protocol;
using FlightAction = QueryEngine.FlightServer.Protocol.Action;

namespace QueryEngine.FlightServer.Flight;

/// <summary>What a Flight service serves; the transport, authentication and errors are <see cref="FlightService"/>'s.</summary>
internal interface IFlightProducer
{
    /// <summary>The FlightInfo of a command, planned (or run, for statements that are not queries) for <paramref name="user"/>.</summary>
    Task<FlightInfo> GetFlightInfoAsync(FlightDescriptor descriptor, string user, CancellationToken cancellation);

    Task<SchemaResult> GetSchemaAsync(FlightDescriptor descriptor, string user, CancellationToken cancellation);

    /// <summary>Streams the data of a ticket as FlightData messages (schema first).</summary>
    Task DoGetAsync(Ticket ticket, GrpcCall call);

    /// <summary>Consumes an uploaded stream (the first message carries the descriptor) and writes PutResults.</summary>
    Task DoPutAsync(FlightData first, GrpcCall call);

    Task DoActionAsync(FlightAction action, GrpcCall call);

    IReadOnlyList<ActionType> ListActions();
}
