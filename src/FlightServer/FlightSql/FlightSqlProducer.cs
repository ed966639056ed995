using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using QueryEngine.Engine.Columnar.Ipc;
using QueryEngine.Engine.Session.Statements;
using QueryEngine.FlightServer.Flight;
using QueryEngine.FlightServer.Grpc;
using QueryEngine.FlightServer.Protocol;
using QueryEngine.FlightServer.Protocol.Sql;
using FlightAction = QueryEngine.FlightServer.Protocol.Action;

namespace QueryEngine.FlightServer.FlightSql;

/// <summary>
/// Flight SQL (FlightSql.proto) over Flight: commands arrive as <c>google.protobuf.Any</c> in a descriptor,
/// GetFlightInfo answers with the result schema and one endpoint whose ticket DoGet redeems; updates go through
/// DoPut; prepared statements through DoAction.
/// </summary>
internal sealed class FlightSqlProducer : IFlightProducer
{
    private const string CreatePreparedStatement = "CreatePreparedStatement";
    private const string ClosePreparedStatement = "ClosePreparedStatement";
    private const string CancelFlightInfo = "CancelFlightInfo";

    private readonly StatementExecutor _executor;
    private readonly CatalogMetadata _metadata;
    private readonly PreparedStatements _prepared = new();
    private readonly PendingResults _pending = new(TimeSpan.FromMinutes(10));
    private readonly RunningStreams _running = new();
    private readonly IpcCompression _defaultCompression;

    /// <summary>gRPC request header by which a client picks the body compression of its results: none, lz4_frame, zstd.</summary>
    public const string CompressionHeader = "qe-ipc-compression";

    /// <summary>gRPC request header (on DoGet) asking for dictionary-encoded string columns: <c>strings</c> or <c>none</c>.</summary>
    public const string DictionaryHeader = "qe-ipc-dictionary";

    private readonly TableIngest _ingest;

    public FlightSqlProducer(StatementExecutor executor, TableIngest ingest, IpcCompression defaultCompression)
    {
        _executor = executor;
        _ingest = ingest;
        _defaultCompression = defaultCompression;
        _metadata = new CatalogMetadata(executor.Catalog, ShowRunner.CatalogName);
    }

    public Task<FlightInfo> GetFlightInfoAsync(FlightDescriptor descriptor, string user, CancellationToken cancellation)
    {
        var command = Command(descriptor);
        var (fields, ticket) = Plan(command, user, cancellation);
        var info = new FlightInfo
        {
            Schema = ByteString.CopyFrom(IpcStreamWriter.SchemaBytes(fields)),
            FlightDescriptor = descriptor,
            TotalRecords = -1,
            TotalBytes = -1,
        };
        info.Endpoint.Add(new FlightEndpoint { Ticket = new Ticket { Ticket_ = ticket.ToByteString() } });
        return Task.FromResult(info);
    }

    public Task<SchemaResult> GetSchemaAsync(FlightDescriptor descriptor, string user, CancellationToken cancellation)
    {
        var command = Command(descriptor);
        if (command.Is(CommandStatementUpdate.Descriptor) || command.Is(CommandPreparedStatementUpdate.Descriptor))
        {
            return Task.FromResult(new SchemaResult { Schema = ByteString.CopyFrom(IpcStreamWriter.SchemaBytes([])) });
        }
        if (command.Is(CommandStatementQuery.Descriptor) || command.Is(CommandPreparedStatementQuery.Descriptor))
        {
            var sql = QueryText(command);
            var plan = _executor.PlanQuery(StatementExecutor.ParseOne(sql))
                ?? throw new GrpcException(GrpcStatusCode.InvalidArgument, "GetSchema of a statement that is not a query: its result is known only after it runs");
            return Task.FromResult(new SchemaResult { Schema = ByteString.CopyFrom(IpcStreamWriter.SchemaBytes(IpcSchemaMapping.Fields(plan.Schema))) });
        }
        var (fields, _) = Plan(command, user, cancellation);
        return Task.FromResult(new SchemaResult { Schema = ByteString.CopyFrom(IpcStreamWriter.SchemaBytes(fields)) });
    }

