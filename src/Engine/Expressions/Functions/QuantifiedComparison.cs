using QueryEngine.Engine.Columnar;
using QueryEngine.Engine.Common;
using QueryEngine.Engine.Execution.Vectors;
using QueryEngine.Engine.Expressions.Evaluation;
using QueryEngine.Engine.Expressions.Functions.Nested;
using QueryEngine.Engine.Expressions.Kernels;

namespace QueryEngine.Engine.Expressions.Functions;

/// <summary>
/// <c>x op ANY|ALL (subquery)</c> for the comparisons that are not IN / NOT IN. The binder aggregates the subquery
/// into one row (count(*), count(v), min(v), max(v)), NULL when a correlated subquery has no rows for the outer row;
/// this builds the SQL-standard three-valued answer from it:
/// ANY is false over no rows, true when some comparison is true, else NULL when x or some value is NULL, else false;
/// ALL is true over no rows, false when some comparison is false, else NULL when x or some value is NULL, else true.
/// </summary>
internal static class QuantifiedComparison
{
    public const string FunctionName = "$quantified";

    /// <summary>The operation text the binder passes as the first argument, e.g. "&lt;:all".</summary>
    public static string Encode(BinaryOp op, bool all) => OpText(op) + (all ? ":all" : ":any");

    public static Evaluator Compile(Evaluator[] args)
    {
        var operation = args[0] is LiteralEvaluator { IsNull: false } l ? ((BinaryArray)l.Value).GetString(0) : throw new InternalException("$quantified needs a constant operation");
        var parts = operation.Split(':');
        var op = ParseOp(parts[0]);
        var all = parts[1] == "all";
        var value = args[1];
        var row = args[2];
        var rowType = (StructType)row.Type;
        var count = NestedFunctions.Field(row, 0, DataType.Int64);
        var nonNull = NestedFunctions.Field(row, 1, DataType.Int64);
        var min = ExpressionCompiler.Coerce(NestedFunctions.Field(row, 2, rowType.Fields[2].Type), value.Type);
        var max = ExpressionCompiler.Coerce(NestedFunctions.Field(row, 3, rowType.Fields[3].Type), value.Type);

        var empty = new AndOrEvaluator(
            new IsNullEvaluator(row, negated: false),
            Compare(BinaryOp.Equal, count, Constant(0L, DataType.Int64)),
            isAnd: false);
        var hasNull = Compare(BinaryOp.Less, nonNull, count);
        var test = Test(op, all, value, min, max);
        var whens = all
            ? new (Evaluator, Evaluator)[] { (empty, Constant(true, DataType.Boolean)), (new NotEvaluator(test), Constant(false, DataType.Boolean)), (hasNull, NullBoolean()) }
            : [(empty, Constant(false, DataType.Boolean)), (test, Constant(true, DataType.Boolean)), (hasNull, NullBoolean())];
        return new CaseEvaluator(DataType.Boolean, whens, test);
    }

    /// <summary>The one comparison that decides: against max for "x &lt; ANY" and "x &gt; ALL", against min for the mirrored forms.</summary>
    private static Evaluator Test(BinaryOp op, bool all, Evaluator x, Evaluator min, Evaluator max)
    {
        switch (op)
        {
            case BinaryOp.Less or BinaryOp.LessOrEqual:
                return Compare(op, x, all ? min : max);
            case BinaryOp.Greater or BinaryOp.GreaterOrEqual:
                return Compare(op, x, all ? max : min);
            case BinaryOp.Equal when all:
                return new AndOrEvaluator(Compare(BinaryOp.Equal, x, min), Compare(BinaryOp.Equal, x, max), isAnd: true);
            case BinaryOp.NotEqual when !all:
                return new AndOrEvaluator(Compare(BinaryOp.NotEqual, x, min), Compare(BinaryOp.NotEqual, x, max), isAnd: false);
            default:
                throw new InternalException($"quantified comparison {op} {(all ? "ALL" : "ANY")} is planned as IN");
        }
    }

    private static Evaluator Compare(BinaryOp op, Evaluator left, Evaluator right) =>
        new BinaryKernelEvaluator(DataType.Boolean, left, right, ComparisonKernels.Create(op, left.Type), false);

    private static LiteralEvaluator Constant(object value, DataType type) => new(ArrayFactory.FromValue(value, type));

    private static LiteralEvaluator NullBoolean() => new(ArrayFactory.AllNull(DataType.Boolean, 1));

    private static string OpText(BinaryOp op) => op switch
    {
        BinaryOp.Equal => "=",
        BinaryOp.NotEqual => "<>",
        BinaryOp.Less => "<",
        BinaryOp.LessOrEqual => "<=",
        BinaryOp.Greater => ">",
        BinaryOp.GreaterOrEqual => ">=",
        _ => throw new InternalException($"{op} is not a comparison"),
    };

    private static BinaryOp ParseOp(string text) => text switch
    {
        "=" => BinaryOp.Equal,
        "<>" => BinaryOp.NotEqual,
        "<" => BinaryOp.Less,
        "<=" => BinaryOp.LessOrEqual,
        ">" => BinaryOp.Greater,
        _ => BinaryOp.GreaterOrEqual,
    };
}
