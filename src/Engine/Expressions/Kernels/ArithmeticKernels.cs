using System.Numerics;
using QueryEngine.Engine.Columnar;
using QueryEngine.Engine.Common;
using QueryEngine.Engine.Expressions.Evaluation;

namespace QueryEngine.Engine.Expressions.Kernels;

internal delegate Vec BinaryKernel(Vec left, Vec right, int rows);

internal delegate Vec UnaryKernel(Vec input, int rows);

/// <summary>Picks the typed arithmetic kernel for an operator and operand types once per expression.</summary>
internal static class ArithmeticKernels
{
    /// <summary>Operands must already have the result type, except decimals (which may differ in scale and precision).
    /// With <paramref name="reuseBuffer"/> a decimal kernel writes every batch into one buffer of its own instead of a new
    /// array, so each result is valid only until the kernel runs again (see <see cref="KernelBuffer{T}"/>).</summary>
    public static BinaryKernel Create(BinaryOp op, DataType left, DataType right, DataType result, bool reuseBuffer = false) => result.Id switch
    {
        TypeId.Int8 => Integer<sbyte>(op, result),
        TypeId.Int16 => Integer<short>(op, result),
        TypeId.Int32 => Integer<int>(op, result),
        TypeId.Int64 => Integer<long>(op, result),
        TypeId.Float32 => Float<float>(op, result),
        TypeId.Float64 => Float<double>(op, result),
        TypeId.Decimal128 => Decimal(op, (DecimalType)left, (DecimalType)right, (DecimalType)result, reuseBuffer ? new KernelBuffer<Int128>() : null),
        _ => throw new InternalException($"arithmetic {op} on {result}"),
    };

    public static bool CanFail(DataType result) => !result.IsFloating;

    /// <summary>Whether the kernel for these operand types can raise an error: a decimal addition or multiplication that
    /// cannot overflow by its types (see <see cref="DecimalKernelChoice"/>) cannot, so lazy constructs may compute it eagerly.</summary>
    public static bool CanFail(BinaryOp op, DataType left, DataType right, DataType result) =>
        result is DecimalType r && left is DecimalType l && right is DecimalType d ? ProvenDecimal(op, l, d, r, null) is null : CanFail(result);

    private static BinaryKernel Integer<T>(BinaryOp op, DataType type)
        where T : unmanaged, IBinaryInteger<T>, ISignedNumber<T>, IMinMaxValue<T> => op switch
        {
            BinaryOp.Add => (l, r, n) => BinaryExecutor.Execute<T, T, T, IntAdd<T>>(l, r, n, type, default, true),
            BinaryOp.Subtract => (l, r, n) => BinaryExecutor.Execute<T, T, T, IntSubtract<T>>(l, r, n, type, default, true),
            BinaryOp.Multiply => (l, r, n) => BinaryExecutor.Execute<T, T, T, IntMultiply<T>>(l, r, n, type, default, true),
            BinaryOp.Divide => (l, r, n) => BinaryExecutor.Execute<T, T, T, IntDivide<T>>(l, r, n, type, default, true),
            BinaryOp.Modulo => (l, r, n) => BinaryExecutor.Execute<T, T, T, IntModulo<T>>(l, r, n, type, default, true),
            _ => throw new InternalException($"{op} is not arithmetic"),
        };

    private static BinaryKernel Float<T>(BinaryOp op, DataType type)
        where T : unmanaged, IFloatingPointIeee754<T> => op switch
        {
            BinaryOp.Add => (l, r, n) => FloatVectorExecutor.Execute<T, VAdd<T>>(l, r, n, type),
            BinaryOp.Subtract => (l, r, n) => FloatVectorExecutor.Execute<T, VSubtract<T>>(l, r, n, type),
            BinaryOp.Multiply => (l, r, n) => FloatVectorExecutor.Execute<T, VMultiply<T>>(l, r, n, type),
            BinaryOp.Divide => (l, r, n) => FloatVectorExecutor.Execute<T, VDivide<T>>(l, r, n, type),
            BinaryOp.Modulo => (l, r, n) => BinaryExecutor.Execute<T, T, T, FloatModulo<T>>(l, r, n, type, default, false),
            _ => throw new InternalException($"{op} is not arithmetic"),
        };

    private static BinaryKernel Decimal(BinaryOp op, DecimalType left, DecimalType right, DecimalType result, KernelBuffer<Int128>? buffer)
    {
        if (ProvenDecimal(op, left, right, result, buffer) is { } proven) return proven;
        BinaryKernel kernel = op switch
        {
            BinaryOp.Add or BinaryOp.Subtract => Checked(new DecimalAddOp(left.Scale, right.Scale, result.Scale, result.Precision, op == BinaryOp.Subtract), result, buffer),
            BinaryOp.Multiply => Checked(new DecimalMultiplyOp(left.Scale, right.Scale, result.Scale, result.Precision), result, buffer),
            BinaryOp.Divide => Checked(new DecimalDivideOp(left.Scale, right.Scale, result.Scale, result.Precision), result, buffer),
            BinaryOp.Modulo => Checked(new DecimalModuloOp(left.Scale, right.Scale, result.Scale), result, buffer),
            _ => throw new InternalException($"{op} is not arithmetic"),
        };
        return (l, r, n) =>
        {
            try
            {
                return kernel(l, r, n);
            }
            catch (OverflowException e)
            {
                throw new ExecutionException("Decimal overflow", ErrorCode.NumericOverflow, e);
            }
        };
    }

