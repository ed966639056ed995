using QueryEngine.Engine.Columnar;
using QueryEngine.Engine.Common;
using QueryEngine.Engine.Expressions;
using QueryEngine.Engine.Planning.Logical;
using QueryEngine.Engine.Sql.Ast;

namespace QueryEngine.Engine.Planning.Binder;

/// <summary>
/// UNNEST in FROM: alone (over one empty row) or as the right side of a join, where its expressions see the left
/// side's columns (an implicitly lateral, correlated expansion of every left row).
/// </summary>
public sealed partial class QueryBinder
{
    private static bool IsUnnest(Relation relation) => relation is Unnest or AliasedRelation { Relation: Unnest };

    private BoundRelation BindStandaloneUnnest(Relation relation, Scope? outer)
    {
        var input = new BoundRelation(new ValuesNode([[]], []), new Scope([], outer));
        return BindUnnestOver(input, relation, outerJoin: false, outer);
    }

    /// <summary><c>left CROSS JOIN UNNEST(...)</c>, <c>left, UNNEST(...)</c>, <c>left [LEFT] JOIN UNNEST(...) ON true</c>.</summary>
    private BoundRelation BindUnnestJoin(Sql.Ast.Join join, Scope? outer)
    {
        var left = BindRelation(join.Left, outer);
        var outerJoin = join.Type == Sql.Ast.JoinType.Left;
        if (join.Type is not (Sql.Ast.JoinType.Cross or Sql.Ast.JoinType.Implicit or Sql.Ast.JoinType.Inner or Sql.Ast.JoinType.Left))
        {
            throw new NotSupportedQueryException($"{join.Type.ToString().ToUpperInvariant()} JOIN UNNEST is not supported", join.Span);
        }
        var bound = BindUnnestOver(left, join.Right, outerJoin, outer);
        switch (join.Criteria)
        {
            case null:
                return bound;
            case JoinOn on:
                {
                    var condition = RequireBoolean(BindExpression(on.Condition, new ExprContext(bound.Scope, AllowSubqueries: false)), on.Condition, "JOIN condition");
                    if (ExprUtil.IsTrueLiteral(condition)) return bound;
                    if (outerJoin) throw new NotSupportedQueryException("LEFT JOIN UNNEST is supported only with ON TRUE", on.Span);
                    return bound with { Plan = new FilterNode(bound.Plan, condition) };
                }
            default:
                throw new SemanticException("UNNEST can be joined only with ON or as a cross join", join.Span);
        }
    }

    private BoundRelation BindUnnestOver(BoundRelation input, Relation relation, bool outerJoin, Scope? outer)
    {
        var (unnest, alias) = relation switch
        {
            AliasedRelation { Relation: Unnest u } a => (u, a),
            Unnest u => (u, (AliasedRelation?)null),
            _ => throw new InternalException("not an UNNEST relation"),
        };
        var context = new ExprContext(input.Scope, AllowSubqueries: false);
        var expressions = new List<PhysicalExpr>();
        var elements = new List<ColumnRef>();
        var rowFields = new List<(ColumnRef Column, StructType Type)>();
        foreach (var e in unnest.Expressions)
        {
            var bound = BindExpression(e, context);
            if (bound.Type.Id == TypeId.Null) bound = Coercion.To(bound, new ListType(new Field("element", DataType.Null)));
            switch (bound.Type)
            {
                case ListType list:
                    {
                        var column = NewColumn($"_col{elements.Count}", list.Element.Type);
                        elements.Add(column);
                        if (list.Element.Type is StructType row) rowFields.Add((column, row));
                        break;
                    }
                case MapType map:
                    elements.Add(NewColumn($"_col{elements.Count}", map.Key.Type));
                    elements.Add(NewColumn($"_col{elements.Count}", map.Value.Type));
                    break;
                default:
                    throw new SemanticException($"Cannot unnest type: {bound.Type.SqlName}", e.Span, code: ErrorCode.TypeMismatch);
            }
            expressions.Add(bound);
        }
        var ordinality = unnest.WithOrdinality ? NewColumn($"_col{elements.Count}", DataType.Int64) : null;
        LogicalPlan plan = new UnnestNode(input.Plan, expressions, elements, ordinality, outerJoin);

        // An array of rows expands into one column per field.
        var visible = new List<ColumnRef>();
        if (rowFields.Count > 0)
        {
            var assignments = input.Plan.Output.Select(c => new Assignment(c, c.ToExpr())).ToList();
            foreach (var column in elements)
            {
                var fields = rowFields.FirstOrDefault(f => f.Column.Id == column.Id);
                if (fields.Type is null)
                {
                    assignments.Add(new Assignment(column, column.ToExpr()));
                    visible.Add(column);
                    continue;
                }
                for (var i = 0; i < fields.Type.Fields.Count; i++)
                {
                    var field = fields.Type.Fields[i];
                    var extracted = NewColumn(field.Name.Length > 0 ? field.Name : $"_col{visible.Count}", field.Type);
                    assignments.Add(new Assignment(extracted, FieldAccess(column.ToExpr(), i)));
                    visible.Add(extracted);
                }
            }
            if (ordinality is not null)
            {
                assignments.Add(new Assignment(ordinality, ordinality.ToExpr()));
                visible.Add(ordinality);
            }
            plan = new ProjectNode(plan, assignments);
        }
        else
        {
            visible.AddRange(elements);
            if (ordinality is not null) visible.Add(ordinality);
        }

        var qualifier = alias?.Alias.CanonicalValue;
        if (alias is not null && alias.ColumnNames.Count > 0 && alias.ColumnNames.Count != visible.Count)
        {
            throw new SemanticException($"Column alias list has {alias.ColumnNames.Count} entries but '{qualifier}' has {visible.Count} columns", alias.Span);
        }
        var columns = visible.Select((c, i) => new ScopeColumn(qualifier, alias is { ColumnNames.Count: > 0 } ? alias.ColumnNames[i].CanonicalValue : c.Name, c)).ToList();
        return new BoundRelation(plan, new Scope([.. input.Scope.Columns, .. columns], outer));
    }
}
