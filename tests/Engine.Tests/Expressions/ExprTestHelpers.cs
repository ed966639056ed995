using QueryEngine.Engine.Columnar;
using QueryEngine.Engine.Expressions;
using QueryEngine.Engine.Tests.Execution;
using Xunit;

namespace QueryEngine.Engine.Tests.Expressions;

internal static class ExprTestHelpers
{
    public static readonly RecordBatch OneRow = new(Schema.Empty, [], 1);

    /// <summary>Evaluates over a batch and returns boxed values.</summary>
    public static object?[] Eval(PhysicalExpr expr, RecordBatch batch)
    {
        var array = ExpressionEvaluator.Evaluate(expr, batch);
        Assert.Equal(batch.RowCount, array.Length);
        Assert.Equal(expr.Type, array.Type);
        var result = new object?[array.Length];
        for (var i = 0; i < result.Length; i++) result[i] = array.GetValue(i);
        return result;
    }

    /// <summary>Evaluates a constant expression.</summary>
    public static object? Eval(PhysicalExpr expr) => Eval(expr, OneRow)[0];

    /// <summary>A one-column batch.</summary>
    public static RecordBatch Column(DataType type, params object?[] values) =>
        TestData.Batch(TestData.Schema(("x", type)), [.. values.Select(v => new[] { v })]);

    public static ColumnExpr X(DataType type) => new(0, type, "x");

    public static string Text(PhysicalExpr expr) => Columnar.ValueFormatter.Format(ExpressionEvaluator.Evaluate(expr, OneRow), 0);
}
