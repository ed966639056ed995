using QueryEngine.Engine.Catalog;
using QueryEngine.Engine.Common;
using QueryEngine.Engine.Expressions;
using QueryEngine.Engine.Planning.Logical;
using QueryEngine.Engine.Sql.Ast;
using JoinType = QueryEngine.Engine.Execution.Plan.JoinType;

namespace QueryEngine.Engine.Planning.Binder;

public sealed partial class QueryBinder
{
    private BoundRelation BindRelation(Relation relation, Scope? outer)
    {
        switch (relation)
        {
            case Table table:
                return BindTable(table, outer);
            case AliasedRelation { Relation: Unnest } aliased:
                return BindStandaloneUnnest(aliased, outer);
            case AliasedRelation aliased:
                return BindAliased(aliased, outer);
            case Join join:
                return BindJoin(join, outer);
            case TableSubquery subquery:
                {
                    var bound = BindQuery(subquery.Query, outer);
                    return bound with { Scope = new Scope(bound.Scope.Columns.Select(c => c with { Qualifier = null }).ToArray(), outer) };
                }
            case QueryBody body:
                return BindQueryBody(body, outer);
            case Unnest:
                return BindStandaloneUnnest(relation, outer);
            case Lateral lateral:
                {
                    // Correlated references resolve through `outer`, which a LATERAL join sets to its left side's scope.
                    var bound = BindQuery(lateral.Query, outer);
                    return bound with { Scope = new Scope(bound.Scope.Columns.Select(c => c with { Qualifier = null }).ToArray(), outer) };
                }
            case SampledRelation sampled:
                return BindSampled(sampled, outer);
            case TableFunctionCall call:
                return BindTableFunction(call, outer);
            default:
                throw new NotSupportedQueryException($"{relation.GetType().Name} is not supported", relation.Span);
        }
    }

    /// <summary>TABLESAMPLE BERNOULLI|SYSTEM (p): p is a constant percentage between 0 and 100.</summary>
    private BoundRelation BindSampled(SampledRelation sampled, Scope? outer)
    {
        var inner = BindRelation(sampled.Relation, outer);
        var percentage = ConstantFolder.Fold(BindExpression(sampled.SamplePercentage, new ExprContext(Scope.Empty(), AllowSubqueries: false)));
        if (percentage is not LiteralExpr literal || !percentage.Type.IsNumeric && percentage.Type.Id != Columnar.TypeId.Null)
        {
            throw new SemanticException("Sample percentage must be a constant number", sampled.SamplePercentage.Span, code: ErrorCode.TypeMismatch);
        }
        if (literal.Value is null) throw new SemanticException("Sample percentage cannot be NULL", sampled.SamplePercentage.Span);
        var value = PercentageValue(literal);
        if (value is < 0 or > 100 || double.IsNaN(value))
        {
            throw new SemanticException("Sample percentage must be between 0 and 100", sampled.SamplePercentage.Span);
        }
        return inner with { Plan = new SampleNode(inner.Plan, sampled.Type == SampleType.System, value / 100) };
    }

    private static double PercentageValue(LiteralExpr literal) =>
        ConstantFolder.Fold(Coercion.To(literal, Columnar.DataType.Float64)) is LiteralExpr { Value: double d } ? d : double.NaN;

    private BoundRelation BindTable(Table table, Scope? outer)
    {
        var parts = table.Name.Parts;
        if (parts.Count == 1 && _workTables.TryGetValue(parts[0].CanonicalValue, out var recursive)) return BindWorkTable(recursive, outer);
        if (parts.Count == 1 && FindCte(parts[0].CanonicalValue) is { } cte) return BindCte(cte, outer);

        var (database, name) = ResolveTableName(table.Name);
        var info = _catalog.GetTable(database, name)
            ?? throw new NotFoundException(ErrorCode.TableNotFound, $"Table '{database}.{name}' does not exist", table.Span, SuggestTable(database, name));
        if (info.Kind == TableKind.View) return BindView(info, table, outer);

        var source = _sources.Create(info);
        var columns = source.Schema.Fields.Select(f => NewColumn(f.Name, f.Type)).ToArray();
        var projection = Enumerable.Range(0, columns.Length).ToArray();
        var plan = new ScanNode($"{database}.{name}", source, columns, projection, []);
        var scope = new Scope(columns.Select(c => new ScopeColumn(name, c.Name, c)).ToArray(), outer);
        return new BoundRelation(plan, scope);
    }

