using System.Diagnostics;
using QueryEngine.Engine.Catalog;
using QueryEngine.Engine.Columnar.Ipc;
using QueryEngine.Engine.Common;
using QueryEngine.Engine.Execution;
using QueryEngine.Engine.Execution.Plan;
using QueryEngine.Engine.Planning;
using QueryEngine.Engine.Session;
using QueryEngine.Engine.Session.Statements;
using QueryEngine.Engine.Sql;
using QueryEngine.Engine.Sql.Ast;
using QueryEngine.FlightServer.SystemTables;
using ExecutionContext = QueryEngine.Engine.Execution.ExecutionContext;

namespace QueryEngine.FlightServer.FlightSql;

/// <summary>
/// Runs SQL for Flight SQL: queries are planned up front (their schema goes into FlightInfo) and executed when
/// their ticket is redeemed, batch by batch as the executor produces them; other statements run to completion.
/// Every call gets a fresh session over the shared catalog, with <c>system.queries</c> in front of it; every
/// statement is recorded in the registry (and the log) with its user, state, rows and bytes scanned.
/// </summary>
internal sealed class StatementExecutor(ICatalog catalog, ITableSourceFactory sources, SessionOptions options, QueryLog log, QueryRegistry registry)
{
    private readonly SystemCatalog _sessionCatalog = new(catalog);
    private readonly SystemTableSources _sessionSources = new(sources, registry);

    /// <summary>Plans of GetFlightInfo waiting for their DoGet; dropped whenever a statement may change the catalog.</summary>
    public PlannedQueries Plans { get; } = new(TimeSpan.FromMinutes(1), registry.Clock);

    /// <summary>The metastore's catalog (without the system tables), for metadata commands.</summary>
    public ICatalog Catalog => catalog;

    public static Statement ParseOne(string sql)
    {
        var statements = SqlParser.ParseStatements(sql);
        if (statements.Count != 1) throw new SyntaxException($"expected exactly one statement, found {statements.Count}");
        return statements[0];
    }

    /// <summary>The physical plan of a query statement, or null for any other statement.</summary>
    public PhysicalPlan? PlanQuery(Statement statement, IReadOnlyList<Expression>? parameters = null)
    {
        if (statement is not QueryStatement query) return null;
        var logical = new QueryRunner(NewSession()).Plan(query.Query, parameters ?? []);
        return PhysicalPlanner.Plan(logical);
    }

    /// <summary>Runs a statement that is not a query (DDL, INSERT, SHOW, ...) to completion.</summary>
    public StatementResult Execute(string sql, Statement statement, string user, CancellationToken cancellation)
    {
        var record = registry.Start(user, sql);
        var clock = Stopwatch.StartNew();
        try
        {
            var result = NewSession().Execute(statement, cancellation);
            var rows = result.UpdateCount ?? result.RowCount;
            record.End(QueryRecord.Finished, rows, 0, null, registry.Clock.GetUtcNow());
            log.Write(record.Id, QueryRecord.Finished, rows, 0, clock.Elapsed, sql);
            return result;
        }
        catch (Exception ex)
        {
            var state = ex is OperationCanceledException ? QueryRecord.Cancelled : QueryRecord.Failed;
            record.End(state, 0, 0, ex.Message, registry.Clock.GetUtcNow());
            log.Write(record.Id, state == QueryRecord.Failed ? "FAILED(" + ex.GetType().Name + ")" : state, 0, 0, clock.Elapsed, sql);
            throw;
        }
        finally
        {
            // DDL, INSERT, CTAS (even a failed one may have changed something): plans made before are stale.
            Plans.CatalogChanged();
        }
    }

    /// <summary>
    /// A query's batches as IPC messages, produced while the stream is read; with <paramref name="dictionaryStrings"/>
    /// every top-level string and binary column is dictionary-encoded (dictionary batches, deltas, replacements).
    /// </summary>
    public FlightResult Stream(string sql, PhysicalPlan plan, IpcCompression compression, bool dictionaryStrings, string user, CancellationToken cancellation)
    {
        var fields = IpcSchemaMapping.Fields(plan.Schema);
        if (!dictionaryStrings) return new(fields, Run(sql, plan, batch => [IpcArrayEncoder.Encode(batch, compression)], user, cancellation));
        var strings = new List<int>();
        for (var i = 0; i < fields.Count; i++)
        {
            if (fields[i].Type.Kind is IpcTypeKind.Utf8 or IpcTypeKind.Binary) strings.Add(i);
        }
        var writer = new IpcDictionaryWriter(fields, strings, compression);
        return new(writer.Fields, Run(sql, plan, writer.Encode, user, cancellation));
    }

    public static FlightResult Materialized(StatementResult result, IpcCompression compression) =>
        new(IpcSchemaMapping.Fields(result.Schema), result.Batches.Where(b => b.RowCount > 0).Select(b => IpcArrayEncoder.Encode(b, compression)));

    private IEnumerable<IpcMessage> Run(string sql, PhysicalPlan plan, Func<Engine.Columnar.RecordBatch, IReadOnlyList<IpcMessage>> encode, string user, CancellationToken cancellation)
    {
        var record = registry.Start(user, sql);
        var clock = Stopwatch.StartNew();
        var context = new ExecutionContext(cancellation, options.MaxParallelism, options.BatchSize) { Memory = new(options.Memory) };
        long rows = 0;
        var state = QueryRecord.Failed;
        string? error = null;
        try
        {
            using var batches = QueryExecutor.Execute(plan, context).GetEnumerator();
            while (true)
            {
                try
                {
                    if (!batches.MoveNext()) break;
                }
                catch (Exception ex)
                {
                    error = ex.Message;
                    throw;
                }
                var batch = batches.Current;
                if (batch.RowCount == 0) continue;
                rows += batch.RowCount;
                record.Progress(rows, context.Scan.BytesRead);
                foreach (var message in encode(batch)) yield return message;
            }
            state = QueryRecord.Finished;
        }
        finally
        {
            if (state != QueryRecord.Finished && cancellation.IsCancellationRequested) (state, error) = (QueryRecord.Cancelled, "the query was cancelled");
            else if (state != QueryRecord.Finished) error ??= "the client stopped reading the result";
            record.End(state, rows, context.Scan.BytesRead, error, registry.Clock.GetUtcNow());
            log.Write(record.Id, state, rows, context.Scan.BytesRead, clock.Elapsed, sql);
        }
    }

    private QuerySession NewSession() => new(_sessionCatalog, _sessionSources, options);
}
