using System.Globalization;
using System.Runtime.CompilerServices;

namespace QueryEngine.Engine.Formats;

/// <summary>
/// Parses values of text files straight from UTF-8 bytes, without allocating. Every method returns false for text that
/// is not a valid value of the type (including out-of-range values); callers decide whether that is NULL or an error.
/// Accepted forms follow Hive's text SerDes:
/// integers <c>[+-]digits</c>; floating point as Java's <c>Double.parseDouble</c> (invariant, <c>NaN</c>, <c>Infinity</c>,
/// surrounding whitespace allowed); decimals <c>[+-]digits[.digits][e[+-]digits]</c> rounded HALF_UP to the declared scale;
/// booleans <c>true</c>/<c>false</c> in any case; dates <c>YYYY-M[M]-D[D]</c> (anything after a following space or
/// <c>T</c> is ignored); timestamps <c>YYYY-MM-DD[( |T)HH:MM[:SS[.fraction]]]</c> with up to 9 fraction digits rounded
/// HALF_UP to microseconds.
/// </summary>
internal static class TextValueParser
{
    public const long MicrosPerDay = 86_400_000_000L;

    /// <summary>Minimum and maximum days since the epoch of years 0000..9999.</summary>
    private static readonly int MinDays = DaysFromCivil(0, 1, 1);
    private static readonly int MaxDays = DaysFromCivil(9999, 12, 31);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool TryParseInt64(ReadOnlySpan<byte> s, out long value)
    {
        value = 0;
        if (s.IsEmpty) return false;
        var i = 0;
        var negative = false;
        var first = s[0];
        if (first == (byte)'-')
        {
            negative = true;
            i = 1;
        }
        else if (first == (byte)'+')
        {
            i = 1;
        }
        if (i == s.Length) return false;
        while (i < s.Length - 1 && s[i] == (byte)'0') i++;
        if (s.Length - i > 19) return false;
        ulong acc = 0;
        for (; i < s.Length; i++)
        {
            var d = (uint)(s[i] - '0');
            if (d > 9) return false;
            acc = (acc * 10) + d;
        }
        if (negative)
        {
            if (acc > 1UL << 63) return false;
            value = (long)(0 - acc);
        }
        else
        {
            if (acc > long.MaxValue) return false;
            value = (long)acc;
        }
        return true;
    }

    public static bool TryParseInt32(ReadOnlySpan<byte> s, out int value)
    {
        if (TryParseInt64(s, out var v) && v is >= int.MinValue and <= int.MaxValue)
        {
            value = (int)v;
            return true;
        }
        value = 0;
        return false;
    }

    public static bool TryParseInt16(ReadOnlySpan<byte> s, out short value)
    {
        if (TryParseInt64(s, out var v) && v is >= short.MinValue and <= short.MaxValue)
        {
            value = (short)v;
            return true;
        }
        value = 0;
        return false;
    }

    public static bool TryParseInt8(ReadOnlySpan<byte> s, out sbyte value)
    {
        if (TryParseInt64(s, out var v) && v is >= sbyte.MinValue and <= sbyte.MaxValue)
        {
            value = (sbyte)v;
            return true;
        }
        value = 0;
        return false;
    }

    public static bool TryParseBoolean(ReadOnlySpan<byte> s, out bool value)
    {
        if (s.Length == 4 && (s[0] | 0x20) == 't' && (s[1] | 0x20) == 'r' && (s[2] | 0x20) == 'u' && (s[3] | 0x20) == 'e')
        {
            value = true;
            return true;
        }
        value = false;
        return s.Length == 5 && (s[0] | 0x20) == 'f' && (s[1] | 0x20) == 'a' && (s[2] | 0x20) == 'l' && (s[3] | 0x20) == 's' && (s[4] | 0x20) == 'e';
    }