    public async Task DoGetAsync(Ticket ticket, GrpcCall call)
    {
        Any command;
        try
        {
            command = Any.Parser.ParseFrom(ticket.Ticket_);
        }
        catch (InvalidProtocolBufferException)
        {
            throw new GrpcException(GrpcStatusCode.InvalidArgument, "not a ticket of this server");
        }
        var compression = ResultCompression(call);
        var dictionaryStrings = DictionaryStrings(call);
        using var running = _running.Start(ticket.Ticket_, call.Cancellation);
        await FlightStreams.WriteAsync(call, Redeem(command, compression, dictionaryStrings, call.User ?? FlightAuthenticator.Anonymous, running.Token), running.Token).ConfigureAwait(false);
    }

    private static bool DictionaryStrings(GrpcCall call) => call.Header(DictionaryHeader) switch
    {
        null or "none" => false,
        "strings" => true,
        var asked => throw new GrpcException(GrpcStatusCode.InvalidArgument, $"header {DictionaryHeader}: '{asked}' is not one of none, strings"),
    };

    private IpcCompression ResultCompression(GrpcCall call)
    {
        if (call.Header(CompressionHeader) is not { } asked) return _defaultCompression;
        return IpcCompressionNames.Parse(asked)
            ?? throw new GrpcException(GrpcStatusCode.InvalidArgument, $"header {CompressionHeader}: '{asked}' is not one of none, lz4_frame, zstd");
    }

    public async Task DoPutAsync(FlightData first, GrpcCall call)
    {
        var command = Command(first.FlightDescriptor);
        string sql;
        if (command.TryUnpack(out CommandStatementUpdate update)) sql = update.Query;
        else if (command.TryUnpack(out CommandPreparedStatementUpdate preparedUpdate)) sql = PreparedSql(preparedUpdate.PreparedStatementHandle);
        else if (command.TryUnpack(out CommandStatementIngest ingest))
        {
            long ingested;
            try
            {
                ingested = await _ingest.RunAsync(ingest, first, call).ConfigureAwait(false);
            }
            catch (Engine.Common.ProtocolException ex)
            {
                throw MalformedStream(ex);
            }
            finally
            {
                _executor.Plans.CatalogChanged();
            }
            await call.WriteAsync(new PutResult { AppMetadata = new DoPutUpdateResult { RecordCount = ingested }.ToByteString() }).ConfigureAwait(false);
            return;
        }
        else if (command.TryUnpack(out CommandPreparedStatementQuery bind))
        {
            try
            {
                await BindParametersAsync(bind.PreparedStatementHandle, first, call).ConfigureAwait(false);
            }
            catch (Engine.Common.ProtocolException ex)
            {
                throw MalformedStream(ex);
            }
            return;
        }
        else throw Unsupported(command, "DoPut");

        // The statement takes no data: drain what the client sends, then run it.
        while (await call.ReadAsync(FlightData.Parser).ConfigureAwait(false) is { } data)
        {
            if (data.DataBody.Length > 0)
            {
                throw new GrpcException(GrpcStatusCode.InvalidArgument, "an update statement takes no record batches");
            }
        }
        var result = _executor.Execute(sql, StatementExecutor.ParseOne(sql), call.User ?? FlightAuthenticator.Anonymous, call.Cancellation);
        var count = new DoPutUpdateResult { RecordCount = result.UpdateCount ?? (result.HasRows ? result.RowCount : 0) };
        await call.WriteAsync(new PutResult { AppMetadata = count.ToByteString() }).ConfigureAwait(false);
    }

    /// <summary>The client's Arrow IPC stream could not be decoded: its fault, not the server's.</summary>
    private static GrpcException MalformedStream(Engine.Common.ProtocolException error) =>
        new(GrpcStatusCode.InvalidArgument, "DoPut: the FlightData stream is not valid Arrow IPC: " + error.Message);

