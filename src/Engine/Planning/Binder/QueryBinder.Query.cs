using QueryEngine.Engine.Columnar;
using QueryEngine.Engine.Common;
using QueryEngine.Engine.Expressions;
using WindowFunction = QueryEngine.Engine.Execution.Plan.WindowFunction;
using WindowFunctionCall = QueryEngine.Engine.Execution.Plan.WindowFunctionCall;
using QueryEngine.Engine.Planning.Logical;
using QueryEngine.Engine.Sql.Ast;
using JoinType = QueryEngine.Engine.Execution.Plan.JoinType;

namespace QueryEngine.Engine.Planning.Binder;

public sealed partial class QueryBinder
{
    private BoundRelation BindQuery(Query query, Scope? outer)
    {
        var pushed = false;
        if (query.With is { } with)
        {
            var definitions = new Dictionary<string, WithQuery>(StringComparer.OrdinalIgnoreCase);
            foreach (var q in with.Queries)
            {
                if (!definitions.TryAdd(q.Name.CanonicalValue, q)) throw new SemanticException($"WITH query name '{q.Name.CanonicalValue}' specified more than once", q.Span);
                if (with.Recursive) _recursiveCandidates.Add(q);
            }
            _ctes.Add(definitions);
            pushed = true;
        }
        try
        {
            var body = BindQueryBody(query.Body, outer);
            if (query.OrderBy is null && query.Offset is null && query.Limit is null) return body;
            return ApplyOutputOrderAndLimit(body, query.OrderBy, query.Offset, query.Limit, outer);
        }
        finally
        {
            if (pushed) _ctes.RemoveAt(_ctes.Count - 1);
        }
    }

    private BoundRelation BindQueryBody(QueryBody body, Scope? outer) => body switch
    {
        QuerySpecification spec => BindSpecification(spec, outer),
        SetOperation op => BindSetOperation(op, outer),
        Values values => BindValues(values, outer),
        Table table => Output(BindTable(table, outer).Plan, outer),
        TableSubquery subquery => BindQuery(subquery.Query, outer),
        _ => throw new NotSupportedQueryException($"{body.GetType().Name} is not supported", body.Span),
    };

    /// <summary>A relation exposing a plan's output columns by name, unqualified.</summary>
    private static BoundRelation Output(LogicalPlan plan, Scope? outer) =>
        new(plan, new Scope(plan.Output.Select(c => new ScopeColumn(null, c.Name, c)).ToArray(), outer));

    private BoundRelation BindSpecification(QuerySpecification spec, Scope? outer)
    {
        var from = spec.From is null ? OneRow(outer) : BindRelation(spec.From, outer);
        var scope = from.Scope;
        var plan = from.Plan;

        if (spec.Where is { } where)
        {
            var predicate = BindExpression(where, new ExprContext(scope, AllowSubqueries: true));
            RejectAggregates(where, "WHERE");
            plan = ApplyFilter(plan, RequireBoolean(predicate, where, "WHERE clause"));
        }

        var items = ExpandSelectItems(spec.Select, scope);
        var aggregation = NeedsAggregation(spec, items)
            ? BuildAggregation(ref plan, scope, spec, items)
            : null;
        var context = new ExprContext(scope, AllowSubqueries: true, aggregation);

        if (spec.Having is { } having)
        {
            if (aggregation is null) throw new SemanticException("HAVING requires GROUP BY or an aggregate", having.Span);
            var predicate = BindInAggregation(having, context);
            plan = ApplyFilter(plan, RequireBoolean(predicate, having, "HAVING clause"));
        }

        var windowCalls = new List<FunctionCall>();
        foreach (var item in items)
        {
            if (item.Expression is { } e) AstWalker.CollectWindowCalls(e, windowCalls);
        }
        if (spec.OrderBy is { } windowOrder)
        {
            foreach (var s in windowOrder.SortItems) AstWalker.CollectWindowCalls(s.SortKey, windowCalls);
        }
        if (windowCalls.Count > 0) context = context with { Windows = PlanWindows(ref plan, windowCalls, spec, context) };

        var assignments = new List<Assignment>();
        var names = new List<string>();
        for (var i = 0; i < items.Count; i++)
        {
            var item = items[i];
            var bound = item.Column is { } direct && aggregation is null
                ? direct.ToExpr()
                : BindInAggregation(item.Expression!, context, item.Column);
            (plan, bound) = PlanScalarSubqueries(plan, bound);
            names.Add(item.Name);
            assignments.Add(new Assignment(NewColumn(item.Name, bound.Type), bound));
        }

        // ORDER BY may use output names, ordinals, or expressions over the input (hidden sort columns).
        var visibleCount = assignments.Count;
        var sortKeys = new List<LogicalSortKey>();
        if (spec.OrderBy is { } orderBy)
        {
            foreach (var item in orderBy.SortItems)
            {
                var column = ResolveSortKey(item, assignments, visibleCount, names, context, spec.Select.Distinct, ref plan);
                sortKeys.Add(new LogicalSortKey(column.ToExpr(), item.Ordering != SortOrdering.Descending, NullsFirst(item)));
            }
        }

        LogicalPlan result = new ProjectNode(plan, assignments);
        if (spec.Select.Distinct)
        {
            var groups = assignments.Select(a => new Assignment(NewColumn(a.Column.Name, a.Column.Type), a.Column.ToExpr())).ToArray();
            var rename = groups.Select((g, i) => (Old: assignments[i].Column.Id, New: g.Column)).ToDictionary(x => x.Old, x => (PhysicalExpr)x.New.ToExpr());
            result = new AggregateNode(result, groups, []);
            sortKeys = sortKeys.Select(k => k with { Expr = ExprUtil.Substitute(k.Expr, rename) }).ToList();
            assignments = groups.ToList();
        }
        if (sortKeys.Count > 0) result = new SortNode(result, sortKeys);
        result = ApplyLimit(result, spec.Offset, spec.Limit);
        if (assignments.Count > visibleCount)
        {
            result = new ProjectNode(result, assignments.Take(visibleCount).Select(a => new Assignment(a.Column, a.Column.ToExpr())).ToArray());
        }
        return Output(result, outer);
    }

