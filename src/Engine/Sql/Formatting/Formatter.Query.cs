using QueryEngine.Engine.Sql.Ast;
using P = QueryEngine.Engine.Sql.Parsing.Parser.Precedence;

namespace QueryEngine.Engine.Sql.Formatting;

internal sealed partial class Formatter
{
    private void Query(Query query)
    {
        if (query.With is not null)
        {
            With(query.With);
            Append(' ');
        }

        var bodyHasTail = query.Body is QuerySpecification { OrderBy: not null } or QuerySpecification { Offset: not null } or QuerySpecification { Limit: not null };
        var queryHasTail = query.OrderBy is not null || query.Offset is not null || query.Limit is not null;
        if (bodyHasTail && queryHasTail)
        {
            Append('(');
            QueryBody(query.Body);
            Append(')');
        }
        else
        {
            QueryBody(query.Body);
        }

        Tail(query.OrderBy, query.Offset, query.Limit);
    }

    private void Tail(OrderBy? orderBy, Offset? offset, Limit? limit)
    {
        if (orderBy is not null)
        {
            Append(' ');
            OrderBy(orderBy);
        }

        if (offset is not null)
        {
            Append(' ');
            Offset(offset);
        }

        if (limit is not null)
        {
            Append(' ');
            Limit(limit);
        }
    }

    private void Offset(Offset offset)
    {
        Append("OFFSET ");
        Expr(offset.RowCount, P.Lowest);
    }

    private void Limit(Limit limit)
    {
        if (limit.WithTies)
        {
            Append("FETCH FIRST ");
            if (limit.RowCount is not null) Expr(limit.RowCount, P.Lowest);
            else Append('1');
            Append(" ROWS WITH TIES");
            return;
        }

        Append("LIMIT ");
        if (limit.RowCount is null) Append("ALL");
        else Expr(limit.RowCount, P.Lowest);
    }

    private void With(With with)
    {
        Append(with.Recursive ? "WITH RECURSIVE " : "WITH ");
        List(with.Queries, WithQuery);
    }

    private void WithQuery(WithQuery query)
    {
        Ident(query.Name);
        if (query.ColumnNames.Count > 0)
        {
            Append(' ');
            ParenthesizedIdentifiers(query.ColumnNames);
        }

        Append(" AS (");
        Query(query.Query);
        Append(')');
    }

    private void QueryBody(QueryBody body)
    {
        switch (body)
        {
            case QuerySpecification spec:
                QuerySpecification(spec);
                break;
            case SetOperation set:
                SetOperation(set);
                break;
            case Values values:
                Append("VALUES ");
                List(values.Rows, row =>
                {
                    if (row is RowConstructor { Items.Count: > 1 } tuple)
                    {
                        Append('(');
                        List(tuple.Items, e => Expr(e, P.Lowest));
                        Append(')');
                    }
                    else
                    {
                        Expr(row, P.Lowest);
                    }
                });
                break;
            case Table table:
                Append("TABLE ");
                Name(table.Name);
                break;
            case TableSubquery subquery:
                Append('(');
                Query(subquery.Query);
                Append(')');
                break;
        }
    }

    private void SetOperation(SetOperation set)
    {
        var isIntersect = set.Type == SetOperationType.Intersect;
        SetOperand(set.Left, left: true, isIntersect);
        Append(set.Type switch
        {
            SetOperationType.Union => " UNION ",
            SetOperationType.Intersect => " INTERSECT ",
            _ => " EXCEPT ",
        });
        if (!set.Distinct) Append("ALL ");
        SetOperand(set.Right, left: false, isIntersect);
    }

    private void SetOperand(QueryBody operand, bool left, bool parentIsIntersect)
    {
        var needsParens = operand switch
        {
            // INTERSECT binds tighter than UNION/EXCEPT and all are left-associative.
            SetOperation child => left
                ? parentIsIntersect && child.Type != SetOperationType.Intersect
                : parentIsIntersect || child.Type != SetOperationType.Intersect,
            QuerySpecification spec => spec.OrderBy is not null || spec.Offset is not null || spec.Limit is not null,
            _ => false,
        };
        if (needsParens)
        {
            Append('(');
            QueryBody(operand);
            Append(')');
        }
        else
        {
            QueryBody(operand);
        }
    }

    private void QuerySpecification(QuerySpecification spec)
    {
        Select(spec.Select);
        if (spec.From is not null)
        {
            Append(" FROM ");
            Relation(spec.From);
        }

        if (spec.Where is not null)
        {
            Append(" WHERE ");
            Expr(spec.Where, P.Lowest);
        }

        if (spec.GroupBy is not null)
        {
            Append(' ');
            GroupBy(spec.GroupBy);
        }

        if (spec.Having is not null)
        {
            Append(" HAVING ");
            Expr(spec.Having, P.Lowest);
        }

        if (spec.Windows.Count > 0)
        {
            Append(" WINDOW ");
            List(spec.Windows, w =>
            {
                Ident(w.Name);
                Append(" AS ");
                Window(w.Window);
            });
        }

        Tail(spec.OrderBy, spec.Offset, spec.Limit);
    }

    private void Select(Select select)
    {
        Append(select.Distinct ? "SELECT DISTINCT " : "SELECT ");
        List(select.SelectItems, SelectItem);
    }

