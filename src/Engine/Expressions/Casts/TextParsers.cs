using System.Numerics;

namespace QueryEngine.Engine.Expressions.Casts;

internal readonly struct IntegerParser<TT> : ITextParser<TT>
    where TT : unmanaged, IBinaryInteger<TT>, IMinMaxValue<TT>
{
    public bool TryParse(ReadOnlySpan<byte> text, out TT result, out bool outOfRange)
    {
        result = default;
        outOfRange = false;
        if (!TextParsing.TryParseInt64(text, out var v))
        {
            // Distinguish "digits but too large" from garbage for a clearer message.
            outOfRange = TextParsing.TryParseDecimal(text, 38, 0, out _) == TextParsing.DecimalParse.Ok && !ContainsPointOrExponent(text);
            return false;
        }
        if (v < long.CreateTruncating(TT.MinValue) || v > long.CreateTruncating(TT.MaxValue))
        {
            outOfRange = true;
            return false;
        }
        result = TT.CreateTruncating(v);
        return true;
    }

    private static bool ContainsPointOrExponent(ReadOnlySpan<byte> text) => text.IndexOfAny("."u8) >= 0 || text.IndexOfAny("eE"u8) >= 0;
}

internal readonly struct FloatParser<TT> : ITextParser<TT>
    where TT : unmanaged, IFloatingPointIeee754<TT>
{
    public bool TryParse(ReadOnlySpan<byte> text, out TT result, out bool outOfRange)
    {
        outOfRange = false;
        if (!TextParsing.TryParseDouble(text, out var d))
        {
            result = default;
            return false;
        }
        result = TT.CreateTruncating(d);
        return true;
    }
}

internal readonly struct DecimalParser(int precision, int scale) : ITextParser<Int128>
{
    public bool TryParse(ReadOnlySpan<byte> text, out Int128 result, out bool outOfRange)
    {
        var r = TextParsing.TryParseDecimal(text, precision, scale, out result);
        outOfRange = r == TextParsing.DecimalParse.Overflow;
        return r == TextParsing.DecimalParse.Ok;
    }
}

internal readonly struct DateParser : ITextParser<int>
{
    public bool TryParse(ReadOnlySpan<byte> text, out int result, out bool outOfRange)
    {
        outOfRange = false;
        return TextParsing.TryParseDate(text, out result);
    }
}

internal readonly struct TimestampParser : ITextParser<long>
{
    public bool TryParse(ReadOnlySpan<byte> text, out long result, out bool outOfRange)
    {
        outOfRange = false;
        return TextParsing.TryParseTimestamp(text, out result);
    }
}
