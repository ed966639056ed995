using System.Globalization;

namespace QueryEngine.Engine.Columnar;

/// <summary>Text of Trino's TIME(p) values: <c>HH:MM:SS[.fraction]</c> with exactly p fraction digits; parsing of the same.</summary>
public static class TimeText
{
    private static readonly long[] PowersOfTen = BuildPowers();

    private static long[] BuildPowers()
    {
        var powers = new long[19];
        powers[0] = 1;
        for (var i = 1; i < powers.Length; i++) powers[i] = powers[i - 1] * 10;
        return powers;
    }

    /// <summary>10^n for n in 0..18.</summary>
    public static long Pow10(int n) => PowersOfTen[n];

    /// <summary>Picoseconds of day rounded half up to <paramref name="precision"/> fraction digits, wrapping past midnight as Trino does.</summary>
    public static long Round(long picos, int precision)
    {
        if (precision >= TimeType.MaxPrecision) return picos;
        var unit = Pow10(TimeType.MaxPrecision - precision);
        var rounded = (picos + unit / 2) / unit * unit;
        return rounded % TimeType.PicosPerDay;
    }

    /// <summary>Picoseconds wrapped into one day (negative values count back from midnight).</summary>
    public static long Wrap(long picos)
    {
        var r = picos % TimeType.PicosPerDay;
        return r < 0 ? r + TimeType.PicosPerDay : r;
    }

    public static string Format(long picos, int precision)
    {
        var seconds = picos / TimeType.PicosPerSecond;
        var text = string.Create(CultureInfo.InvariantCulture, $"{seconds / 3600:00}:{seconds / 60 % 60:00}:{seconds % 60:00}");
        if (precision == 0) return text;
        var fraction = picos % TimeType.PicosPerSecond / Pow10(TimeType.MaxPrecision - precision);
        return text + "." + fraction.ToString(CultureInfo.InvariantCulture).PadLeft(precision, '0');
    }

    /// <summary>
    /// Parses <c>H:MM[:SS[.fraction]]</c> (surrounding spaces allowed; fraction up to 12 digits) to picoseconds of day
    /// and the number of fraction digits written.
    /// </summary>
    public static bool TryParse(ReadOnlySpan<byte> text, out long picos, out int fractionDigits)
    {
        picos = 0;
        fractionDigits = 0;
        text = text.Trim((byte)' ');
        var pos = 0;
        if (!TryDigits(text, ref pos, 1, 2, out var hour) || hour > 23) return false;
        if (pos >= text.Length || text[pos++] != (byte)':') return false;
        if (!TryDigits(text, ref pos, 2, 2, out var minute) || minute > 59) return false;
        long second = 0;
        long fraction = 0;
        if (pos < text.Length)
        {
            if (text[pos++] != (byte)':') return false;
            if (!TryDigits(text, ref pos, 2, 2, out second) || second > 59) return false;
            if (pos < text.Length)
            {
                if (text[pos++] != (byte)'.') return false;
                var start = pos;
                if (!TryDigits(text, ref pos, 1, TimeType.MaxPrecision, out fraction)) return false;
                fractionDigits = pos - start;
                if (pos != text.Length) return false;
            }
        }
        picos = ((hour * 60 + minute) * 60 + second) * TimeType.PicosPerSecond + fraction * Pow10(TimeType.MaxPrecision - fractionDigits);
        return true;
    }

    public static bool TryParse(string text, out long picos, out int fractionDigits) =>
        TryParse(System.Text.Encoding.UTF8.GetBytes(text), out picos, out fractionDigits);

    private static bool TryDigits(ReadOnlySpan<byte> text, ref int pos, int min, int max, out long value)
    {
        value = 0;
        var start = pos;
        while (pos < text.Length && pos - start < max && text[pos] is >= (byte)'0' and <= (byte)'9')
        {
            value = value * 10 + (text[pos] - '0');
            pos++;
        }
        return pos - start >= min;
    }
}
