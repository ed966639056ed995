using QueryEngine.Engine.Common;
using QueryEngine.Engine.Expressions;
using QueryEngine.Engine.Planning.Logical;
using QueryEngine.Engine.Sql.Ast;
using WhenClause = QueryEngine.Engine.Expressions.WhenClause;

namespace QueryEngine.Engine.Planning.Binder;

public sealed partial class QueryBinder
{
    private List<SelectEntry> ExpandSelectItems(Select select, Scope scope)
    {
        var entries = new List<SelectEntry>();
        foreach (var item in select.SelectItems)
        {
            switch (item)
            {
                case SingleColumn single:
                    entries.Add(new SelectEntry(single.Expression, null, single.Alias?.CanonicalValue ?? DefaultName(single.Expression, entries.Count)));
                    break;
                case AllColumns { Target: null } all:
                    {
                        var columns = scope.Columns.Where(c => !c.Hidden).ToArray();
                        if (columns.Length == 0) throw new SemanticException("SELECT * not allowed in queries without FROM clause", all.Span);
                        AddStar(entries, columns, all);
                        break;
                    }
                case AllColumns { Target: Identifier qualifier } all:
                    {
                        var columns = scope.Columns.Where(c => !c.Hidden && string.Equals(c.Qualifier, qualifier.CanonicalValue, StringComparison.OrdinalIgnoreCase)).ToArray();
                        if (columns.Length == 0) throw new SemanticException($"Table '{qualifier.CanonicalValue}' not found in FROM clause", qualifier.Span, code: ErrorCode.TableNotFound);
                        AddStar(entries, columns, all);
                        break;
                    }
                default:
                    throw new NotSupportedQueryException("this form of SELECT item is not supported yet", item.Span);
            }
        }
        return entries;
    }

    private static void AddStar(List<SelectEntry> entries, ScopeColumn[] columns, AllColumns all)
    {
        if (all.Aliases.Count > 0 && all.Aliases.Count != columns.Length)
        {
            throw new SemanticException($"Column alias list has {all.Aliases.Count} entries but * has {columns.Length} columns", all.Span);
        }
        for (var i = 0; i < columns.Length; i++)
        {
            var name = all.Aliases.Count > 0 ? all.Aliases[i].CanonicalValue : columns[i].Name;
            entries.Add(new SelectEntry(null, columns[i].Column, name));
        }
    }

    private static string DefaultName(Sql.Ast.Expression expression, int index) => expression switch
    {
        Identifier id => id.CanonicalValue,
        DereferenceExpression d => d.Field.CanonicalValue,
        _ => "_col" + index,
    };

    private static bool NeedsAggregation(QuerySpecification spec, List<SelectEntry> items)
    {
        if (spec.GroupBy is not null) return true;
        foreach (var item in items)
        {
            if (item.Expression is { } e && AstWalker.ContainsAggregate(e)) return true;
        }
        if (spec.Having is { } h && AstWalker.ContainsAggregate(h)) return true;
        if (spec.OrderBy is { } o && o.SortItems.Any(s => AstWalker.ContainsAggregate(s.SortKey))) return true;
        return false;
    }

    private static void RejectAggregates(Sql.Ast.Expression expression, string clause)
    {
        var found = new List<FunctionCall>();
        AstWalker.CollectAggregates(expression, found);
        if (found.Count > 0) throw new SemanticException($"{clause} clause cannot contain aggregations or window functions", found[0].Span);
    }

