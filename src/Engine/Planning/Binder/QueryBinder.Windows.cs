using QueryEngine.Engine.Columnar;
using QueryEngine.Engine.Common;
using QueryEngine.Engine.Execution.Plan;
using QueryEngine.Engine.Expressions;
using QueryEngine.Engine.Planning.Logical;
using QueryEngine.Engine.Sql;
using QueryEngine.Engine.Sql.Ast;
using WindowFrame = QueryEngine.Engine.Execution.Plan.WindowFrame;

namespace QueryEngine.Engine.Planning.Binder;

/// <summary>Window functions: calls sharing a PARTITION BY / ORDER BY become one <see cref="WindowNode"/>.</summary>
public sealed partial class QueryBinder
{
    private Dictionary<FunctionCall, ColumnRef> PlanWindows(ref LogicalPlan plan, List<FunctionCall> calls, QuerySpecification spec, ExprContext context)
    {
        var named = new Dictionary<string, WindowSpecification>(StringComparer.Ordinal);
        foreach (var definition in spec.Windows) named[definition.Name.CanonicalValue] = Resolve(definition.Window, named);

        var map = new Dictionary<FunctionCall, ColumnRef>();
        var groups = new List<(WindowSpecification Spec, string Key, List<FunctionCall> Calls)>();
        foreach (var call in calls)
        {
            var windowSpec = call.Window switch
            {
                WindowReference r => named.TryGetValue(r.Name.CanonicalValue, out var w) ? w : throw new SemanticException($"Window '{r.Name.Value}' is not defined", r.Span),
                WindowSpecification s => Resolve(s, named),
                _ => throw new InternalException("unknown window kind"),
            };
            var key = SqlFormatter.Format(windowSpec with { Frame = null });
            var group = groups.FirstOrDefault(g => g.Key == key);
            if (group.Calls is null)
            {
                group = (windowSpec, key, []);
                groups.Add(group);
            }
            group.Calls.Add(call);
        }

        foreach (var (windowSpec, _, groupCalls) in groups)
        {
            var partition = windowSpec.PartitionBy.Select(e => BindInAggregation(e, context)).ToArray();
            var order = windowSpec.OrderBy?.SortItems
                .Select(i => new LogicalSortKey(BindInAggregation(i.SortKey, context), i.Ordering != SortOrdering.Descending, NullsFirst(i)))
                .ToArray() ?? [];
            var assignments = new List<WindowAssignment>();
            foreach (var call in groupCalls)
            {
                var frame = call.Window is WindowSpecification { Frame: { } f } ? BindFrame(f) : windowSpec.Frame is { } sf ? BindFrame(sf)
                    : order.Length > 0 ? WindowFrame.DefaultWithOrder : WindowFrame.WholePartition;
                var bound = BindWindowCall(call, frame, context);
                var column = NewColumn(call.Name.Last.CanonicalValue, bound.Type);
                map[call] = column;
                assignments.Add(new WindowAssignment(column, bound));
            }
            plan = new WindowNode(plan, partition, order, assignments);
        }
        return map;
    }

    private static WindowSpecification Resolve(WindowSpecification spec, Dictionary<string, WindowSpecification> named)
    {
        if (spec.ExistingWindowName is not { } existing) return spec;
        if (!named.TryGetValue(existing.CanonicalValue, out var basis)) throw new SemanticException($"Window '{existing.Value}' is not defined", existing.Span);
        return spec with
        {
            ExistingWindowName = null,
            PartitionBy = basis.PartitionBy.Count > 0 ? basis.PartitionBy : spec.PartitionBy,
            OrderBy = spec.OrderBy ?? basis.OrderBy,
            Frame = spec.Frame ?? basis.Frame,
        };
    }

    private WindowFrame BindFrame(Sql.Ast.WindowFrame frame)
    {
        var unit = frame.Type switch
        {
            WindowFrameType.Rows => WindowFrameUnit.Rows,
            WindowFrameType.Range => WindowFrameUnit.Range,
            _ => WindowFrameUnit.Groups,
        };
        var start = BindBound(frame.Start);
        var end = frame.End is null ? new WindowFrameBound(WindowFrameBoundKind.CurrentRow) : BindBound(frame.End);
        if (start.Kind == WindowFrameBoundKind.UnboundedFollowing) throw new SemanticException("Window frame start cannot be UNBOUNDED FOLLOWING", frame.Span);
        if (end.Kind == WindowFrameBoundKind.UnboundedPreceding) throw new SemanticException("Window frame end cannot be UNBOUNDED PRECEDING", frame.Span);
        return new WindowFrame(unit, start, end);
    }