    /// <summary>
    /// DoPut with CommandPreparedStatementQuery: an IPC stream of parameter values, one column per <c>?</c>. One
    /// row is bound (several rows, i.e. several executions at once, are not supported).
    /// </summary>
    private async Task BindParametersAsync(ByteString handle, FlightData first, GrpcCall call)
    {
        var prepared = Prepared(handle);
        var decoder = new IpcMessageDecoder();
        Engine.Columnar.RecordBatch? row = null;
        var rows = 0L;
        for (var data = first; data is not null; data = await call.ReadAsync(FlightData.Parser).ConfigureAwait(false))
        {
            if (data.DataHeader.IsEmpty) continue;
            if (decoder.Schema is null)
            {
                decoder.DecodeSchema(data.DataHeader.Memory);
                continue;
            }
            if (decoder.Decode(data.DataHeader.Memory, data.DataBody.Memory) is not { } batch) continue;
            rows += batch.RowCount;
            if (batch.RowCount > 0) row ??= batch;
        }
        if (rows > 1) throw new GrpcException(GrpcStatusCode.Unimplemented, $"binding {rows} parameter rows at once is not supported: bind one row per execution");
        prepared.Parameters = row is null ? [] : ParameterValues.FromRow(row, 0);
        var result = new DoPutPreparedStatementResult { PreparedStatementHandle = handle };
        await call.WriteAsync(new PutResult { AppMetadata = result.ToByteString() }).ConfigureAwait(false);
    }

    public async Task DoActionAsync(FlightAction action, GrpcCall call)
    {
        switch (action.Type)
        {
            case CreatePreparedStatement:
                {
                    var request = Unpack<ActionCreatePreparedStatementRequest>(action.Body);
                    var statement = StatementExecutor.ParseOne(request.Query);
                    var plan = PlanWithoutParameters(statement, request.Query);
                    var result = new ActionCreatePreparedStatementResult
                    {
                        PreparedStatementHandle = ByteString.CopyFromUtf8(_prepared.Add(request.Query)),
                    };
                    if (plan is not null) result.DatasetSchema = ByteString.CopyFrom(IpcStreamWriter.SchemaBytes(IpcSchemaMapping.Fields(plan.Schema)));
                    await call.WriteAsync(new Result { Body = Any.Pack(result).ToByteString() }).ConfigureAwait(false);
                    return;
                }
            case ClosePreparedStatement:
                {
                    var request = Unpack<ActionClosePreparedStatementRequest>(action.Body);
                    _prepared.Remove(request.PreparedStatementHandle.ToStringUtf8());
                    return;
                }
            case CancelFlightInfo:
                {
                    // A core Flight action: the body is the request itself, not packed in Any.
                    var request = CancelFlightInfoRequest.Parser.ParseFrom(action.Body);
                    var cancelled = false;
                    foreach (var endpoint in request.Info?.Endpoint ?? [])
                    {
                        if (endpoint.Ticket is { } ticket) cancelled |= _running.Cancel(ticket.Ticket_);
                    }
                    var result = new CancelFlightInfoResult { Status = cancelled ? CancelStatus.Cancelled : CancelStatus.NotCancellable };
                    await call.WriteAsync(new Result { Body = result.ToByteString() }).ConfigureAwait(false);
                    return;
                }
            default:
                throw new GrpcException(GrpcStatusCode.Unimplemented, $"action '{action.Type}' is not supported");
        }
    }

    /// <summary>The plan of a query to prepare; null when it is not a query or its schema needs its parameters.</summary>
    private Engine.Execution.Plan.PhysicalPlan? PlanWithoutParameters(Engine.Sql.Ast.Statement statement, string sql)
    {
        try
        {
            return _executor.PlanQuery(statement);
        }
        catch (Engine.Common.SemanticException) when (sql.Contains('?', StringComparison.Ordinal))
        {
            return null;
        }
    }

    public IReadOnlyList<ActionType> ListActions() =>
    [
        new ActionType { Type = CreatePreparedStatement, Description = "Creates a prepared statement from SQL text" },
        new ActionType { Type = ClosePreparedStatement, Description = "Closes a prepared statement" },
        new ActionType { Type = CancelFlightInfo, Description = "Cancels the running streams of a FlightInfo's tickets" },
    ];