    private AggregationBinding BuildAggregation(ref LogicalPlan plan, Scope scope, QuerySpecification spec, List<SelectEntry> items)
    {
        var plain = new ExprContext(scope, AllowSubqueries: false);
        var groupExprs = new List<PhysicalExpr>();
        var sets = new List<IReadOnlyList<int>>();
        if (spec.GroupBy is { } groupBy)
        {
            foreach (var set in GroupingSetExpansion.Expand(groupBy))
            {
                var indices = new List<int>();
                foreach (var column in set)
                {
                    var bound = BindGroupKey(column, scope, items, plain);
                    var index = groupExprs.FindIndex(g => ExprEquality.Instance.Equals(g, bound));
                    if (index < 0)
                    {
                        index = groupExprs.Count;
                        groupExprs.Add(bound);
                    }
                    if (!indices.Contains(index)) indices.Add(index);
                }
                sets.Add(indices);
            }
        }
        else
        {
            sets.Add([]);
        }
        var groups = groupExprs.Select((g, i) => new Assignment(NewColumn(g is ColumnExpr c ? c.Name : "_group" + i, g.Type), g)).ToArray();

        var calls = new List<FunctionCall>();
        foreach (var item in items)
        {
            if (item.Expression is { } e) AstWalker.CollectAggregates(e, calls);
        }
        if (spec.Having is { } having) AstWalker.CollectAggregates(having, calls);
        if (spec.OrderBy is { } orderBy)
        {
            foreach (var s in orderBy.SortItems) AstWalker.CollectAggregates(s.SortKey, calls);
        }

        var map = new Dictionary<FunctionCall, ColumnRef>();
        var aggregates = new List<AggregateAssignment>();
        foreach (var call in calls)
        {
            if (map.ContainsKey(call)) continue;
            var bound = BindAggregateCall(call, plain);
            var existing = aggregates.FirstOrDefault(a => ExprEquality.AggregateEquals(a.Call, bound));
            if (existing is not null)
            {
                map[call] = existing.Column;
                continue;
            }
            var column = NewColumn(call.Name.Last.CanonicalValue, bound.Type);
            map[call] = column;
            aggregates.Add(new AggregateAssignment(column, bound));
        }

        if (sets.Count == 1 && sets[0].Count == groups.Length)
        {
            plan = new AggregateNode(plan, groups, aggregates);
            var outputIds = groups.Select(g => g.Column.Id).Concat(aggregates.Select(a => a.Column.Id)).ToHashSet();
            return new AggregationBinding(groups, map, outputIds, [Enumerable.Range(0, groups.Length).ToArray()], null);
        }
        var groupId = NewColumn("$groupid", Columnar.DataType.Int64);
        plan = PlanGroupingSets(plan, groups, aggregates, sets, groupId);
        var ids = groups.Select(g => g.Column.Id).Concat(aggregates.Select(a => a.Column.Id)).Append(groupId.Id).ToHashSet();
        return new AggregationBinding(groups, map, ids, sets, groupId);
    }

    /// <summary>
    /// GROUPING SETS, ROLLUP and CUBE: one aggregation per grouping set, each outputting every key (null for the keys
    /// not in its set), its set number and the aggregates, combined with UNION ALL.
    /// </summary>
    private UnionNode PlanGroupingSets(LogicalPlan input, Assignment[] groups, List<AggregateAssignment> aggregates, List<IReadOnlyList<int>> sets, ColumnRef groupId)
    {
        var branches = new List<LogicalPlan>();
        for (var s = 0; s < sets.Count; s++)
        {
            var keys = sets[s].Select(k => new Assignment(NewColumn(groups[k].Column.Name, groups[k].Column.Type), groups[k].Expr)).ToArray();
            var calls = aggregates.Select(a => new AggregateAssignment(NewColumn(a.Column.Name, a.Column.Type), a.Call)).ToArray();
            var aggregate = new AggregateNode(input, keys, calls);
            var outputs = new List<Assignment>();
            var members = sets[s].ToArray();
            for (var k = 0; k < groups.Length; k++)
            {
                var position = Array.IndexOf(members, k);
                PhysicalExpr value = position >= 0 ? keys[position].Column.ToExpr() : new LiteralExpr(null, groups[k].Column.Type);
                outputs.Add(new Assignment(NewColumn(groups[k].Column.Name, groups[k].Column.Type), value));
            }
            outputs.AddRange(calls.Select(c => new Assignment(NewColumn(c.Column.Name, c.Column.Type), c.Column.ToExpr())));
            outputs.Add(new Assignment(NewColumn(groupId.Name, groupId.Type), new LiteralExpr((long)s, groupId.Type)));
            branches.Add(new ProjectNode(aggregate, outputs));
        }
        var columns = groups.Select(g => g.Column).Concat(aggregates.Select(a => a.Column)).Append(groupId).ToArray();
        return new UnionNode(branches, columns);
    }

