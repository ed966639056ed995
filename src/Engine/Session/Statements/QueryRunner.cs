using System.Diagnostics;
using System.Globalization;
using System.Text;
using QueryEngine.Engine.Columnar;
using QueryEngine.Engine.Common;
using QueryEngine.Engine.Execution;
using QueryEngine.Engine.Execution.Memory;
using QueryEngine.Engine.Expressions;
using QueryEngine.Engine.Optimizer;
using QueryEngine.Engine.Planning;
using QueryEngine.Engine.Planning.Binder;
using QueryEngine.Engine.Planning.Logical;
using QueryEngine.Engine.Sql.Ast;

namespace QueryEngine.Engine.Session.Statements;

/// <summary>Plans and runs queries: bind, optimize, plan physically, execute.</summary>
internal sealed class QueryRunner(QuerySession session)
{
    public StatementResult Run(Query query, IReadOnlyList<Sql.Ast.Expression> parameters, CancellationToken cancellation)
    {
        var plan = Plan(query, parameters);
        var physical = PhysicalPlanner.Plan(plan);
        var context = session.NewExecutionContext(cancellation);
        var batches = new List<RecordBatch>();
        // The collected result counts against the query's limit too, until it is handed over.
        using var result = context.Memory.Reserve("query result");
        foreach (var batch in QueryExecutor.Execute(physical, context))
        {
            if (batch.RowCount == 0) continue;
            result.Grow(BatchBytes.Of(batch));
            batches.Add(batch);
        }
        return new StatementResult(physical.Schema, batches) { BytesScanned = context.Scan.BytesRead };
    }

    /// <summary>Binds and optimizes a query into a logical plan.</summary>
    public LogicalPlan Plan(Query query, IReadOnlyList<Sql.Ast.Expression> parameters)
    {
        var values = BindParameters(parameters);
        var binder = new QueryBinder(session.Catalog, session.Sources, session.CurrentDatabase, values) { SessionZone = session.TimeZone };
        var bound = binder.Bind(query);
        return LogicalOptimizer.Default.Optimize(bound.Plan);
    }

    private IReadOnlyList<LiteralExpr> BindParameters(IReadOnlyList<Sql.Ast.Expression> parameters)
    {
        if (parameters.Count == 0) return [];
        var binder = new QueryBinder(session.Catalog, session.Sources, session.CurrentDatabase) { SessionZone = session.TimeZone };
        var values = new List<LiteralExpr>(parameters.Count);
        foreach (var p in parameters)
        {
            var folded = ConstantFolder.Fold(binder.BindConstant(p));
            values.Add(folded as LiteralExpr ?? throw new SemanticException("EXECUTE parameters must be constants", p.Span));
        }
        return values;
    }

    public StatementResult Explain(Explain explain, IReadOnlyList<Sql.Ast.Expression> parameters, CancellationToken cancellation)
    {
        if (explain.Statement is not QueryStatement query)
        {
            throw new NotSupportedQueryException("EXPLAIN supports queries only", explain.Statement.Span);
        }
        var plan = Plan(query.Query, parameters);
        var text = new StringBuilder(PlanPrinter.Print(plan));
        if (explain.Analyze)
        {
            var stopwatch = Stopwatch.StartNew();
            var physical = PhysicalPlanner.Plan(plan);
            var profile = new QueryProfile();
            var context = session.NewExecutionContext(cancellation, profile);
            long rows = 0;
            foreach (var batch in QueryExecutor.Execute(physical, context)) rows += batch.RowCount;
            text.Append("Executed plan (rows and batches each operator produced; time includes its inputs, summed over parallel workers):\n");
            text.Append(AnalyzedPlanPrinter.Print(physical, profile));
            text.Append(CultureInfo.InvariantCulture, $"Output rows: {rows}, wall time: {stopwatch.Elapsed.TotalMilliseconds:0.###} ms, bytes read: {context.Scan.BytesRead}\n");
            text.Append(CultureInfo.InvariantCulture, $"Peak memory: {ByteSize.Format(context.Memory.Peak)} of a {ByteSize.Format(context.Memory.Limit)} limit, spilled: {ByteSize.Format(context.Memory.SpilledBytes)}\n");
        }
        var builder = new BinaryBuilder(DataType.Utf8);
        builder.Append(text.ToString().TrimEnd('\n'));
        var schema = new Schema([new Field("Query Plan", DataType.Utf8)]);
        return new StatementResult(schema, [new RecordBatch(schema, [builder.Build()], 1)]);
    }
}
