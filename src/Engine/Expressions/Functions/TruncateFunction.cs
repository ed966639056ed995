using System.Runtime.CompilerServices;
using QueryEngine.Engine.Columnar;
using QueryEngine.Engine.Expressions.Kernels;

namespace QueryEngine.Engine.Expressions.Functions;

/// <summary>
/// Trino's truncate: toward zero. truncate(double) and truncate(double, n) give double; truncate(decimal(p, s)) gives
/// decimal(max(1, p - s), 0); truncate(decimal(p, s), n) keeps the type and zeroes the digits after the n-th decimal
/// place (n may be negative: digits left of the point).
/// </summary>
internal static class TruncateFunction
{
    public static FunctionKernel Create(DataType input, DataType result, bool withDigits) => (input.Id, withDigits) switch
    {
        (TypeId.Decimal128, false) => (a, n) =>
            UnaryExecutor.Execute<Int128, Int128, DecimalTruncateOp>(a[0], n, result, new(((DecimalType)input).Scale), false).Array,
        (TypeId.Decimal128, true) => (a, n) =>
            BinaryExecutor.Execute<Int128, long, Int128, DecimalTruncateDigitsOp>(a[0], a[1], n, result, new(((DecimalType)input).Scale), false).Array,
        (_, false) => MathFunctions.Double<TruncateFn>(),
        (_, true) => (a, n) => BinaryExecutor.Execute<double, long, double, DoubleTruncateDigitsOp>(a[0], a[1], n, result, default, false).Array,
    };
}

/// <summary>truncate(decimal(p, s)): the integer part (division by 10^s truncates toward zero).</summary>
internal readonly struct DecimalTruncateOp(int scale) : IUnaryOp<Int128, Int128>
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Int128 Apply(Int128 value) => value / DecimalMath.Pow10(scale);
}

/// <summary>truncate(decimal(p, s), n): the digits below 10^-n set to zero, same scale.</summary>
internal readonly struct DecimalTruncateDigitsOp(int scale) : IBinaryOp<Int128, long, Int128>
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Int128 Apply(Int128 left, long right)
    {
        if (right >= scale) return left;
        var drop = scale - right;
        if (drop > 38) return 0;
        return left - left % DecimalMath.Pow10((int)drop);
    }
}

/// <summary>
/// truncate(double, n): cut at the n-th decimal place of the value's shortest decimal form (so 0.29 keeps 0.29 at
/// n = 2 rather than 0.28 from 0.29 * 100 = 28.999...).
/// </summary>
internal readonly struct DoubleTruncateDigitsOp : IBinaryOp<double, long, double>
{
    public double Apply(double left, long right)
    {
        if (double.IsNaN(left) || double.IsInfinity(left)) return left;
        if (Math.Abs(left) < 7.9e27 && right is >= -28 and <= 28)
        {
            var value = (decimal)left;
            if (right >= 0) return (double)Math.Round(value, (int)right, MidpointRounding.ToZero);
            var factor = (decimal)Math.Pow(10, -right);
            return (double)(Math.Truncate(value / factor) * factor);
        }
        var scale = Math.Pow(10, right);
        var scaled = left * scale;
        return Math.Abs(scaled) >= 4503599627370496.0 ? left : Math.Truncate(scaled) / scale;
    }
}