    private WindowFrameBound BindBound(FrameBound bound)
    {
        var kind = bound.Type switch
        {
            FrameBoundType.UnboundedPreceding => WindowFrameBoundKind.UnboundedPreceding,
            FrameBoundType.Preceding => WindowFrameBoundKind.Preceding,
            FrameBoundType.CurrentRow => WindowFrameBoundKind.CurrentRow,
            FrameBoundType.Following => WindowFrameBoundKind.Following,
            _ => WindowFrameBoundKind.UnboundedFollowing,
        };
        if (bound.Value is null) return new WindowFrameBound(kind);
        var offset = ConstantFolder.Fold(BindConstant(bound.Value));
        if (offset is not LiteralExpr { Value: not null } literal || !offset.Type.IsNumeric || Convert.ToDouble(literal.Value, System.Globalization.CultureInfo.InvariantCulture) < 0)
        {
            throw new SemanticException("Window frame offset must be a non-negative numeric constant", bound.Value.Span);
        }
        return new WindowFrameBound(kind, offset);
    }

    private WindowFunctionCall BindWindowCall(FunctionCall call, WindowFrame frame, ExprContext context)
    {
        var name = call.Name.Last.CanonicalValue;
        var ignoreNulls = call.NullTreatment == NullTreatment.Ignore;
        var args = call.Arguments.Select(a => BindInAggregation(a, context)).ToList();
        void Arity(int min, int max)
        {
            if (args.Count < min || args.Count > max)
            {
                throw new SemanticException($"Window function {name} takes {(min == max ? min.ToString(System.Globalization.CultureInfo.InvariantCulture) : $"{min} to {max}")} arguments, got {args.Count}", call.Span, code: ErrorCode.FunctionNotFound);
            }
        }
        switch (name)
        {
            case "row_number" or "rank" or "dense_rank":
                Arity(0, 0);
                return new WindowFunctionCall(name switch { "row_number" => WindowFunction.RowNumber, "rank" => WindowFunction.Rank, _ => WindowFunction.DenseRank }, [], null, frame, false, DataType.Int64);
            case "percent_rank" or "cume_dist":
                Arity(0, 0);
                return new WindowFunctionCall(name == "percent_rank" ? WindowFunction.PercentRank : WindowFunction.CumeDist, [], null, frame, false, DataType.Float64);
            case "ntile":
                Arity(1, 1);
                return new WindowFunctionCall(WindowFunction.Ntile, [Coercion.To(args[0], DataType.Int64)], null, frame, false, DataType.Int64);
            case "lag" or "lead":
                {
                    Arity(1, 3);
                    var value = args[0];
                    var offset = args.Count > 1 ? Coercion.To(args[1], DataType.Int64) : new LiteralExpr(1L, DataType.Int64);
                    var fallback = args.Count > 2 ? Coercion.To(args[2], value.Type) : new LiteralExpr(null, value.Type);
                    return new WindowFunctionCall(name == "lag" ? WindowFunction.Lag : WindowFunction.Lead, [value, offset, fallback], null, frame, ignoreNulls, value.Type);
                }
            case "first_value" or "last_value":
                Arity(1, 1);
                return new WindowFunctionCall(name == "first_value" ? WindowFunction.FirstValue : WindowFunction.LastValue, [args[0]], null, frame, ignoreNulls, args[0].Type);
            case "nth_value":
                Arity(2, 2);
                return new WindowFunctionCall(WindowFunction.NthValue, [args[0], Coercion.To(args[1], DataType.Int64)], null, frame, ignoreNulls, args[0].Type);
        }
        if (!FunctionRegistry.IsAggregate(name)) throw new SemanticException($"Function '{name}' is not a window function", call.Span, code: ErrorCode.FunctionNotFound);
        var resolved = FunctionRegistry.ResolveAggregate(name, args.Select(a => a.Type).ToArray(), call.IsCountStar)
            ?? throw new SemanticException($"Unexpected parameters ({string.Join(", ", args.Select(a => a.Type.SqlName))}) for function {name}", call.Span, code: ErrorCode.FunctionNotFound);
        var coerced = args.Select((a, i) => Coercion.To(a, resolved.ArgTypes[i])).ToArray();
        var filter = call.Filter is null ? null : RequireBoolean(BindInAggregation(call.Filter, context), call.Filter, "FILTER clause");
        var aggregate = new AggregateCall(resolved.Function, coerced, call.Distinct, filter, resolved.ReturnType);
        return new WindowFunctionCall(WindowFunction.Aggregate, [], aggregate, frame, false, resolved.ReturnType);
    }
}