    /// <summary>The unchecked kernel when the operand types prove the result cannot overflow (see <see cref="DecimalKernelChoice"/>), else null.</summary>
    private static BinaryKernel? ProvenDecimal(BinaryOp op, DecimalType left, DecimalType right, DecimalType result, KernelBuffer<Int128>? buffer)
    {
        switch (op)
        {
            case BinaryOp.Add or BinaryOp.Subtract
                when DecimalKernelChoice.AddIsProvenNarrow(left.Precision, left.Scale, right.Precision, right.Scale, result.Precision, result.Scale):
                return Unchecked(new DecimalNarrowAddOp(left.Scale, right.Scale, result.Scale, op == BinaryOp.Subtract), result, buffer);
            case BinaryOp.Multiply
                when DecimalKernelChoice.MultiplyIsProven(left.Precision, right.Precision, result.Precision, left.Scale + right.Scale - result.Scale):
                return left.Precision + right.Precision <= DecimalKernelChoice.LongDigits
                    ? Unchecked(default(DecimalNarrowMultiplyOp), result, buffer)
                    : Unchecked(default(DecimalProvenMultiplyOp), result, buffer);
            default:
                return null;
        }
    }

    /// <summary>A decimal kernel that cannot fail: applied to every row, null slots included.</summary>
    private static BinaryKernel Unchecked<TOp>(TOp op, DataType type, KernelBuffer<Int128>? buffer)
        where TOp : struct, IBinaryOp<Int128, Int128, Int128> => buffer is null
            ? (l, r, n) => BinaryExecutor.Execute<Int128, Int128, Int128, TOp>(l, r, n, type, op, false)
            : (l, r, n) => BinaryExecutor.ExecuteInto<Int128, Int128, Int128, TOp>(l, r, n, type, op, false, ref buffer.Values);

    /// <summary>A decimal kernel that can fail: applied only to rows where both operands are valid.</summary>
    private static BinaryKernel Checked<TOp>(TOp op, DataType type, KernelBuffer<Int128>? buffer)
        where TOp : struct, IBinaryOp<Int128, Int128, Int128> => buffer is null
            ? (l, r, n) => BinaryExecutor.Execute<Int128, Int128, Int128, TOp>(l, r, n, type, op, true)
            : (l, r, n) => BinaryExecutor.ExecuteInto<Int128, Int128, Int128, TOp>(l, r, n, type, op, true, ref buffer.Values);

    public static UnaryKernel Negate(DataType type) => type.Id switch
    {
        TypeId.Int8 => (v, n) => UnaryExecutor.Execute<sbyte, sbyte, IntNegate<sbyte>>(v, n, type, default, true),
        TypeId.Int16 => (v, n) => UnaryExecutor.Execute<short, short, IntNegate<short>>(v, n, type, default, true),
        TypeId.Int32 => (v, n) => UnaryExecutor.Execute<int, int, IntNegate<int>>(v, n, type, default, true),
        TypeId.Int64 => (v, n) => UnaryExecutor.Execute<long, long, IntNegate<long>>(v, n, type, default, true),
        TypeId.Float32 => (v, n) => UnaryExecutor.Execute<float, float, FloatNegate<float>>(v, n, type, default, false),
        TypeId.Float64 => (v, n) => UnaryExecutor.Execute<double, double, FloatNegate<double>>(v, n, type, default, false),
        TypeId.Decimal128 => (v, n) => UnaryExecutor.Execute<Int128, Int128, DecimalNegateOp>(v, n, type, default, false),
        _ => throw new InternalException($"cannot negate {type}"),
    };

    public static UnaryKernel Abs(DataType type) => type.Id switch
    {
        TypeId.Int8 => (v, n) => UnaryExecutor.Execute<sbyte, sbyte, IntAbs<sbyte>>(v, n, type, default, true),
        TypeId.Int16 => (v, n) => UnaryExecutor.Execute<short, short, IntAbs<short>>(v, n, type, default, true),
        TypeId.Int32 => (v, n) => UnaryExecutor.Execute<int, int, IntAbs<int>>(v, n, type, default, true),
        TypeId.Int64 => (v, n) => UnaryExecutor.Execute<long, long, IntAbs<long>>(v, n, type, default, true),
        TypeId.Float32 => (v, n) => UnaryExecutor.Execute<float, float, FloatAbs<float>>(v, n, type, default, false),
        TypeId.Float64 => (v, n) => UnaryExecutor.Execute<double, double, FloatAbs<double>>(v, n, type, default, false),
        TypeId.Decimal128 => (v, n) => UnaryExecutor.Execute<Int128, Int128, DecimalAbsOp>(v, n, type, default, false),
        _ => throw new InternalException($"abs of {type}"),
    };
}