    private BoundRelation BindTableFunction(TableFunctionCall call, Scope? outer)
    {
        var displayName = string.Join(".", call.Name.Parts.Select(p => p.Value));
        var arguments = new List<object?>();
        foreach (var argument in call.Arguments)
        {
            if (argument.Name is not null) throw new NotSupportedQueryException($"Table function '{displayName}': named arguments are not supported", argument.Span);
            arguments.Add(argument.Value switch
            {
                StringLiteral s => s.Value,
                LongLiteral l => l.Value,
                BooleanLiteral b => b.Value,
                _ => throw new NotSupportedQueryException($"Table function '{displayName}': arguments must be literals", argument.Span),
            });
        }
        var name = call.Name.Parts.Count == 1 ? call.Name.Parts[0].CanonicalValue : displayName.ToLowerInvariant();
        var source = _sources.CreateForFunction(name, arguments)
            ?? throw new NotSupportedQueryException($"Table function '{displayName}' is not supported", call.Span);
        var columns = source.Schema.Fields.Select(f => NewColumn(f.Name, f.Type)).ToArray();
        var projection = Enumerable.Range(0, columns.Length).ToArray();
        var plan = new ScanNode(name, source, columns, projection, []);
        var scope = new Scope(columns.Select(c => new ScopeColumn(name, c.Name, c)).ToArray(), outer);
        return new BoundRelation(plan, scope);
    }

    /// <summary>Splits [catalog.]db.table into database and table, defaulting to the session's database.</summary>
    public (string Database, string Table) ResolveTableName(QualifiedName name)
    {
        var parts = name.Parts;
        return parts.Count switch
        {
            1 => (_currentDatabase, parts[0].CanonicalValue),
            2 => (parts[0].CanonicalValue, parts[1].CanonicalValue),
            3 => (parts[1].CanonicalValue, parts[2].CanonicalValue),
            _ => throw new SemanticException($"Too many dots in table name '{string.Join(".", parts.Select(p => p.Value))}'", name.Span),
        };
    }

    private string? SuggestTable(string database, string name)
    {
        if (_catalog.GetDatabase(database) is null) return $"schema '{database}' does not exist";
        string? best = null;
        var bestDistance = int.MaxValue;
        foreach (var t in _catalog.ListTables(database))
        {
            var d = Scope.Levenshtein(name, t);
            if (d < bestDistance)
            {
                bestDistance = d;
                best = t;
            }
        }
        return best is not null && bestDistance <= Math.Max(2, name.Length / 3) ? $"did you mean '{best}'?" : null;
    }

    private BoundRelation BindView(TableInfo view, Table reference, Scope? outer)
    {
        var key = view.Database + "." + view.Name;
        if (!_expandingViews.Add(key)) throw new SemanticException($"View '{key}' refers to itself", reference.Span);
        try
        {
            var text = view.ViewOriginalText ?? view.ViewExpandedText
                ?? throw new SemanticException($"View '{key}' has no query text", reference.Span);
            Query query;
            try
            {
                query = Sql.SqlParser.ParseStatement(text) switch
                {
                    QueryStatement qs => qs.Query,
                    _ => throw new SemanticException($"View '{key}' does not hold a query", reference.Span),
                };
            }
            catch (SyntaxException e)
            {
                throw new SemanticException($"View '{key}' cannot be parsed: {e.Message}", reference.Span);
            }
            var bound = BindQuery(query, outer: null);
            var columns = bound.Scope.Columns.Select(c => c with { Qualifier = view.Name }).ToArray();
            // Like a WITH query: the references of a view used more than once can share one result (see CteSharing).
            return new BoundRelation(new CteReferenceNode(ViewId(key), key, bound.Plan), new Scope(columns, outer));
        }
        finally
        {
            _expandingViews.Remove(key);
        }
    }

    private BoundRelation BindAliased(AliasedRelation aliased, Scope? outer)
    {
        var inner = BindRelation(aliased.Relation, outer);
        var alias = aliased.Alias.CanonicalValue;
        var visible = inner.Scope.Columns.Where(c => !c.Hidden).ToArray();
        if (aliased.ColumnNames.Count > 0 && aliased.ColumnNames.Count != visible.Length)
        {
            throw new SemanticException(
                $"Column alias list has {aliased.ColumnNames.Count} entries but '{alias}' has {visible.Length} columns", aliased.Span);
        }
        var columns = new List<ScopeColumn>();
        var i = 0;
        foreach (var c in inner.Scope.Columns)
        {
            if (c.Hidden)
            {
                columns.Add(c with { Qualifier = alias });
                continue;
            }
            var name = aliased.ColumnNames.Count > 0 ? aliased.ColumnNames[i].CanonicalValue : c.Name;
            columns.Add(c with { Qualifier = alias, Name = name });
            i++;
        }
        return new BoundRelation(inner.Plan, new Scope(columns, outer));
    }