    private void SelectItem(SelectItem item)
    {
        switch (item)
        {
            case AllColumns all:
                if (all.Target is not null)
                {
                    PeriodBase(all.Target);
                    Append('.');
                }

                Append('*');
                if (all.Aliases.Count > 0)
                {
                    Append(" AS ");
                    ParenthesizedIdentifiers(all.Aliases);
                }

                break;
            case SingleColumn column:
                Expr(column.Expression, P.Lowest);
                if (column.Alias is not null)
                {
                    Append(" AS ");
                    Ident(column.Alias);
                }

                break;
        }
    }

    private void GroupBy(GroupBy groupBy)
    {
        Append(groupBy.Distinct ? "GROUP BY DISTINCT " : "GROUP BY ");
        List(groupBy.GroupingElements, GroupingElement);
    }

    private void GroupingElement(GroupingElement element)
    {
        switch (element)
        {
            case SimpleGroupBy simple:
                GroupingSet(simple.Columns);
                break;
            case GroupingSets sets:
                Append("GROUPING SETS (");
                List(sets.Sets, GroupingSet);
                Append(')');
                break;
            case Rollup rollup:
                Append("ROLLUP (");
                List(rollup.Columns, e => Expr(e, P.Lowest));
                Append(')');
                break;
            case Cube cube:
                Append("CUBE (");
                List(cube.Columns, e => Expr(e, P.Lowest));
                Append(')');
                break;
        }
    }

    private void GroupingSet(IReadOnlyList<Expression> columns)
    {
        if (columns.Count == 1)
        {
            Expr(columns[0], P.Lowest);
            return;
        }

        Append('(');
        List(columns, e => Expr(e, P.Lowest));
        Append(')');
    }

    // ---------------------------------------------------------------- relations

    private void Relation(Relation relation)
    {
        switch (relation)
        {
            case Table table:
                Name(table.Name);
                break;
            case TableSubquery subquery:
                Append('(');
                Query(subquery.Query);
                Append(')');
                break;
            case QueryBody body:
                Append('(');
                QueryBody(body);
                Append(')');
                break;
            case AliasedRelation aliased:
                RelationOperand(aliased.Relation, aliased.Relation is Join or SampledRelation or AliasedRelation);
                Append(" AS ");
                Ident(aliased.Alias);
                if (aliased.ColumnNames.Count > 0)
                {
                    Append(' ');
                    ParenthesizedIdentifiers(aliased.ColumnNames);
                }

                break;
            case Join join:
                JoinRelation(join);
                break;
            case Unnest unnest:
                Append("UNNEST(");
                List(unnest.Expressions, e => Expr(e, P.Lowest));
                Append(')');
                if (unnest.WithOrdinality) Append(" WITH ORDINALITY");
                break;
            case Lateral lateral:
                Append("LATERAL (");
                Query(lateral.Query);
                Append(')');
                break;
            case SampledRelation sampled:
                RelationOperand(sampled.Relation, sampled.Relation is Join or SampledRelation);
                Append(sampled.Type == SampleType.Bernoulli ? " TABLESAMPLE BERNOULLI (" : " TABLESAMPLE SYSTEM (");
                Expr(sampled.SamplePercentage, P.Lowest);
                Append(')');
                break;
            case TableFunctionCall call:
                Name(call.Name);
                Append('(');
                List(call.Arguments, TableFunctionArgument);
                Append(')');
                break;
            default:
                throw new Common.InternalException($"SqlFormatter cannot render relation {relation.GetType().Name}");
        }
    }

    private void RelationOperand(Relation relation, bool parenthesize)
    {
        if (parenthesize) Append('(');
        Relation(relation);
        if (parenthesize) Append(')');
    }

    private void JoinRelation(Join join)
    {
        RelationOperand(join.Left, join.Left is Join { Type: JoinType.Implicit } && join.Type != JoinType.Implicit);
        var natural = join.Criteria is NaturalJoin ? "NATURAL " : string.Empty;
        Append(join.Type switch
        {
            JoinType.Implicit => ", ",
            JoinType.Cross => " CROSS JOIN ",
            JoinType.Inner => $" {natural}JOIN ",
            JoinType.Left => $" {natural}LEFT JOIN ",
            JoinType.Right => $" {natural}RIGHT JOIN ",
            _ => $" {natural}FULL JOIN ",
        });
        RelationOperand(join.Right, join.Right is Join);
        if (join.Criteria is JoinOn or JoinUsing)
        {
            Append(' ');
            JoinCriteria(join.Criteria);
        }
    }

    private void JoinCriteria(JoinCriteria criteria)
    {
        switch (criteria)
        {
            case JoinOn on:
                Append("ON ");
                Expr(on.Condition, P.Lowest);
                break;
            case JoinUsing usingColumns:
                Append("USING ");
                ParenthesizedIdentifiers(usingColumns.Columns);
                break;
            case NaturalJoin:
                Append("NATURAL");
                break;
        }
    }

    private void TableFunctionArgument(TableFunctionArgument argument)
    {
        if (argument.Name is not null)
        {
            Ident(argument.Name);
            Append(" => ");
        }

        Expr(argument.Value, P.Lowest);
    }
}
