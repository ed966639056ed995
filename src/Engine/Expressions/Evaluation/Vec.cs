using QueryEngine.Engine.Columnar;
using QueryEngine.Engine.Execution.Vectors;

namespace QueryEngine.Engine.Expressions.Evaluation;

/// <summary>
/// The result of evaluating an expression over a batch: either a flat array with one value per row, or a
/// constant (a one-row array standing for every row). Kernels handle both shapes without expanding constants.
/// </summary>
internal readonly struct Vec
{
    public Vec(ArrowArray array, bool isConstant)
    {
        Array = array;
        IsConstant = isConstant;
    }

    /// <summary>The values: one row when <see cref="IsConstant"/>, else one per input row.</summary>
    public ArrowArray Array { get; }

    public bool IsConstant { get; }

    /// <summary>A constant SQL NULL.</summary>
    public bool IsNullConstant => IsConstant && Array.IsNull(0);

    public static Vec Flat(ArrowArray array) => new(array, false);

    public static Vec Constant(ArrowArray single) => new(single, true);

    public static Vec Null(DataType type) => new(ArrayFactory.AllNull(type, 1), true);

    /// <summary>The values as a flat array of <paramref name="rows"/> rows.</summary>
    public ArrowArray Expand(int rows) => IsConstant ? ArrayFactory.Repeat(Array, rows) : Array;

    /// <summary>Whether row <paramref name="row"/> is null.</summary>
    public bool IsNull(int row) => Array.IsNull(IsConstant ? 0 : row);
}