    private BoundRelation OneRow(Scope? outer) =>
        new(new ValuesNode([Array.Empty<PhysicalExpr>()], []), Scope.Empty(outer));

    private LogicalPlan ApplyFilter(LogicalPlan plan, PhysicalExpr predicate)
    {
        var (withSubqueries, rewritten) = PlanPredicateSubqueries(plan, predicate);
        return rewritten is null ? withSubqueries : new FilterNode(withSubqueries, rewritten);
    }

    private static bool NullsFirst(SortItem item) => item.NullOrdering switch
    {
        NullOrdering.First => true,
        NullOrdering.Last => false,
        _ => false, // Trino: NULLS LAST by default in both directions.
    };

    private ColumnRef ResolveSortKey(
        SortItem item, List<Assignment> assignments, int visibleCount, List<string> names, ExprContext context, bool distinct, ref LogicalPlan plan)
    {
        if (item.SortKey is LongLiteral ordinal)
        {
            if (ordinal.Value < 1 || ordinal.Value > visibleCount)
            {
                throw new SemanticException($"ORDER BY position {ordinal.Value} is not in select list", item.SortKey.Span);
            }
            return assignments[(int)ordinal.Value - 1].Column;
        }
        if (item.SortKey is Identifier id)
        {
            ColumnRef? match = null;
            for (var i = 0; i < visibleCount; i++)
            {
                if (!string.Equals(names[i], id.CanonicalValue, StringComparison.Ordinal)) continue;
                if (match is not null && !ExprEquality.Instance.Equals(assignments[i].Expr, assignments[names.IndexOf(id.CanonicalValue)].Expr))
                {
                    throw new SemanticException($"ORDER BY '{id.CanonicalValue}' is ambiguous", id.Span, code: ErrorCode.AmbiguousName);
                }
                match ??= assignments[i].Column;
            }
            if (match is not null) return match;
        }
        var bound = BindInAggregation(item.SortKey, context);
        (plan, bound) = PlanScalarSubqueries(plan, bound);
        foreach (var a in assignments)
        {
            if (ExprEquality.Instance.Equals(a.Expr, bound)) return a.Column;
        }
        if (distinct) throw new SemanticException("For SELECT DISTINCT, ORDER BY expressions must appear in select list", item.SortKey.Span);
        var hidden = NewColumn("$sort" + assignments.Count, bound.Type);
        assignments.Add(new Assignment(hidden, bound));
        return hidden;
    }

    private LogicalPlan ApplyLimit(LogicalPlan plan, Offset? offset, Limit? limit)
    {
        long skip = 0;
        long? count = null;
        if (offset is not null) skip = ConstantCount(offset.RowCount, "OFFSET");
        if (limit is { RowCount: { } rows })
        {
            if (limit.WithTies) throw new NotSupportedQueryException("FETCH FIRST ... WITH TIES is not supported yet", limit.Span);
            count = ConstantCount(rows, "LIMIT");
        }
        return skip == 0 && count is null ? plan : new LimitNode(plan, skip, count);
    }