    public static bool TryParseDouble(ReadOnlySpan<byte> s, out double value)
    {
        if (IsPlainNumber(s) || IsSpecialFloat(s))
        {
            return double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out value);
        }
        value = 0;
        return false;
    }

    public static bool TryParseSingle(ReadOnlySpan<byte> s, out float value)
    {
        if (IsPlainNumber(s) || IsSpecialFloat(s))
        {
            return float.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out value);
        }
        value = 0;
        return false;
    }

    /// <summary>Rejects forms .NET would accept but Java does not (such as the infinity sign or culture symbols).</summary>
    private static bool IsPlainNumber(ReadOnlySpan<byte> s)
    {
        foreach (var b in s)
        {
            if (!((uint)(b - '0') <= 9 || b is (byte)'.' or (byte)'-' or (byte)'+' or (byte)'e' or (byte)'E' or (byte)' ' or (byte)'\t')) return false;
        }
        return !s.IsEmpty;
    }

    private static bool IsSpecialFloat(ReadOnlySpan<byte> s)
    {
        s = s.Trim((byte)' ');
        if (!s.IsEmpty && (s[0] == (byte)'-' || s[0] == (byte)'+')) s = s[1..];
        return s.SequenceEqual("NaN"u8) || s.SequenceEqual("Infinity"u8);
    }

    /// <summary>
    /// Parses a decimal into its unscaled value at <paramref name="scale"/>, rounding HALF_UP (away from zero on a tie)
    /// when the text has more fraction digits. Fails when the value needs more than <paramref name="precision"/> digits.
    /// </summary>
    public static bool TryParseDecimal(ReadOnlySpan<byte> s, int precision, int scale, out Int128 value)
    {
        // Fast path: [-+]digits[.digits] with at most 18 digits and no more fraction digits than the scale.
        if (s.Length is > 0 and <= 20 && scale <= 18)
        {
            var i = 0;
            var negative = false;
            if (s[0] == (byte)'-')
            {
                negative = true;
                i = 1;
            }
            else if (s[0] == (byte)'+')
            {
                i = 1;
            }
            ulong acc = 0;
            var digits = 0;
            var fraction = -1;
            for (; i < s.Length; i++)
            {
                var d = (uint)(s[i] - '0');
                if (d <= 9)
                {
                    acc = (acc * 10) + d;
                    digits++;
                    if (fraction >= 0) fraction++;
                    continue;
                }
                if (s[i] != (byte)'.' || fraction >= 0) break;
                fraction = 0;
            }
            if (i == s.Length && digits is > 0 and <= 18)
            {
                if (fraction < 0) fraction = 0;
                var shift = scale - fraction;
                if (shift >= 0 && digits + shift <= 18)
                {
                    var unscaled = acc * Pow10U64[shift];
                    if (precision < 19 && unscaled >= Pow10U64[precision]) return Fail(out value);
                    value = negative ? -(Int128)unscaled : unscaled;
                    return true;
                }
            }
        }
        return TryParseDecimalGeneral(s, precision, scale, out value);
    }

    private static bool Fail(out Int128 value)
    {
        value = Int128.Zero;
        return false;
    }

    private static readonly ulong[] Pow10U64 = BuildPow10U64();

    private static ulong[] BuildPow10U64()
    {
        var table = new ulong[20];
        table[0] = 1;
        for (var i = 1; i < table.Length; i++) table[i] = table[i - 1] * 10;
        return table;
    }

    private static bool TryParseDecimalGeneral(ReadOnlySpan<byte> s, int precision, int scale, out Int128 value)
    {
        value = Int128.Zero;
        var len = s.Length;
        if (len == 0) return false;
        var i = 0;
        var negative = false;
        if (s[0] == (byte)'-')
        {
            negative = true;
            i = 1;
        }
        else if (s[0] == (byte)'+')
        {
            i = 1;
        }
        var intStart = i;
        while (i < len && (uint)(s[i] - '0') <= 9) i++;
        var intEnd = i;
        int fracStart = i, fracEnd = i;
        if (i < len && s[i] == (byte)'.')
        {
            i++;
            fracStart = i;
            while (i < len && (uint)(s[i] - '0') <= 9) i++;
            fracEnd = i;
        }
        var intCount = intEnd - intStart;
        var fracCount = fracEnd - fracStart;
        if (intCount + fracCount == 0) return false;
        var exponent = 0;
        if (i < len && (s[i] | 0x20) == 'e')
        {
            i++;
            var expNegative = false;
            if (i < len && (s[i] == (byte)'-' || s[i] == (byte)'+'))
            {
                expNegative = s[i] == (byte)'-';
                i++;
            }
            var expStart = i;
            while (i < len && (uint)(s[i] - '0') <= 9)
            {
                if (exponent < 100_000) exponent = (exponent * 10) + (s[i] - '0');
                i++;
            }
            if (i == expStart) return false;
            if (expNegative) exponent = -exponent;
        }
        if (i != len) return false;

        // Digits d[0..n) = integer digits then fraction digits; the decimal point sits after d[pointPos - 1].
        var n = intCount + fracCount;
        var keep = intCount + exponent + scale; // digits d[0..keep) form the unscaled value
        ulong small = 0;
        Int128 big = 0;
        var useBig = false;
        var significant = 0;
        var limit = Math.Min(keep, n);
        for (var k = 0; k < limit; k++)
        {
            var d = (uint)(k < intCount ? s[intStart + k] : s[fracStart + k - intCount]) - '0';
            if (significant == 0 && d == 0) continue;
            significant++;
            if (significant > precision) return false;
            if (!useBig)
            {
                if (significant <= 18)
                {
                    small = (small * 10) + d;
                    continue;
                }
                big = small;
                useBig = true;
            }
            big = (big * 10) + d;
        }
        if (keep > n)
        {
            // Pad with zeros: only matters once a non-zero digit was seen.
            if (significant > 0)
            {
                var zeros = keep - n;
                if (significant + zeros > precision) return false;
                if (!useBig && significant + zeros <= 18)
                {
                    for (var z = 0; z < zeros; z++) small *= 10;
                }
                else
                {
                    if (!useBig)
                    {
                        big = small;
                        useBig = true;
                    }
                    for (var z = 0; z < zeros; z++) big *= 10;
                    significant += zeros;
                }
            }
        }
        Int128 result = useBig ? big : small;
        if (keep >= 0 && keep < n)
        {
            var roundDigit = keep < intCount ? s[intStart + keep] - '0' : s[fracStart + keep - intCount] - '0';
            if (roundDigit >= 5) result += 1;
        }
        if (result >= Pow10Table[precision]) return false;
        value = negative ? -result : result;
        return true;
    }

    private static readonly Int128[] Pow10Table = BuildPow10Table();

    private static Int128[] BuildPow10Table()
    {
        var table = new Int128[39];
        table[0] = 1;
        for (var i = 1; i < table.Length; i++) table[i] = table[i - 1] * 10;
        return table;
    }

    /// <summary>Parses <c>YYYY-M[M]-D[D]</c> into days since 1970-01-01; anything after a space or 'T' is ignored.</summary>
    public static bool TryParseDate(ReadOnlySpan<byte> s, out int days)
    {
        if (s.Length == 10 && s[4] == (byte)'-' && s[7] == (byte)'-')
        {
            // Fast path for YYYY-MM-DD.
            uint y0 = (uint)(s[0] - '0'), y1 = (uint)(s[1] - '0'), y2 = (uint)(s[2] - '0'), y3 = (uint)(s[3] - '0');
            uint m0 = (uint)(s[5] - '0'), m1 = (uint)(s[6] - '0'), d0 = (uint)(s[8] - '0'), d1 = (uint)(s[9] - '0');
            // d <= 9 exactly when d + 6 < 16 (non-digits wrap around or exceed).
            if (((y0 + 6) | (y1 + 6) | (y2 + 6) | (y3 + 6) | (m0 + 6) | (m1 + 6) | (d0 + 6) | (d1 + 6)) < 16)
            {
                var year = (int)((y0 * 1000) + (y1 * 100) + (y2 * 10) + y3);
                var month = (int)((m0 * 10) + m1);
                var day = (int)((d0 * 10) + d1);
                if (month is < 1 or > 12 || day < 1 || day > DaysInMonth(year, month))
                {
                    days = 0;
                    return false;
                }
                days = DaysFromCivil(year, month, day);
                return true;
            }
        }
        days = 0;
        if (!TryParseDatePart(s, out var y, out var m, out var d, out var used)) return false;
        if (used != s.Length && s[used] != (byte)' ' && s[used] != (byte)'T') return false;
        days = DaysFromCivil(y, m, d);
        return true;
    }

    /// <summary>Parses <c>YYYY-MM-DD[( |T)HH:MM[:SS[.fraction]]]</c> into microseconds since the epoch (no zone).</summary>
    public static bool TryParseTimestamp(ReadOnlySpan<byte> s, out long micros)
    {
        micros = 0;
        if (!TryParseDatePart(s, out var y, out var mo, out var d, out var i)) return false;
        long total = DaysFromCivil(y, mo, d) * MicrosPerDay;
        if (i == s.Length)
        {
            micros = total;
            return true;
        }
        if (s[i] != (byte)' ' && s[i] != (byte)'T') return false;
        i++;
        if (!TryTwoDigits(s, ref i, out var hour) || hour > 23) return false;
        if (i >= s.Length || s[i] != (byte)':') return false;
        i++;
        if (!TryTwoDigits(s, ref i, out var minute) || minute > 59) return false;
        var second = 0;
        long fraction = 0;
        if (i < s.Length && s[i] == (byte)':')
        {
            i++;
            if (!TryTwoDigits(s, ref i, out second) || second > 59) return false;
            if (i < s.Length && s[i] == (byte)'.')
            {
                i++;
                var start = i;
                while (i < s.Length && (uint)(s[i] - '0') <= 9)
                {
                    var digit = s[i] - '0';
                    var position = i - start; // 0 = tenths
                    if (position < 6) fraction = (fraction * 10) + digit;
                    else if (position == 6 && digit >= 5) fraction++;
                    i++;
                }
                var count = i - start;
                if (count is 0 or > 9) return false;
                for (var p = count; p < 6; p++) fraction *= 10;
            }
        }
        if (i != s.Length) return false;
        micros = total + (((hour * 3600L) + (minute * 60L) + second) * 1_000_000L) + fraction;
        return true;
    }

    private static bool TryParseDatePart(ReadOnlySpan<byte> s, out int year, out int month, out int day, out int used)
    {
        year = month = day = used = 0;
        if (s.Length < 8) return false;
        for (var k = 0; k < 4; k++)
        {
            var digit = (uint)(s[k] - '0');
            if (digit > 9) return false;
            year = (year * 10) + (int)digit;
        }
        if (s[4] != (byte)'-') return false;
        var i = 5;
        if (!TryOneOrTwoDigits(s, ref i, out month) || month is < 1 or > 12) return false;
        if (i >= s.Length || s[i] != (byte)'-') return false;
        i++;
        if (!TryOneOrTwoDigits(s, ref i, out day) || day < 1 || day > DaysInMonth(year, month)) return false;
        used = i;
        return true;
    }

    private static bool TryOneOrTwoDigits(ReadOnlySpan<byte> s, ref int i, out int value)
    {
        value = 0;
        if (i >= s.Length || (uint)(s[i] - '0') > 9) return false;
        value = s[i++] - '0';
        if (i < s.Length && (uint)(s[i] - '0') <= 9) value = (value * 10) + (s[i++] - '0');
        return true;
    }

    private static bool TryTwoDigits(ReadOnlySpan<byte> s, ref int i, out int value)
    {
        value = 0;
        if (i + 1 >= s.Length) return false;
        var a = (uint)(s[i] - '0');
        var b = (uint)(s[i + 1] - '0');
        if (a > 9 || b > 9) return false;
        value = (int)((a * 10) + b);
        i += 2;
        return true;
    }

    public static int DaysInMonth(int year, int month) => month switch
    {
        2 => IsLeapYear(year) ? 29 : 28,
        4 or 6 or 9 or 11 => 30,
        _ => 31,
    };

    public static bool IsLeapYear(int year) => (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;

    /// <summary>Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil).</summary>
    public static int DaysFromCivil(int year, int month, int day)
    {
        var y = month <= 2 ? year - 1 : year;
        var era = (y >= 0 ? y : y - 399) / 400;
        var yoe = y - (era * 400);
        var mp = (month + 9) % 12;
        var doy = ((153 * mp) + 2) / 5 + day - 1;
        var doe = (yoe * 365) + (yoe / 4) - (yoe / 100) + doy;
        return (era * 146097) + doe - 719468;
    }

    /// <summary>Accepts an integer count of days since the epoch (Athena's reading of OpenCSVSerde dates).</summary>
    public static bool TryParseEpochDays(ReadOnlySpan<byte> s, out int days)
    {
        if (TryParseInt64(s, out var v) && v >= MinDays && v <= MaxDays)
        {
            days = (int)v;
            return true;
        }
        days = 0;
        return false;
    }

    /// <summary>Accepts an integer count of milliseconds since the epoch (Athena's reading of OpenCSVSerde timestamps).</summary>
    public static bool TryParseEpochMillis(ReadOnlySpan<byte> s, out long micros)
    {
        const long limit = long.MaxValue / 1000;
        if (TryParseInt64(s, out var v) && v is >= -limit and <= limit)
        {
            micros = v * 1000;
            return true;
        }
        micros = 0;
        return false;
    }
}
