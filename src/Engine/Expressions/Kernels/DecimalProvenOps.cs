using System.Runtime.CompilerServices;

namespace QueryEngine.Engine.Expressions.Kernels;

/// <summary>
/// Decimal operations whose operand types prove that no result can overflow, so they run without per-row checks.
/// A decimal(p, s) value is below 10^p in magnitude (every producer of a decimal column, from readers to casts and
/// the checked kernels, keeps its values within the precision of its type); the bounds below follow from that.
/// When the operand types do not prove it, <see cref="DecimalKernelChoice"/> keeps the checked operations.
/// </summary>
internal static class DecimalKernelChoice
{
    /// <summary>Largest number of decimal digits every value of which fits a signed 64-bit integer.</summary>
    public const int LongDigits = 18;

    /// <summary>
    /// Whether a + b (or a - b), both rescaled up to the result scale, always fits the result precision and 64 bits:
    /// |a'| &lt; 10^(p1 - s1 + rs) and |b'| &lt; 10^(p2 - s2 + rs), so |a' +- b'| &lt; 2 * 10^(d + rs) with d the larger
    /// count of integer digits; that is below 10^(d + rs + 1), which must be at most the result precision and 18.
    /// </summary>
    public static bool AddIsProvenNarrow(int leftPrecision, int leftScale, int rightPrecision, int rightScale, int resultPrecision, int resultScale)
    {
        if (resultScale < leftScale || resultScale < rightScale) return false;
        var digits = Math.Max(leftPrecision - leftScale, rightPrecision - rightScale) + resultScale + 1;
        return digits <= resultPrecision && digits <= LongDigits;
    }

    /// <summary>
    /// Whether a * b at scale s1 + s2 (no rounding) always fits the result precision: |a * b| &lt; 10^(p1 + p2).
    /// </summary>
    public static bool MultiplyIsProven(int leftPrecision, int rightPrecision, int resultPrecision, int reduce) =>
        reduce == 0 && leftPrecision + rightPrecision <= resultPrecision && leftPrecision <= LongDigits && rightPrecision <= LongDigits;
}

/// <summary>
/// Decimal addition/subtraction proven not to overflow (see <see cref="DecimalKernelChoice.AddIsProvenNarrow"/>): both
/// operands and the result fit 64 bits, so it is two multiplications by powers of ten and one addition, unchecked.
/// Subtraction is addition with a negated right factor.
/// </summary>
internal readonly struct DecimalNarrowAddOp : IBinaryOp<Int128, Int128, Int128>
{
    private readonly long _leftFactor;
    private readonly long _rightFactor;

    public DecimalNarrowAddOp(int leftScale, int rightScale, int resultScale, bool subtract)
    {
        _leftFactor = (long)DecimalMath.Pow10(resultScale - leftScale);
        var right = (long)DecimalMath.Pow10(resultScale - rightScale);
        _rightFactor = subtract ? -right : right;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Int128 Apply(Int128 left, Int128 right) => (long)left * _leftFactor + (long)right * _rightFactor;
}

/// <summary>
/// Decimal multiplication proven not to overflow (see <see cref="DecimalKernelChoice.MultiplyIsProven"/>): both
/// operands fit 64 bits and their exact 128-bit product fits the result precision, so no check is needed.
/// </summary>
internal readonly struct DecimalProvenMultiplyOp : IBinaryOp<Int128, Int128, Int128>
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Int128 Apply(Int128 left, Int128 right) => Math.BigMul((long)left, (long)right);
}

/// <summary>Decimal multiplication whose product is proven to fit 18 digits: one 64-bit multiplication.</summary>
internal readonly struct DecimalNarrowMultiplyOp : IBinaryOp<Int128, Int128, Int128>
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Int128 Apply(Int128 left, Int128 right) => (long)left * (long)right;
}