    /// <summary>
    /// grouping(a, b, ...): per grouping set, a bit mask with the leftmost argument as the most significant bit, set
    /// when that argument is not grouped in the row's set.
    /// </summary>
    private PhysicalExpr BindGroupingFunction(FunctionCall f, ExprContext context)
    {
        if (context.Aggregation is not { } aggregation) throw new SemanticException("grouping() requires GROUP BY", f.Span);
        if (f.Arguments.Count == 0) throw new SemanticException("grouping() requires at least one argument", f.Span);
        if (f.Arguments.Count > 62) throw new SemanticException("grouping() takes at most 62 arguments", f.Span);
        var plain = context with { Aggregation = null, Windows = null };
        var keyIndices = new int[f.Arguments.Count];
        for (var i = 0; i < keyIndices.Length; i++)
        {
            var bound = BindExpression(f.Arguments[i], plain);
            var index = -1;
            for (var k = 0; k < aggregation.GroupBy.Count; k++)
            {
                if (ExprEquality.Instance.Equals(aggregation.GroupBy[k].Expr, bound)) index = k;
            }
            if (index < 0) throw new SemanticException("The arguments of grouping() must be GROUP BY expressions", f.Arguments[i].Span);
            keyIndices[i] = index;
        }
        long Mask(IReadOnlyList<int> set)
        {
            long mask = 0;
            foreach (var k in keyIndices) mask = (mask << 1) | (set.Contains(k) ? 0L : 1L);
            return mask;
        }
        if (aggregation.GroupId is not { } groupId) return new LiteralExpr(Mask(aggregation.Sets[0]), Columnar.DataType.Int64);
        var whens = new List<WhenClause>();
        for (var s = 0; s < aggregation.Sets.Count; s++)
        {
            whens.Add(new WhenClause(
                new BinaryExpr(BinaryOp.Equal, groupId.ToExpr(), new LiteralExpr((long)s, Columnar.DataType.Int64), Columnar.DataType.Boolean),
                new LiteralExpr(Mask(aggregation.Sets[s]), Columnar.DataType.Int64)));
        }
        return new CaseExpr(whens, null, Columnar.DataType.Int64);
    }

    /// <summary>One GROUP BY expression: a select-list ordinal, a select alias (DuckDB/MySQL style) or an expression over the input.</summary>
    private PhysicalExpr BindGroupKey(Sql.Ast.Expression column, Scope scope, List<SelectEntry> items, ExprContext plain)
    {
        if (column is LongLiteral ordinal)
        {
            if (ordinal.Value < 1 || ordinal.Value > items.Count) throw new SemanticException($"GROUP BY position {ordinal.Value} is not in select list", column.Span);
            var item = items[(int)ordinal.Value - 1];
            if (item.Expression is { } e && AstWalker.ContainsAggregate(e)) throw new SemanticException($"GROUP BY position {ordinal.Value} cannot reference an aggregate", column.Span);
            return item.Column?.ToExpr() ?? BindExpression(item.Expression!, plain);
        }
        if (column is Identifier alias && scope.TryResolve([alias.CanonicalValue], alias.Span) is null
            && items.FirstOrDefault(i => i.Name == alias.CanonicalValue && i.Expression is not null) is { } aliased)
        {
            // Not Trino, but DuckDB and MySQL accept a select alias in GROUP BY (TPC-H Q15 as published uses it).
            if (AstWalker.ContainsAggregate(aliased.Expression!)) throw new SemanticException($"GROUP BY '{alias.CanonicalValue}' cannot reference an aggregate", column.Span);
            return BindExpression(aliased.Expression!, plain);
        }
        RejectAggregates(column, "GROUP BY");
        return BindExpression(column, plain);
    }