    private long ConstantCount(Sql.Ast.Expression expression, string clause)
    {
        var bound = ConstantFolder.Fold(BindConstant(expression));
        return bound switch
        {
            LiteralExpr { Value: long v } when v >= 0 => v,
            LiteralExpr { Value: int v } when v >= 0 => v,
            _ => throw new SemanticException($"{clause} must be a non-negative integer constant", expression.Span),
        };
    }

    /// <summary>ORDER BY / OFFSET / LIMIT on a set operation or parenthesized query: keys refer to output columns.</summary>
    private BoundRelation ApplyOutputOrderAndLimit(BoundRelation body, OrderBy? orderBy, Offset? offset, Limit? limit, Scope? outer)
    {
        var plan = body.Plan;
        if (orderBy is not null)
        {
            var output = plan.Output;
            var keys = new List<LogicalSortKey>();
            var scope = new Scope(body.Scope.Columns, null);
            foreach (var item in orderBy.SortItems)
            {
                PhysicalExpr key;
                if (item.SortKey is LongLiteral ordinal)
                {
                    if (ordinal.Value < 1 || ordinal.Value > output.Count) throw new SemanticException($"ORDER BY position {ordinal.Value} is not in select list", item.SortKey.Span);
                    key = output[(int)ordinal.Value - 1].ToExpr();
                }
                else
                {
                    key = BindExpression(item.SortKey, new ExprContext(scope, AllowSubqueries: false));
                }
                keys.Add(new LogicalSortKey(key, item.Ordering != SortOrdering.Descending, NullsFirst(item)));
            }
            plan = new SortNode(plan, keys);
        }
        plan = ApplyLimit(plan, offset, limit);
        return Output(plan, outer);
    }

    private BoundRelation BindValues(Values values, Scope? outer)
    {
        var context = new ExprContext(Scope.Empty(outer), AllowSubqueries: false);
        var rows = new List<List<PhysicalExpr>>();
        foreach (var row in values.Rows)
        {
            var items = row is RowConstructor rc ? rc.Items : [row];
            rows.Add(items.Select(e => ConstantFolder.Fold(BindExpression(e, context))).ToList());
        }
        var width = rows[0].Count;
        if (rows.Any(r => r.Count != width)) throw new SemanticException("VALUES rows have different numbers of columns", values.Span);
        var columns = new ColumnRef[width];
        for (var c = 0; c < width; c++)
        {
            var type = Coercion.CommonType(rows.Select(r => r[c].Type).ToArray(), values.Span, $"VALUES column {c + 1}");
            if (type.Id == TypeId.Null) type = DataType.Null;
            columns[c] = NewColumn("_col" + c, type);
            foreach (var r in rows) r[c] = Coercion.To(r[c], type);
        }
        return Output(new ValuesNode(rows.Select(r => (IReadOnlyList<PhysicalExpr>)r).ToArray(), columns), outer);
    }

    private BoundRelation BindSetOperation(SetOperation op, Scope? outer)
    {
        var left = BindQueryBody(op.Left, outer).Plan;
        var right = BindQueryBody(op.Right, outer).Plan;
        var lo = left.Output;
        var ro = right.Output;
        var name = op.Type.ToString().ToUpperInvariant();
        if (lo.Count != ro.Count) throw new SemanticException($"{name} query has different number of fields: {lo.Count}, {ro.Count}", op.Span);
        var types = new DataType[lo.Count];
        for (var i = 0; i < types.Length; i++)
        {
            types[i] = Coercion.CommonType(lo[i].Type, ro[i].Type)
                ?? throw new SemanticException($"column {i + 1} in {name} query has incompatible types: {lo[i].Type.SqlName}, {ro[i].Type.SqlName}", op.Span, code: ErrorCode.TypeMismatch);
        }
        left = CoerceOutput(left, types);
        right = CoerceOutput(right, types);
        if (!op.Distinct && op.Type != SetOperationType.Union) return Output(SetOperationAll(left, right, op.Type == SetOperationType.Intersect), outer);
        LogicalPlan plan;
        switch (op.Type)
        {
            case SetOperationType.Union:
                {
                    var columns = left.Output.Select(c => NewColumn(c.Name, c.Type)).ToArray();
                    plan = new UnionNode([left, right], columns);
                    if (op.Distinct) plan = Distinct(plan);
                    break;
                }
            default:
                {
                    var distinctLeft = Distinct(left);
                    var conjuncts = distinctLeft.Output.Zip(right.Output, (l, r) => (PhysicalExpr)new BinaryExpr(BinaryOp.NotDistinct, l.ToExpr(), r.ToExpr(), DataType.Boolean));
                    plan = new JoinNode(distinctLeft, right, op.Type == SetOperationType.Intersect ? JoinType.LeftSemi : JoinType.LeftAnti, ExprUtil.Conjunction(conjuncts));
                    break;
                }
        }
        return Output(plan, outer);
    }