    private BoundRelation BindJoin(Join join, Scope? outer)
    {
        if (IsUnnest(join.Right)) return BindUnnestJoin(join, outer);
        if (IsLateral(join.Right)) return BindLateralJoin(join, outer);
        var left = BindRelation(join.Left, outer);
        var right = BindRelation(join.Right, outer);
        return BindJoinOf(join, left, right, outer);
    }

    /// <summary>The join of two bound sides under the join's type and criteria (ON, USING, NATURAL).</summary>
    private BoundRelation BindJoinOf(Join join, BoundRelation left, BoundRelation right, Scope? outer)
    {
        var type = join.Type switch
        {
            Sql.Ast.JoinType.Inner or Sql.Ast.JoinType.Cross or Sql.Ast.JoinType.Implicit => JoinType.Inner,
            Sql.Ast.JoinType.Left => JoinType.Left,
            Sql.Ast.JoinType.Right => JoinType.Right,
            Sql.Ast.JoinType.Full => JoinType.Full,
            _ => throw new NotSupportedQueryException($"{join.Type} join is not supported", join.Span),
        };
        var combined = new Scope([.. left.Scope.Columns, .. right.Scope.Columns], outer);
        PhysicalExpr? condition = null;
        var columns = combined.Columns;
        switch (join.Criteria)
        {
            case null:
                break;
            case JoinOn on:
                {
                    var bound = BindExpression(on.Condition, new ExprContext(combined, AllowSubqueries: false));
                    condition = Coercion.To(RequireBoolean(bound, on.Condition, "JOIN condition"), Columnar.DataType.Boolean);
                    break;
                }
            case JoinUsing usingClause:
                (condition, columns) = UsingCondition(left.Scope, right.Scope, usingClause.Columns.Select(c => (c.CanonicalValue, c.Span)).ToList(), type);
                break;
            case NaturalJoin:
                {
                    var names = left.Scope.Columns.Where(c => !c.Hidden).Select(c => c.Name)
                        .Intersect(right.Scope.Columns.Where(c => !c.Hidden).Select(c => c.Name), StringComparer.OrdinalIgnoreCase)
                        .Select(n => (n, join.Span)).ToList();
                    if (names.Count > 0) (condition, columns) = UsingCondition(left.Scope, right.Scope, names, type);
                    break;
                }
        }
        LogicalPlan plan = new JoinNode(left.Plan, right.Plan, type, condition);
        if (type == JoinType.Full && join.Criteria is JoinUsing or NaturalJoin && condition is not null)
        {
            (plan, columns) = CoalesceUsingColumns(plan, left.Scope, right.Scope, columns, join.Span);
        }
        return new BoundRelation(plan, new Scope(columns, outer));
    }

    /// <summary>
    /// FULL JOIN USING: each USING column is the non-null one of its two sides, so a projection replaces the left
    /// copy with coalesce(left, right) (the right copy is already hidden).
    /// </summary>
    private (LogicalPlan Plan, IReadOnlyList<ScopeColumn> Columns) CoalesceUsingColumns(
        LogicalPlan join, Scope left, Scope right, IReadOnlyList<ScopeColumn> columns, SourceSpan span)
    {
        var assignments = join.Output.Select(c => new Assignment(c, c.ToExpr())).ToList();
        var result = columns.ToArray();
        var leftCount = left.Columns.Count;
        for (var i = 0; i < leftCount; i++)
        {
            var l = result[i];
            if (l.Hidden) continue;
            var partner = result.Skip(leftCount).FirstOrDefault(r => r.Hidden && r.Name == "\0" + l.Name && right.Columns.Any(rc => rc.Column.Id == r.Column.Id));
            if (partner is null) continue;
            var (le, re) = Coercion.Unify(l.Column.ToExpr(), partner.Column.ToExpr(), span, "=");
            var merged = BindCase([(new IsNullExpr(le, Negated: true), le)], re, span);
            var column = NewColumn(l.Name, merged.Type);
            assignments.Add(new Assignment(column, merged));
            result[i] = l with { Column = column };
        }
        return (new ProjectNode(join, assignments), result);
    }