    /// <summary>The result schema of a command and the ticket that redeems it.</summary>
    private (IReadOnlyList<IpcField> Fields, IMessage Ticket) Plan(Any command, string user, CancellationToken cancellation)
    {
        if (command.TryUnpack(out CommandPreparedStatementQuery preparedQuery))
        {
            var handle = preparedQuery.PreparedStatementHandle.ToStringUtf8();
            var prepared = Prepared(preparedQuery.PreparedStatementHandle);
            var preparedStatement = StatementExecutor.ParseOne(prepared.Sql);
            var preparedPlan = _executor.PlanQuery(preparedStatement, prepared.Parameters);
            if (preparedPlan is not null) return (IpcSchemaMapping.Fields(preparedPlan.Schema), StatementTicket(StatementHandle.Prepared(handle)));
            if (prepared.Parameters.Count > 0) throw new GrpcException(GrpcStatusCode.Unimplemented, "parameters of statements that are not queries are not supported");
            var preparedResult = _executor.Execute(prepared.Sql, preparedStatement, user, cancellation);
            return (IpcSchemaMapping.Fields(preparedResult.Schema), StatementTicket(StatementHandle.Result(_pending.Add(preparedResult))));
        }
        if (command.Is(CommandStatementQuery.Descriptor))
        {
            var sql = QueryText(command);
            var statement = StatementExecutor.ParseOne(sql);
            var plan = _executor.PlanQuery(statement);
            if (plan is not null) return (IpcSchemaMapping.Fields(plan.Schema), StatementTicket(StatementHandle.Planned(_executor.Plans.Add(plan), sql)));
            var result = _executor.Execute(sql, statement, user, cancellation);
            var id = _pending.Add(result);
            return (IpcSchemaMapping.Fields(result.Schema), StatementTicket(StatementHandle.Result(id)));
        }
        return (MetadataFields(command), command);
    }

    private static Any StatementTicket(StatementHandle handle) =>
        Any.Pack(new TicketStatementQuery { StatementHandle = handle.ToByteString() });

    private IReadOnlyList<IpcField> MetadataFields(Any command)
    {
        if (command.Is(CommandGetCatalogs.Descriptor)) return MetadataSchemas.Catalogs;
        if (command.Is(CommandGetDbSchemas.Descriptor)) return MetadataSchemas.DbSchemas;
        if (command.TryUnpack(out CommandGetTables tables)) return tables.IncludeSchema ? MetadataSchemas.TablesWithSchema : MetadataSchemas.Tables;
        if (command.Is(CommandGetTableTypes.Descriptor)) return MetadataSchemas.TableTypes;
        if (command.Is(CommandGetPrimaryKeys.Descriptor)) return MetadataSchemas.PrimaryKeys;
        if (command.Is(CommandGetExportedKeys.Descriptor) || command.Is(CommandGetImportedKeys.Descriptor)
            || command.Is(CommandGetCrossReference.Descriptor))
        {
            return MetadataSchemas.ForeignKeys;
        }
        if (command.Is(CommandGetSqlInfo.Descriptor)) return MetadataSchemas.SqlInfo;
        if (command.Is(CommandGetXdbcTypeInfo.Descriptor)) return XdbcTypeInfo.Fields;
        throw Unsupported(command, "GetFlightInfo");
    }

