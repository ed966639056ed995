using System.Numerics;
using System.Runtime.CompilerServices;
using QueryEngine.Engine.Columnar;
using QueryEngine.Engine.Common;
using QueryEngine.Engine.Expressions.Evaluation;
using QueryEngine.Engine.Expressions.Kernels;

namespace QueryEngine.Engine.Expressions.Functions;

/// <summary>A double -> double math function.</summary>
internal interface IDoubleFunction
{
    static abstract double Apply(double x);
}

internal struct SqrtFn : IDoubleFunction
{
    public static double Apply(double x) => Math.Sqrt(x);
}

internal struct LnFn : IDoubleFunction
{
    public static double Apply(double x) => Math.Log(x);
}

internal struct Log10Fn : IDoubleFunction
{
    public static double Apply(double x) => Math.Log10(x);
}

internal struct Log2Fn : IDoubleFunction
{
    public static double Apply(double x) => Math.Log2(x);
}

internal struct ExpFn : IDoubleFunction
{
    public static double Apply(double x) => Math.Exp(x);
}

internal struct CbrtFn : IDoubleFunction
{
    public static double Apply(double x) => Math.Cbrt(x);
}

internal struct TruncateFn : IDoubleFunction
{
    public static double Apply(double x) => Math.Truncate(x);
}

internal struct DoubleFunctionOp<TFn> : IUnaryOp<double, double>
    where TFn : IDoubleFunction
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public readonly double Apply(double value) => TFn.Apply(value);
}

internal struct PowerOp : IBinaryOp<double, double, double>
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public readonly double Apply(double left, double right) => Math.Pow(left, right);
}

/// <summary>Floor/ceiling of real/double.</summary>
internal readonly struct FloatRoundOp<T>(bool ceiling) : IUnaryOp<T, T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public T Apply(T value) => ceiling ? T.Ceiling(value) : T.Floor(value);
}

/// <summary>Floor/ceiling of decimal(p, s) into decimal(_, 0).</summary>
internal readonly struct DecimalFloorCeilOp(int scale, bool ceiling) : IUnaryOp<Int128, Int128>
{
    private readonly Int128 _factor = DecimalMath.Pow10(scale);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Int128 Apply(Int128 value)
    {
        var (q, r) = Int128.DivRem(value, _factor);
        if (r != 0)
        {
            if (ceiling && r > 0) q++;
            else if (!ceiling && r < 0) q--;
        }
        return q;
    }
}

/// <summary>round(x, d) for real/double, as Trino: half away from zero at 10^-d.</summary>
internal struct FloatRoundDigitsOp<T> : IBinaryOp<T, long, T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public readonly T Apply(T left, long right) => T.CreateTruncating(MathFunctions.RoundDouble(double.CreateTruncating(left), right));
}

/// <summary>round(x, d) for integers: rounds to tens, hundreds, ... when d is negative.</summary>
internal struct IntRoundDigitsOp<T> : IBinaryOp<T, long, T>
    where T : unmanaged, IBinaryInteger<T>, IMinMaxValue<T>
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public readonly T Apply(T left, long right)
    {
        if (right >= 0) return left;
        if (right < -18) return T.Zero;
        var factor = (long)DecimalMath.Pow10((int)-right);
        var rounded = DecimalMath.DivideHalfUp(long.CreateTruncating(left), factor) * factor;
        if (rounded < long.CreateTruncating(T.MinValue) || rounded > long.CreateTruncating(T.MaxValue))
        {
            KernelErrors.Overflow($"{KernelErrors.IntegerTypeName<T>()} overflow in round({left}, {right})");
        }
        return T.CreateTruncating((long)rounded);
    }
}

/// <summary>round(x, d) for decimal(p, s): rounds HALF_UP to d places, keeping scale s; checks the result precision.</summary>
internal readonly struct DecimalRoundDigitsOp(int scale, int precision) : IBinaryOp<Int128, long, Int128>
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Int128 Apply(Int128 left, long right)
    {
        if (right >= scale) return left;
        var drop = scale - right;
        if (drop > 38) return 0;
        var factor = DecimalMath.Pow10((int)drop);
        var rounded = checked(DecimalMath.DivideHalfUp(left, factor) * factor);
        if (!DecimalMath.FitsPrecision(rounded, precision)) KernelErrors.Overflow("Decimal overflow");
        return rounded;
    }
}

/// <summary>round(x) for decimal(p, s): HALF_UP to scale 0.</summary>
internal readonly struct DecimalRoundOp(int scale) : IUnaryOp<Int128, Int128>
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Int128 Apply(Int128 value)
    {
        DecimalMath.TryRescale(value, scale, 0, out var r);
        return r;
    }
}

internal static class MathFunctions
{
    /// <summary>Trino's round(double, d): Math.round(x * 10^d) / 10^d with halves away from zero.</summary>
    public static double RoundDouble(double x, long digits)
    {
        if (double.IsNaN(x) || double.IsInfinity(x)) return x;
        var factor = Math.Pow(10, digits);
        var scaled = Math.Abs(x) * factor;
        if (scaled >= 4503599627370496.0) return x; // 2^52: already an integer at this scale
        var rounded = Math.Floor(scaled + 0.5) / factor;
        return x < 0 ? -rounded : rounded;
    }

