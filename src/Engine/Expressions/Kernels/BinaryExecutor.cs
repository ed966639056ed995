using QueryEngine.Engine.Columnar;
using QueryEngine.Engine.Execution.Vectors;
using QueryEngine.Engine.Expressions.Evaluation;

namespace QueryEngine.Engine.Expressions.Kernels;

/// <summary>
/// Applies a binary operation over two fixed-width vectors, handling flat/constant operands and null masks once per
/// batch (DuckDB's BinaryExecutor). Null inputs give null outputs. When <c>canFail</c> is set the operation is applied
/// only to rows where both inputs are valid, so garbage in null slots cannot raise errors.
/// </summary>
internal static class BinaryExecutor
{
    public static Vec Execute<TL, TR, TO, TOp>(Vec left, Vec right, int rows, DataType type, TOp op, bool canFail)
        where TL : unmanaged
        where TR : unmanaged
        where TO : unmanaged
        where TOp : struct, IBinaryOp<TL, TR, TO>
    {
        TO[]? fresh = null;
        return ExecuteInto<TL, TR, TO, TOp>(left, right, rows, type, op, canFail, ref fresh);
    }

    /// <summary>
    /// As <see cref="Execute{TL, TR, TO, TOp}"/>, writing the values into <paramref name="buffer"/> when it holds at
    /// least <paramref name="rows"/> values (else into a new array, left in <paramref name="buffer"/> for next time).
    /// The result is only valid until the buffer is written again: callers own the buffer and the result's lifetime.
    /// </summary>
    public static Vec ExecuteInto<TL, TR, TO, TOp>(Vec left, Vec right, int rows, DataType type, TOp op, bool canFail, ref TO[]? buffer)
        where TL : unmanaged
        where TR : unmanaged
        where TO : unmanaged
        where TOp : struct, IBinaryOp<TL, TR, TO>
    {
        if (left.IsNullConstant || right.IsNullConstant) return Vec.Null(type);
        var la = (PrimitiveArray<TL>)left.Array;
        var ra = (PrimitiveArray<TR>)right.Array;
        if (left.IsConstant && right.IsConstant)
        {
            return Vec.Constant(new PrimitiveArray<TO>(type, [op.Apply(la[0], ra[0])], 1));
        }
        var validity = left.IsConstant ? ra.Validity : right.IsConstant ? la.Validity : Bits.And(la.Validity, ra.Validity, rows);
        if (buffer is null || buffer.Length < rows) buffer = new TO[rows];
        var resultBuffer = buffer;
        var result = resultBuffer.AsSpan(0, rows);
        var lv = la.Values;
        var rv = ra.Values;
        if (validity is null || !canFail)
        {
            if (left.IsConstant)
            {
                var l = lv[0];
                for (var i = 0; i < result.Length; i++) result[i] = op.Apply(l, rv[i]);
            }
            else if (right.IsConstant)
            {
                var r = rv[0];
                for (var i = 0; i < result.Length; i++) result[i] = op.Apply(lv[i], r);
            }
            else
            {
                lv = lv[..result.Length];
                rv = rv[..result.Length];
                for (var i = 0; i < result.Length; i++) result[i] = op.Apply(lv[i], rv[i]);
            }
        }
        else
        {
            var lStep = left.IsConstant ? 0 : 1;
            var rStep = right.IsConstant ? 0 : 1;
            for (var i = 0; i < result.Length; i++)
            {
                if ((validity[i >> 3] & (1 << (i & 7))) != 0) result[i] = op.Apply(lv[i * lStep], rv[i * rStep]);
            }
        }
        return Vec.Flat(new PrimitiveArray<TO>(type, resultBuffer, rows, validity));
    }
}

/// <summary>Applies a unary operation over a fixed-width vector (see <see cref="BinaryExecutor"/>).</summary>
internal static class UnaryExecutor
{
    public static Vec Execute<TI, TO, TOp>(Vec input, int rows, DataType type, TOp op, bool canFail)
        where TI : unmanaged
        where TO : unmanaged
        where TOp : struct, IUnaryOp<TI, TO>
    {
        if (input.IsNullConstant) return Vec.Null(type);
        var a = (PrimitiveArray<TI>)input.Array;
        if (input.IsConstant) return Vec.Constant(new PrimitiveArray<TO>(type, [op.Apply(a[0])], 1));
        var values = a.Values;
        var result = new TO[rows];
        var validity = a.Validity;
        if (validity is null || !canFail)
        {
            values = values[..result.Length];
            for (var i = 0; i < result.Length; i++) result[i] = op.Apply(values[i]);
        }
        else
        {
            for (var i = 0; i < result.Length; i++)
            {
                if ((validity[i >> 3] & (1 << (i & 7))) != 0) result[i] = op.Apply(values[i]);
            }
        }
        return Vec.Flat(new PrimitiveArray<TO>(type, result, rows, validity));
    }
}
