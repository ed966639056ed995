using System.Globalization;
using System.Numerics;
using System.Text;
using QueryEngine.Engine.Expressions.Kernels;

namespace QueryEngine.Engine.Expressions.Casts;

/// <summary>Parsers from UTF-8 text to SQL values, as Trino's casts from varchar accept them (surrounding whitespace ignored).</summary>
internal static class TextParsing
{
    public static ReadOnlySpan<byte> Trim(ReadOnlySpan<byte> text)
    {
        var start = 0;
        var end = text.Length;
        while (start < end && IsSpace(text[start])) start++;
        while (end > start && IsSpace(text[end - 1])) end--;
        return text[start..end];
    }

    private static bool IsSpace(byte b) => b is (byte)' ' or (byte)'\t' or (byte)'\n' or (byte)'\r' or (byte)'\f' or (byte)'\v';

    public static bool TryParseInt64(ReadOnlySpan<byte> text, out long value)
    {
        text = Trim(text);
        value = 0;
        if (text.IsEmpty) return false;
        var negative = false;
        var i = 0;
        if (text[0] is (byte)'+' or (byte)'-')
        {
            negative = text[0] == (byte)'-';
            i = 1;
            if (text.Length == 1) return false;
        }
        ulong acc = 0;
        for (; i < text.Length; i++)
        {
            var d = (uint)(text[i] - '0');
            if (d > 9) return false;
            if (acc > (ulong.MaxValue - d) / 10) return false;
            acc = acc * 10 + d;
        }
        if (negative)
        {
            if (acc > (ulong)long.MaxValue + 1) return false;
            value = (long)(0 - acc);
        }
        else
        {
            if (acc > long.MaxValue) return false;
            value = (long)acc;
        }
        return true;
    }