    public static FunctionKernel Double<TFn>()
        where TFn : IDoubleFunction =>
        (a, n) => UnaryExecutor.Execute<double, double, DoubleFunctionOp<TFn>>(a[0], n, DataType.Float64, default, false).Array;

    public static FunctionKernel Power() =>
        (a, n) => BinaryExecutor.Execute<double, double, double, PowerOp>(a[0], a[1], n, DataType.Float64, default, false).Array;

    public static FunctionKernel FloorCeil(DataType input, DataType result, bool ceiling) => input.Id switch
    {
        TypeId.Int8 or TypeId.Int16 or TypeId.Int32 or TypeId.Int64 => (a, n) => a[0].Expand(n),
        TypeId.Float32 => (a, n) => UnaryExecutor.Execute<float, float, FloatRoundOp<float>>(a[0], n, result, new(ceiling), false).Array,
        TypeId.Float64 => (a, n) => UnaryExecutor.Execute<double, double, FloatRoundOp<double>>(a[0], n, result, new(ceiling), false).Array,
        TypeId.Decimal128 => (a, n) => UnaryExecutor.Execute<Int128, Int128, DecimalFloorCeilOp>(a[0], n, result, new(((DecimalType)input).Scale, ceiling), false).Array,
        _ => throw new InternalException($"floor/ceiling of {input}"),
    };

    public static FunctionKernel Round(DataType input, DataType result, bool withDigits)
    {
        if (!withDigits)
        {
            return input.Id switch
            {
                TypeId.Decimal128 => (a, n) => UnaryExecutor.Execute<Int128, Int128, DecimalRoundOp>(a[0], n, result, new(((DecimalType)input).Scale), false).Array,
                _ => (a, n) => RoundDigits(input, result, a[0], Vec.Constant(new PrimitiveArray<long>(DataType.Int64, [0L], 1)), n),
            };
        }
        return (a, n) => RoundDigits(input, result, a[0], a[1], n);
    }

    private static ArrowArray RoundDigits(DataType input, DataType result, Vec x, Vec digits, int rows)
    {
        try
        {
            return input.Id switch
            {
                TypeId.Int8 => BinaryExecutor.Execute<sbyte, long, sbyte, IntRoundDigitsOp<sbyte>>(x, digits, rows, result, default, true).Array,
                TypeId.Int16 => BinaryExecutor.Execute<short, long, short, IntRoundDigitsOp<short>>(x, digits, rows, result, default, true).Array,
                TypeId.Int32 => BinaryExecutor.Execute<int, long, int, IntRoundDigitsOp<int>>(x, digits, rows, result, default, true).Array,
                TypeId.Int64 => BinaryExecutor.Execute<long, long, long, IntRoundDigitsOp<long>>(x, digits, rows, result, default, true).Array,
                TypeId.Float32 => BinaryExecutor.Execute<float, long, float, FloatRoundDigitsOp<float>>(x, digits, rows, result, default, false).Array,
                TypeId.Float64 => BinaryExecutor.Execute<double, long, double, FloatRoundDigitsOp<double>>(x, digits, rows, result, default, false).Array,
                TypeId.Decimal128 => BinaryExecutor.Execute<Int128, long, Int128, DecimalRoundDigitsOp>(
                    x, digits, rows, result, new(((DecimalType)input).Scale, ((DecimalType)result).Precision), true).Array,
                _ => throw new InternalException($"round of {input}"),
            };
        }
        catch (OverflowException e)
        {
            throw new ExecutionException("Decimal overflow", ErrorCode.NumericOverflow, e);
        }
    }

    public static FunctionKernel Sign(DataType type) => type.Id switch
    {
        TypeId.Int8 => (a, n) => UnaryExecutor.Execute<sbyte, sbyte, SignOp<sbyte>>(a[0], n, type, default, false).Array,
        TypeId.Int16 => (a, n) => UnaryExecutor.Execute<short, short, SignOp<short>>(a[0], n, type, default, false).Array,
        TypeId.Int32 => (a, n) => UnaryExecutor.Execute<int, int, SignOp<int>>(a[0], n, type, default, false).Array,
        TypeId.Int64 => (a, n) => UnaryExecutor.Execute<long, long, SignOp<long>>(a[0], n, type, default, false).Array,
        TypeId.Float32 => (a, n) => UnaryExecutor.Execute<float, float, FloatSignOp<float>>(a[0], n, type, default, false).Array,
        TypeId.Float64 => (a, n) => UnaryExecutor.Execute<double, double, FloatSignOp<double>>(a[0], n, type, default, false).Array,
        _ => throw new InternalException($"sign of {type}"),
    };

    private struct SignOp<T> : IUnaryOp<T, T>
        where T : unmanaged, IBinaryInteger<T>, ISignedNumber<T>
    {
        public readonly T Apply(T value) => value > T.Zero ? T.One : value < T.Zero ? T.NegativeOne : T.Zero;
    }

    private struct FloatSignOp<T> : IUnaryOp<T, T>
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        public readonly T Apply(T value) => T.IsNaN(value) ? value : value > T.Zero ? T.One : value < T.Zero ? T.NegativeOne : T.Zero;
    }
}