    /// <summary>
    /// INTERSECT ALL keeps min(left count, right count) copies of each row, EXCEPT ALL max(left count - right count, 0):
    /// both sides are unioned with side markers, each row's side counts and its number within its group of equal
    /// rows are computed with window functions, and rows numbered beyond the wanted count are dropped.
    /// </summary>
    private LogicalPlan SetOperationAll(LogicalPlan left, LogicalPlan right, bool intersect)
    {
        LogicalPlan Marked(LogicalPlan side, long fromLeft)
        {
            var assignments = side.Output.Select(c => new Assignment(NewColumn(c.Name, c.Type), c.ToExpr())).ToList();
            assignments.Add(new Assignment(NewColumn("$left", DataType.Int64), new LiteralExpr(fromLeft, DataType.Int64)));
            assignments.Add(new Assignment(NewColumn("$right", DataType.Int64), new LiteralExpr(1 - fromLeft, DataType.Int64)));
            return new ProjectNode(side, assignments);
        }
        var markedLeft = Marked(left, 1);
        var columns = markedLeft.Output.Select(c => NewColumn(c.Name, c.Type)).ToArray();
        var union = new UnionNode([markedLeft, Marked(right, 0)], columns);
        var values = columns[..^2];
        WindowFunctionCall Count(ColumnRef marker) => new(
            WindowFunction.Aggregate, [], new AggregateCall(AggregateFunction.Sum, [marker.ToExpr()], false, null, DataType.Int64),
            Execution.Plan.WindowFrame.WholePartition, false, DataType.Int64);
        var leftCount = NewColumn("$left_count", DataType.Int64);
        var rightCount = NewColumn("$right_count", DataType.Int64);
        var number = NewColumn("$row_number", DataType.Int64);
        var window = new WindowNode(union, values.Select(c => (PhysicalExpr)c.ToExpr()).ToArray(), [],
        [
            new WindowAssignment(leftCount, Count(columns[^2])),
            new WindowAssignment(rightCount, Count(columns[^1])),
            new WindowAssignment(number, new WindowFunctionCall(WindowFunction.RowNumber, [], null, Execution.Plan.WindowFrame.WholePartition, false, DataType.Int64)),
        ]);
        PhysicalExpr keep = intersect
            ? new BinaryExpr(BinaryOp.And,
                new BinaryExpr(BinaryOp.LessOrEqual, number.ToExpr(), leftCount.ToExpr(), DataType.Boolean),
                new BinaryExpr(BinaryOp.LessOrEqual, number.ToExpr(), rightCount.ToExpr(), DataType.Boolean), DataType.Boolean)
            : new BinaryExpr(BinaryOp.LessOrEqual, number.ToExpr(),
                new BinaryExpr(BinaryOp.Subtract, leftCount.ToExpr(), rightCount.ToExpr(), DataType.Int64), DataType.Boolean);
        var filtered = new FilterNode(window, keep);
        return new ProjectNode(filtered, values.Select(c => new Assignment(NewColumn(c.Name, c.Type), c.ToExpr())).ToArray());
    }

    private LogicalPlan Distinct(LogicalPlan plan)
    {
        var groups = plan.Output.Select(c => new Assignment(NewColumn(c.Name, c.Type), c.ToExpr())).ToArray();
        return new AggregateNode(plan, groups, []);
    }

    private LogicalPlan CoerceOutput(LogicalPlan plan, DataType[] types)
    {
        var output = plan.Output;
        var same = true;
        for (var i = 0; i < types.Length; i++) same &= output[i].Type.Equals(types[i]);
        if (same) return plan;
        return new ProjectNode(plan, output.Select((c, i) => new Assignment(NewColumn(c.Name, types[i]), Coercion.To(c.ToExpr(), types[i]))).ToArray());
    }
}