    public static bool TryParseDouble(ReadOnlySpan<byte> text, out double value)
    {
        text = Trim(text);
        value = 0;
        if (text.IsEmpty) return false;
        // Reject forms .NET accepts but Trino does not (thousands separators, hex, currency).
        foreach (var b in text)
        {
            if (!(b is >= (byte)'0' and <= (byte)'9' or (byte)'.' or (byte)'e' or (byte)'E' or (byte)'+' or (byte)'-'
                || b is >= (byte)'a' and <= (byte)'z' or >= (byte)'A' and <= (byte)'Z'))
            {
                return false;
            }
        }
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value)) return true;
        var s = System.Text.Encoding.ASCII.GetString(text);
        switch (s.ToLowerInvariant())
        {
            case "nan": value = double.NaN; return true;
            case "infinity" or "+infinity": value = double.PositiveInfinity; return true;
            case "-infinity": value = double.NegativeInfinity; return true;
            default: return false;
        }
    }

    public enum DecimalParse
    {
        Ok,
        Invalid,
        Overflow,
    }

    /// <summary>Parses decimal text ([sign] digits [. digits] [e [sign] digits]) to an unscaled value at <paramref name="scale"/>, rounding HALF_UP.</summary>
    public static DecimalParse TryParseDecimal(ReadOnlySpan<byte> text, int precision, int scale, out Int128 value)
    {
        text = Trim(text);
        value = 0;
        if (text.IsEmpty) return DecimalParse.Invalid;
        var i = 0;
        var negative = false;
        if (text[0] is (byte)'+' or (byte)'-')
        {
            negative = text[0] == (byte)'-';
            i++;
        }
        BigInteger big = BigInteger.Zero;
        Int128 small = 0;
        var useBig = false;
        var digits = 0;
        var fractionDigits = 0;
        var seenPoint = false;
        for (; i < text.Length; i++)
        {
            var c = text[i];
            if (c == (byte)'.')
            {
                if (seenPoint) return DecimalParse.Invalid;
                seenPoint = true;
                continue;
            }
            var d = c - '0';
            if ((uint)d > 9) break;
            digits++;
            if (seenPoint) fractionDigits++;
            if (!useBig && small > Int128.MaxValue / 100)
            {
                useBig = true;
                big = small;
            }
            if (useBig) big = big * 10 + d;
            else small = small * 10 + d;
        }
        if (digits == 0) return DecimalParse.Invalid;
        long exponent = 0;
        if (i < text.Length)
        {
            if (text[i] is not ((byte)'e' or (byte)'E')) return DecimalParse.Invalid;
            if (!TryParseInt64(text[(i + 1)..], out exponent) || exponent is > 1000 or < -1000) return DecimalParse.Invalid;
            i = text.Length;
        }
        var shift = scale - fractionDigits + exponent;
        BigInteger mantissa = useBig ? big : (BigInteger)small;
        BigInteger unscaled = shift >= 0
            ? mantissa * BigInteger.Pow(10, (int)shift)
            : DecimalMath.DivideHalfUp(mantissa, BigInteger.Pow(10, (int)-shift));
        if (negative) unscaled = -unscaled;
        if (BigInteger.Abs(unscaled) >= (BigInteger)DecimalMath.Pow10(precision)) return DecimalParse.Overflow;
        value = (Int128)unscaled;
        return DecimalParse.Ok;
    }

    public static bool TryParseBoolean(ReadOnlySpan<byte> text, out bool value)
    {
        text = Trim(text);
        value = false;
        if (Ascii.EqualsIgnoreCase(text, "true"u8) || Ascii.EqualsIgnoreCase(text, "t"u8) || text.SequenceEqual("1"u8))
        {
            value = true;
            return true;
        }
        return Ascii.EqualsIgnoreCase(text, "false"u8) || Ascii.EqualsIgnoreCase(text, "f"u8) || text.SequenceEqual("0"u8);
    }

    /// <summary>Parses 'YYYY-MM-DD' (month and day may have one digit) to days since the epoch.</summary>
    public static bool TryParseDate(ReadOnlySpan<byte> text, out int days)
    {
        text = Trim(text);
        days = 0;
        var pos = 0;
        if (!TryParseDatePart(text, ref pos, out var d) || pos != text.Length) return false;
        if (d is > int.MaxValue or < int.MinValue) return false;
        days = (int)d;
        return true;
    }

    /// <summary>
    /// The number of fraction digits written in a timestamp's text (<c>2020-01-01 10:00:00.12</c> has 2; none, or a
    /// date alone, 0): the precision of a TIMESTAMP literal in Trino.
    /// </summary>
    public static int TimestampFractionDigits(ReadOnlySpan<byte> text)
    {
        var pos = text.IndexOf((byte)':');
        if (pos < 0) return 0;
        while (pos < text.Length && text[pos] is (byte)':' or >= (byte)'0' and <= (byte)'9') pos++;
        if (pos >= text.Length || text[pos] != (byte)'.') return 0;
        var start = ++pos;
        while (pos < text.Length && text[pos] is >= (byte)'0' and <= (byte)'9') pos++;
        return pos - start;
    }

    /// <summary>Parses 'YYYY-MM-DD[( |T)HH:MM[:SS[.fraction]]]' to microseconds since the epoch (fraction rounded HALF_UP to micros).</summary>
    public static bool TryParseTimestamp(ReadOnlySpan<byte> text, out long micros)
    {
        text = Trim(text);
        micros = 0;
        var pos = 0;
        if (!TryParseDatePart(text, ref pos, out var days)) return false;
        long timeOfDay = 0;
        if (pos < text.Length)
        {
            if (text[pos] is not ((byte)' ' or (byte)'T')) return false;
            pos++;
            if (!TryParseNumber(text, ref pos, 1, 2, out var hour) || hour > 23) return false;
            if (!Expect(text, ref pos, (byte)':') || !TryParseNumber(text, ref pos, 2, 2, out var minute) || minute > 59) return false;
            long second = 0;
            long fraction = 0;
            if (pos < text.Length && text[pos] == (byte)':')
            {
                pos++;
                if (!TryParseNumber(text, ref pos, 2, 2, out second) || second > 59) return false;
                if (pos < text.Length && text[pos] == (byte)'.')
                {
                    pos++;
                    var start = pos;
                    long scaled = 0;
                    var roundUp = false;
                    while (pos < text.Length && text[pos] is >= (byte)'0' and <= (byte)'9')
                    {
                        var n = pos - start;
                        if (n < 6) scaled = scaled * 10 + (text[pos] - '0');
                        else if (n == 6) roundUp = text[pos] >= (byte)'5';
                        pos++;
                    }
                    var count = pos - start;
                    if (count == 0 || count > 12) return false;
                    for (var k = count; k < 6; k++) scaled *= 10;
                    fraction = scaled + (roundUp ? 1 : 0);
                }
            }
            if (pos != text.Length) return false;
            timeOfDay = hour * CivilTime.MicrosPerHour + minute * CivilTime.MicrosPerMinute + second * CivilTime.MicrosPerSecond + fraction;
        }
        micros = days * CivilTime.MicrosPerDay + timeOfDay;
        return true;
    }

    private static bool TryParseDatePart(ReadOnlySpan<byte> text, ref int pos, out long days)
    {
        days = 0;
        var negative = false;
        if (pos < text.Length && text[pos] is (byte)'-' or (byte)'+')
        {
            negative = text[pos] == (byte)'-';
            pos++;
        }
        if (!TryParseNumber(text, ref pos, 4, 6, out var year)) return false;
        if (negative) year = -year;
        if (!Expect(text, ref pos, (byte)'-') || !TryParseNumber(text, ref pos, 1, 2, out var month) || month is < 1 or > 12) return false;
        if (!Expect(text, ref pos, (byte)'-') || !TryParseNumber(text, ref pos, 1, 2, out var day)) return false;
        if (day < 1 || day > CivilTime.DaysInMonth(year, (int)month)) return false;
        days = CivilTime.ToDays(year, (int)month, (int)day);
        return true;
    }

    private static bool Expect(ReadOnlySpan<byte> text, ref int pos, byte c)
    {
        if (pos >= text.Length || text[pos] != c) return false;
        pos++;
        return true;
    }

    private static bool TryParseNumber(ReadOnlySpan<byte> text, ref int pos, int minDigits, int maxDigits, out long value)
    {
        value = 0;
        var start = pos;
        while (pos < text.Length && text[pos] is >= (byte)'0' and <= (byte)'9' && pos - start < maxDigits)
        {
            value = value * 10 + (text[pos] - '0');
            pos++;
        }
        var n = pos - start;
        return n >= minDigits && (pos >= text.Length || text[pos] is < (byte)'0' or > (byte)'9');
    }
}