    /// <summary>USING/NATURAL: equality on the named columns; each appears once in the result (the left one, or the right one for RIGHT joins).</summary>
    private (PhysicalExpr? Condition, IReadOnlyList<ScopeColumn> Columns) UsingCondition(
        Scope left, Scope right, List<(string Name, SourceSpan Span)> names, JoinType type)
    {
        var conjuncts = new List<PhysicalExpr>();
        var hideLeft = new HashSet<int>();
        var hideRight = new HashSet<int>();
        foreach (var (name, span) in names)
        {
            var l = left.TryResolve([name], span) ?? throw new SemanticException($"Column '{name}' is missing from the left side of USING", span, code: ErrorCode.ColumnNotFound);
            var r = right.TryResolve([name], span) ?? throw new SemanticException($"Column '{name}' is missing from the right side of USING", span, code: ErrorCode.ColumnNotFound);
            var (le, re) = Coercion.Unify(l.ToExpr(), r.ToExpr(), span, "=");
            conjuncts.Add(new BinaryExpr(BinaryOp.Equal, le, re, Columnar.DataType.Boolean));
            if (type == JoinType.Right) hideLeft.Add(l.Id);
            else hideRight.Add(r.Id);
        }
        var columns = left.Columns.Select(c => hideLeft.Contains(c.Column.Id) ? c with { Hidden = true } : c)
            .Concat(right.Columns.Select(c => hideRight.Contains(c.Column.Id) ? c with { Hidden = true } : c))
            .ToArray();
        // The second copy of each USING column is renamed out of reach so unqualified references are not ambiguous.
        var result = columns.Select(c => c.Hidden ? c with { Name = "\0" + c.Name } : c).ToArray();
        return (ExprUtil.Conjunction(conjuncts), result);
    }

    private WithQuery? FindCte(string name)
    {
        for (var i = _ctes.Count - 1; i >= 0; i--)
        {
            if (_ctes[i].TryGetValue(name, out var q)) return q;
        }
        return null;
    }

    /// <summary>The statement-wide id of a WITH query, the same for all its references.</summary>
    private int CteId(WithQuery cte)
    {
        if (!_cteIds.TryGetValue(cte, out var id)) _cteIds[cte] = id = _cteIds.Count + _viewIds.Count;
        return id;
    }

    /// <summary>The statement-wide id of a view (<c>database.name</c>), from the same numbers as <see cref="CteId"/>.</summary>
    private int ViewId(string view)
    {
        if (!_viewIds.TryGetValue(view, out var id)) _viewIds[view] = id = _cteIds.Count + _viewIds.Count;
        return id;
    }

    private BoundRelation BindCte(WithQuery cte, Scope? outer)
    {
        // Each reference binds the CTE's query again, so every use has its own column ids.
        // Names defined after this CTE are not visible inside it.
        var saved = new List<Dictionary<string, WithQuery>>(_ctes);
        var index = _ctes.FindLastIndex(d => d.ContainsValue(cte));
        var visible = new Dictionary<string, WithQuery>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, query) in _ctes[index])
        {
            // Only the WITH queries written before this one (all of one WITH clause share a source text).
            if (query.Span.Offset < cte.Span.Offset) visible[name] = query;
        }
        _ctes.RemoveRange(index, _ctes.Count - index);
        _ctes.Add(visible);
        try
        {
            var recursive = _recursiveCandidates.Contains(cte) ? BindRecursive(cte) : null;
            var bound = recursive ?? BindQuery(cte.Query, outer: null);
            var name = cte.Name.CanonicalValue;
            var visibleColumns = bound.Scope.Columns.Where(c => !c.Hidden).ToArray();
            if (cte.ColumnNames.Count > 0 && cte.ColumnNames.Count != visibleColumns.Length)
            {
                throw new SemanticException($"WITH query '{name}' names {cte.ColumnNames.Count} columns but has {visibleColumns.Length}", cte.Span);
            }
            var columns = visibleColumns.Select((c, i) => c with
            {
                Qualifier = name,
                Name = cte.ColumnNames.Count > 0 ? cte.ColumnNames[i].CanonicalValue : c.Name,
            }).ToArray();
            // Marked so that the references of a CTE used more than once can share one result (see CteSharing).
            var plan = recursive is null ? new CteReferenceNode(CteId(cte), name, bound.Plan) : bound.Plan;
            return new BoundRelation(plan, new Scope(columns, outer));
        }
        finally
        {
            _ctes.Clear();
            _ctes.AddRange(saved);
        }
    }
}
