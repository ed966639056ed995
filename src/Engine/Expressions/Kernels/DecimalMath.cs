using System.Numerics;
using System.Runtime.CompilerServices;

namespace QueryEngine.Engine.Expressions.Kernels;

/// <summary>Int128 helpers for decimal(p, s) values stored unscaled.</summary>
internal static class DecimalMath
{
    private static readonly Int128[] Powers = BuildPowers();

    private static Int128[] BuildPowers()
    {
        var p = new Int128[39];
        p[0] = 1;
        for (var i = 1; i < p.Length; i++) p[i] = p[i - 1] * 10;
        return p;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Int128 Pow10(int exponent) => Powers[exponent];

    /// <summary>Whether |value| fits in <paramref name="precision"/> digits.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool FitsPrecision(Int128 value, int precision)
    {
        var limit = Powers[precision];
        return value < limit && value > -limit;
    }

    /// <summary>Whether the value fits in 64 bits.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool FitsLong(Int128 value) => (long)(value >> 64) == (long)value >> 63;

    /// <summary>a * b, throwing <see cref="OverflowException"/> beyond 128 bits; exact 64x64-bit products take the fast path.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Int128 MultiplyChecked(Int128 a, Int128 b) =>
        FitsLong(a) && FitsLong(b) ? Math.BigMul((long)a, (long)b) : checked(a * b);

    /// <summary>n / d rounded half away from zero (Java's HALF_UP); d must not be zero.</summary>
    public static Int128 DivideHalfUp(Int128 n, Int128 d)
    {
        if (FitsLong(n) && FitsLong(d) && (long)n != long.MinValue && (long)d != long.MinValue)
        {
            var (lq, lr) = Math.DivRem((long)n, (long)d);
            if (lr == 0) return lq;
            var ar = Math.Abs(lr);
            if (ar >= Math.Abs((long)d) - ar) return ((long)n < 0) != ((long)d < 0) ? lq - 1 : lq + 1;
            return lq;
        }
        var q = Int128.DivRem(n, d);
        var r = q.Remainder;
        if (r == 0) return q.Quotient;
        var absR = Int128.Abs(r);
        var absD = d == Int128.MinValue ? Int128.MaxValue : Int128.Abs(d);
        if (absR >= absD - absR)
        {
            return (n < 0) != (d < 0) ? q.Quotient - 1 : q.Quotient + 1;
        }
        return q.Quotient;
    }

    /// <summary>BigInteger variant of <see cref="DivideHalfUp(Int128, Int128)"/> for intermediates wider than 128 bits.</summary>
    public static BigInteger DivideHalfUp(BigInteger n, BigInteger d)
    {
        var q = BigInteger.DivRem(n, d, out var r);
        if (r.IsZero) return q;
        var twice = BigInteger.Abs(r) * 2;
        if (twice >= BigInteger.Abs(d)) return n.Sign != d.Sign ? q - 1 : q + 1;
        return q;
    }

    /// <summary>Changes the scale of an unscaled value, rounding HALF_UP when reducing. Returns false on Int128 overflow.</summary>
    public static bool TryRescale(Int128 value, int fromScale, int toScale, out Int128 result)
    {
        if (toScale == fromScale)
        {
            result = value;
            return true;
        }
        if (toScale > fromScale)
        {
            var f = Powers[toScale - fromScale];
            var limit = Int128.MaxValue / f;
            if (value > limit || value < -limit)
            {
                result = default;
                return false;
            }
            result = value * f;
            return true;
        }
        var diff = fromScale - toScale;
        result = diff >= Powers.Length ? 0 : DivideHalfUp(value, Powers[diff]);
        return true;
    }

    public static double ToDouble(Int128 unscaled, int scale)
    {
        if (scale == 0) return (double)unscaled;
        const long exact = 1L << 53;
        if (unscaled > -exact && unscaled < exact && scale <= 22)
        {
            // Both operands are exact doubles, so IEEE division rounds correctly.
            return (double)(long)unscaled / Exact10[scale];
        }
        return double.Parse(Columnar.ValueFormatter.FormatDecimal(unscaled, scale), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static readonly double[] Exact10 =
    [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
    ];
}
