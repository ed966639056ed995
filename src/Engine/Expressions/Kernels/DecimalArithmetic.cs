using System.Numerics;
using System.Runtime.CompilerServices;

namespace QueryEngine.Engine.Expressions.Kernels;

/// <summary>Decimal addition/subtraction: both operands rescaled to the result scale, result checked against its precision.</summary>
internal readonly struct DecimalAddOp : IBinaryOp<Int128, Int128, Int128>
{
    private readonly Int128 _leftFactor;
    private readonly Int128 _rightFactor;
    private readonly int _precision;
    private readonly bool _subtract;

    public DecimalAddOp(int leftScale, int rightScale, int resultScale, int precision, bool subtract)
    {
        _leftFactor = DecimalMath.Pow10(resultScale - leftScale);
        _rightFactor = DecimalMath.Pow10(resultScale - rightScale);
        _precision = precision;
        _subtract = subtract;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Int128 Apply(Int128 left, Int128 right)
    {
        var a = _leftFactor == 1 ? left : DecimalMath.MultiplyChecked(left, _leftFactor);
        var b = _rightFactor == 1 ? right : DecimalMath.MultiplyChecked(right, _rightFactor);
        var r = _subtract ? checked(a - b) : checked(a + b);
        if (!DecimalMath.FitsPrecision(r, _precision)) KernelErrors.Overflow("Decimal overflow");
        return r;
    }
}

/// <summary>
/// Decimal multiplication: the unscaled product has scale s1 + s2 (reduced HALF_UP if the result scale was capped).
/// Two values that fit 64 bits multiply exactly into at most 2^126, below 10^38: at precision 38 without rounding such
/// a product needs no check (TPC-H Q1's charge, whose operand types allow 47 digits but whose values are small).
/// </summary>
internal readonly struct DecimalMultiplyOp : IBinaryOp<Int128, Int128, Int128>
{
    private readonly int _reduce;
    private readonly int _precision;
    private readonly bool _longProductsFit;

    public DecimalMultiplyOp(int leftScale, int rightScale, int resultScale, int precision)
    {
        _reduce = leftScale + rightScale - resultScale;
        _precision = precision;
        _longProductsFit = _reduce == 0 && precision == 38;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Int128 Apply(Int128 left, Int128 right)
    {
        Int128 r;
        if (_reduce == 0)
        {
            if (DecimalMath.FitsLong(left) && DecimalMath.FitsLong(right))
            {
                r = Math.BigMul((long)left, (long)right);
                if (_longProductsFit) return r;
            }
            else
            {
                r = checked(left * right);
            }
        }
        else
        {
            var wide = (BigInteger)left * right;
            r = (Int128)DecimalMath.DivideHalfUp(wide, (BigInteger)DecimalMath.Pow10(_reduce));
        }
        if (!DecimalMath.FitsPrecision(r, _precision)) KernelErrors.Overflow("Decimal overflow");
        return r;
    }
}

/// <summary>Decimal division as Trino: round_half_up(a * 10^(rs - s1 + s2) / b).</summary>
internal readonly struct DecimalDivideOp : IBinaryOp<Int128, Int128, Int128>
{
    private readonly int _shift;
    private readonly Int128 _factor;
    private readonly Int128 _safeLimit;
    private readonly int _precision;

    public DecimalDivideOp(int leftScale, int rightScale, int resultScale, int precision)
    {
        _shift = resultScale - leftScale + rightScale;
        _factor = DecimalMath.Pow10(Math.Min(_shift, 38));
        _safeLimit = _shift > 38 ? 0 : Int128.MaxValue / _factor;
        _precision = precision;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Int128 Apply(Int128 left, Int128 right)
    {
        if (right == 0) KernelErrors.DivisionByZero();
        Int128 r;
        if (left <= _safeLimit && left >= -_safeLimit)
        {
            r = DecimalMath.DivideHalfUp(left * _factor, right);
        }
        else
        {
            var wide = (BigInteger)left * BigInteger.Pow(10, _shift);
            var q = DecimalMath.DivideHalfUp(wide, (BigInteger)right);
            if (BigInteger.Abs(q) >= (BigInteger)DecimalMath.Pow10(_precision)) KernelErrors.Overflow("Decimal overflow");
            r = (Int128)q;
        }
        if (!DecimalMath.FitsPrecision(r, _precision)) KernelErrors.Overflow("Decimal overflow");
        return r;
    }
}

/// <summary>Decimal remainder: operands rescaled to the result scale, sign of the dividend.</summary>
internal readonly struct DecimalModuloOp : IBinaryOp<Int128, Int128, Int128>
{
    private readonly Int128 _leftFactor;
    private readonly Int128 _rightFactor;

    public DecimalModuloOp(int leftScale, int rightScale, int resultScale)
    {
        _leftFactor = DecimalMath.Pow10(resultScale - leftScale);
        _rightFactor = DecimalMath.Pow10(resultScale - rightScale);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Int128 Apply(Int128 left, Int128 right)
    {
        if (right == 0) KernelErrors.DivisionByZero();
        var a = DecimalMath.MultiplyChecked(left, _leftFactor);
        var b = DecimalMath.MultiplyChecked(right, _rightFactor);
        return a % b;
    }
}

internal readonly struct DecimalNegateOp : IUnaryOp<Int128, Int128>
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Int128 Apply(Int128 value) => -value;
}

internal readonly struct DecimalAbsOp : IUnaryOp<Int128, Int128>
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Int128 Apply(Int128 value) => value < 0 ? -value : value;
}
