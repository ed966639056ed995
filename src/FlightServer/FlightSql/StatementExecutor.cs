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
using ExecutionContext = QueryEngine.Engine.Execution.ExecutionContext;

namespace QueryEngine.FlightServer.FlightSql;

/// <summary>
/// Runs SQL for Flight SQL: queries are planned up front (their schema goes into FlightInfo) and executed when
/// their ticket is redeemed, batch by batch as the executor produces them; other statements run to completion.
/// Every call gets a fresh session over the shared catalog.
/// </summary>
internal sealed class StatementExecutor(ICatalog catalog, ITableSourceFactory sources, SessionOptions options, QueryLog log)
{
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
    public StatementResult Execute(string sql, Statement statement, CancellationToken cancellation)
    {
        var id = log.NextId();
        var clock = Stopwatch.StartNew();
        try
        {
            var result = NewSession().Execute(statement, cancellation);
            log.Write(id, "FINISHED", result.UpdateCount ?? result.RowCount, 0, clock.Elapsed, sql);
            return result;
        }
        catch (Exception ex)
        {
            log.Write(id, "FAILED(" + ex.GetType().Name + ")", 0, 0, clock.Elapsed, sql);
            throw;
        }
    }

    /// <summary>A query's batches as IPC messages, produced while the stream is read.</summary>
    public FlightResult Stream(string sql, PhysicalPlan plan, IpcCompression compression, CancellationToken cancellation) =>
        new(IpcSchemaMapping.Fields(plan.Schema), Run(sql, plan, compression, cancellation));

    public static FlightResult Materialized(StatementResult result, IpcCompression compression) =>
        new(IpcSchemaMapping.Fields(result.Schema), result.Batches.Where(b => b.RowCount > 0).Select(b => IpcArrayEncoder.Encode(b, compression)));

    private IEnumerable<IpcMessage> Run(string sql, PhysicalPlan plan, IpcCompression compression, CancellationToken cancellation)
    {
        var id = log.NextId();
        var clock = Stopwatch.StartNew();
        var context = new ExecutionContext(cancellation, options.MaxParallelism, options.BatchSize);
        long rows = 0;
        var state = "FAILED";
        try
        {
            foreach (var batch in QueryExecutor.Execute(plan, context))
            {
                if (batch.RowCount == 0) continue;
                rows += batch.RowCount;
                yield return IpcArrayEncoder.Encode(batch, compression);
            }
            state = "FINISHED";
        }
        finally
        {
            if (state != "FINISHED" && cancellation.IsCancellationRequested) state = "CANCELLED";
            log.Write(id, state, rows, context.Scan.BytesRead, clock.Elapsed, sql);
        }
    }

    private QuerySession NewSession() => new(catalog, sources, options);
}