    private FlightResult Redeem(Any command, IpcCompression compression, bool dictionaryStrings, string user, CancellationToken cancellation)
    {
        if (command.TryUnpack(out TicketStatementQuery ticket))
        {
            var handle = StatementHandle.Parse(ticket.StatementHandle)
                ?? throw new GrpcException(GrpcStatusCode.InvalidArgument, "not a statement ticket of this server");
            if (handle.Kind == 'R')
            {
                var result = Guid.TryParseExact(handle.Value, "N", out var id) ? _pending.Take(id) : null;
                return result is null
                    ? throw new GrpcException(GrpcStatusCode.NotFound, "the statement's result has expired or was already read")
                    : StatementExecutor.Materialized(result, compression);
            }
            if (handle.TryPlanned(out var planId, out var plannedSql))
            {
                // Planned by GetFlightInfo: run that plan, or plan again when it expired or the catalog changed.
                var planned = _executor.Plans.Take(planId) ?? PlanTicketQuery(plannedSql, []);
                return _executor.Stream(plannedSql, planned, compression, dictionaryStrings, user, cancellation);
            }
            var (sql, parameters) = handle.Kind == 'P'
                ? Prepared(ByteString.CopyFromUtf8(handle.Value)) is var p ? (p.Sql, p.Parameters) : default
                : (handle.Value, (IReadOnlyList<Engine.Sql.Ast.Expression>)[]);
            var plan = PlanTicketQuery(sql, parameters);
            return _executor.Stream(sql, plan, compression, dictionaryStrings, user, cancellation);
        }
        if (command.Is(CommandGetCatalogs.Descriptor)) return _metadata.Catalogs();
        if (command.TryUnpack(out CommandGetDbSchemas schemas)) return _metadata.DbSchemas(schemas);
        if (command.TryUnpack(out CommandGetTables tables)) return _metadata.Tables(tables);
        if (command.Is(CommandGetTableTypes.Descriptor)) return CatalogMetadata.TableTypeList();
        if (command.Is(CommandGetSqlInfo.Descriptor)) return SqlInfoResult.Build(command.Unpack<CommandGetSqlInfo>());
        if (command.Is(CommandGetXdbcTypeInfo.Descriptor)) return XdbcTypeInfo.Build(command.Unpack<CommandGetXdbcTypeInfo>());
        // No primary or foreign keys are declared on lake tables: empty results with the documented schemas.
        return FlightResult.Empty(MetadataFields(command));
    }

    private Engine.Execution.Plan.PhysicalPlan PlanTicketQuery(string sql, IReadOnlyList<Engine.Sql.Ast.Expression> parameters) =>
        _executor.PlanQuery(StatementExecutor.ParseOne(sql), parameters)
            ?? throw new GrpcException(GrpcStatusCode.InvalidArgument, "the ticket does not hold a query");

    private string QueryText(Any command)
    {
        if (command.TryUnpack(out CommandStatementQuery query)) return query.Query;
        var prepared = Prepared(command.Unpack<CommandPreparedStatementQuery>().PreparedStatementHandle);
        return prepared.Parameters.Count == 0 ? prepared.Sql
            : throw new GrpcException(GrpcStatusCode.Unimplemented, "GetSchema of a prepared statement with bound parameters is not supported");
    }

    private string PreparedSql(ByteString handle)
    {
        var prepared = Prepared(handle);
        return prepared.Parameters.Count == 0 ? prepared.Sql
            : throw new GrpcException(GrpcStatusCode.Unimplemented, "parameters of update statements are not supported");
    }

    private PreparedStatement Prepared(ByteString handle) =>
        _prepared.Find(handle.ToStringUtf8())
            ?? throw new GrpcException(GrpcStatusCode.NotFound, "unknown or closed prepared statement handle");

    private static Any Command(FlightDescriptor? descriptor)
    {
        if (descriptor is null || descriptor.Type != FlightDescriptor.Types.DescriptorType.Cmd)
        {
            throw new GrpcException(GrpcStatusCode.InvalidArgument, "Flight SQL needs a CMD descriptor holding a packed command");
        }
        try
        {
            return Any.Parser.ParseFrom(descriptor.Cmd);
        }
        catch (InvalidProtocolBufferException ex)
        {
            throw new GrpcException(GrpcStatusCode.InvalidArgument, "the descriptor's command is not a google.protobuf.Any: " + ex.Message);
        }
    }

    private static T Unpack<T>(ByteString body)
        where T : IMessage<T>, new()
    {
        try
        {
            var any = Any.Parser.ParseFrom(body);
            return any.TryUnpack(out T message) ? message
                : throw new GrpcException(GrpcStatusCode.InvalidArgument, $"expected {new T().Descriptor.FullName}, got {any.TypeUrl}");
        }
        catch (InvalidProtocolBufferException ex)
        {
            throw new GrpcException(GrpcStatusCode.InvalidArgument, "malformed action body: " + ex.Message);
        }
    }

    private static GrpcException Unsupported(Any command, string rpc) =>
        new(GrpcStatusCode.Unimplemented, $"{rpc} does not support the command '{command.TypeUrl}'");
}
