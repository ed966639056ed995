using QueryEngine.Engine.Columnar;
using QueryEngine.Engine.Common;
using QueryEngine.Engine.Expressions;
using QueryEngine.Engine.Expressions.Functions;
using QueryEngine.Engine.Sql.Ast;

namespace QueryEngine.Engine.Planning.Binder;

/// <summary>
/// <c>x &lt; ANY (subquery)</c>, <c>x &gt;= ALL (...)</c>, <c>x = ALL (...)</c>, <c>x &lt;&gt; ANY (...)</c>: the subquery is
/// aggregated into one row <c>ROW(count(*), count(v), min(v), max(v))</c>, bound as an ordinary scalar subquery (so it
/// is decorrelated like one and runs once), and <see cref="QuantifiedComparison"/> computes the three-valued answer.
/// </summary>
public sealed partial class QueryBinder
{
    private PhysicalExpr BindQuantifiedComparison(QuantifiedComparisonExpression q, ExprContext context)
    {
        RequireSubqueriesAllowed(context, q);
        var value = BindExpression(q.Value, context);
        var probe = BindQuery(q.Subquery, context.Scope).Plan;
        if (probe.Output.Count != 1) throw new SemanticException($"Quantified comparison subquery must return one column, found {probe.Output.Count}", q.Subquery.Span);
        var column = probe.Output[0].Type;
        var type = Coercion.CommonType(value.Type, column)
            ?? throw new SemanticException($"Cannot compare {value.Type.SqlName} with {column.SqlName} in a quantified comparison", q.Span, code: ErrorCode.TypeMismatch);
        if (type.IsNested)
        {
            throw new NotSupportedQueryException($"quantified comparisons of {type.SqlName} values are not supported", q.Span);
        }

        var v = new Identifier("$quantified_value", Quoted: true);
        FunctionCall Aggregate(string name, bool star) =>
            new(new QualifiedName(NodeList.Of(new Identifier(name, false))), star ? NodeList.Empty<Expression>() : NodeList.Of<Expression>(v),
                false, null, null, null, null, star) { Span = q.Span };
        var summary = new RowConstructor(NodeList.Of<Expression>(Aggregate("count", true), Aggregate("count", false), Aggregate("min", false), Aggregate("max", false))) { Span = q.Span };
        var from = new AliasedRelation(new TableSubquery(q.Subquery) { Span = q.Subquery.Span }, new Identifier("$quantified", Quoted: true), NodeList.Of(v)) { Span = q.Subquery.Span };
        var select = new QuerySpecification(
            new Select(false, NodeList.Of<SelectItem>(new SingleColumn(summary, null))), from, null, null, null,
            NodeList.Empty<WindowDefinition>(), null, null, null) { Span = q.Span };
        var subquery = BindExpression(new SubqueryExpression(new Query(null, select, null, null, null) { Span = q.Span }) { Span = q.Span }, context);

        var all = q.Quantifier == Quantifier.All;
        var operation = QuantifiedComparison.Encode(ToBinaryOp(q.Operator), all);
        return new ScalarFunctionExpr(QuantifiedComparison.FunctionName, [new LiteralExpr(operation, DataType.Utf8), Coercion.To(value, type), subquery], DataType.Boolean);
    }
}