    private AggregateCall BindAggregateCall(FunctionCall call, ExprContext context)
    {
        var name = call.Name.Last.CanonicalValue;
        if (name == "listagg") return BindListagg(call, context);
        foreach (var arg in call.Arguments)
        {
            if (AstWalker.ContainsAggregate(arg)) throw new SemanticException("Cannot nest aggregations inside aggregation '" + name + "'", arg.Span);
        }
        var args = call.Arguments.Select(a => BindExpression(a, context)).ToList();
        var resolved = FunctionRegistry.ResolveAggregate(name, args.Select(a => a.Type).ToArray(), call.IsCountStar)
            ?? throw new SemanticException(
                $"Unexpected parameters ({string.Join(", ", args.Select(a => a.Type.SqlName))}) for function {name}",
                call.Span,
                code: ErrorCode.FunctionNotFound);
        for (var i = 0; i < args.Count; i++) args[i] = Coercion.To(args[i], resolved.ArgTypes[i]);
        PhysicalExpr? filter = null;
        if (call.Filter is { } f)
        {
            RejectAggregates(f, "FILTER");
            filter = RequireBoolean(BindExpression(f, context), f, "FILTER clause");
        }
        if (call.OrderBy is { } orderBy && resolved.Function is AggregateFunction.ArrayAgg or AggregateFunction.MapAgg)
        {
            if (call.Distinct) throw new NotSupportedQueryException($"DISTINCT with ORDER BY inside {name} is not supported yet", orderBy.Span);
            var order = new List<AggregateOrder>();
            foreach (var item in orderBy.SortItems)
            {
                RejectAggregates(item.SortKey, "ORDER BY");
                args.Add(BindExpression(item.SortKey, context));
                order.Add(new AggregateOrder(item.Ordering == SortOrdering.Ascending, item.NullOrdering == NullOrdering.First));
            }
            return new AggregateCall(resolved.Function, args, call.Distinct, filter, resolved.ReturnType, order);
        }
        if (call.OrderBy is not null && resolved.Function is not (AggregateFunction.Min or AggregateFunction.Max or AggregateFunction.Sum or AggregateFunction.Count or AggregateFunction.Avg))
        {
            throw new NotSupportedQueryException($"ORDER BY inside {name} is not supported yet", call.OrderBy.Span);
        }
        return new AggregateCall(resolved.Function, args, call.Distinct, filter, resolved.ReturnType);
    }

    /// <summary>
    /// Binds an expression evaluated after aggregation: aggregate calls become the aggregation's output columns
    /// and sub-expressions equal to a GROUP BY key become the key's column; anything else is an error.
    /// </summary>
    private PhysicalExpr BindInAggregation(Sql.Ast.Expression? expression, ExprContext context, ColumnRef? direct = null)
    {
        var bound = direct?.ToExpr() ?? BindExpression(expression!, context);
        if (context.Aggregation is not { } aggregation) return bound;
        var replaced = ReplaceGroupKeys(bound, aggregation.GroupBy);
        var columns = ExprUtil.Columns(replaced);
        foreach (var id in columns)
        {
            if (aggregation.OutputIds.Contains(id) || context.Scope.OuterReferences.Contains(id)) continue;
            if (context.Windows is { } windows && windows.Values.Any(w => w.Id == id)) continue;
            var name = FindColumnName(replaced, id);
            throw new SemanticException(
                $"'{name}' must be an aggregate expression or appear in GROUP BY clause", expression?.Span ?? SourceSpan.None);
        }
        return replaced;
    }

    private static PhysicalExpr ReplaceGroupKeys(PhysicalExpr expr, IReadOnlyList<Assignment> groups)
    {
        foreach (var g in groups)
        {
            if (ExprEquality.Instance.Equals(g.Expr, expr)) return g.Column.ToExpr();
        }
        var children = ExprUtil.Children(expr);
        if (children.Count == 0) return expr;
        return ExprUtil.WithChildren(expr, children.Select(c => ReplaceGroupKeys(c, groups)).ToArray());
    }

    private static string FindColumnName(PhysicalExpr expr, int id)
    {
        if (expr is ColumnExpr c && c.Index == id) return c.Name;
        foreach (var child in ExprUtil.Children(expr))
        {
            var name = FindColumnName(child, id);
            if (name.Length > 0) return name;
        }
        return string.Empty;
    }
}
