using QueryEngine.Engine.Columnar;
namespace QueryEngine.Engine.Formats.Csv;

/// <summary>Parses one field's text into a value; implemented by small structs so decoders specialize per type.</summary>
internal interface IValueParser<T>
    where T : unmanaged
{
    bool TryParse(ReadOnlySpan<byte> text, out T value);
}

internal readonly struct Int8Parser : IValueParser<sbyte>
{
    public bool TryParse(ReadOnlySpan<byte> text, out sbyte value) => TextValueParser.TryParseInt8(text, out value);
}

internal readonly struct Int16Parser : IValueParser<short>
{
    public bool TryParse(ReadOnlySpan<byte> text, out short value) => TextValueParser.TryParseInt16(text, out value);
}

internal readonly struct Int32Parser : IValueParser<int>
{
    public bool TryParse(ReadOnlySpan<byte> text, out int value) => TextValueParser.TryParseInt32(text, out value);
}

internal readonly struct Int64Parser : IValueParser<long>
{
    public bool TryParse(ReadOnlySpan<byte> text, out long value) => TextValueParser.TryParseInt64(text, out value);
}

internal readonly struct Float32Parser : IValueParser<float>
{
    public bool TryParse(ReadOnlySpan<byte> text, out float value) => TextValueParser.TryParseSingle(text, out value);
}

internal readonly struct Float64Parser : IValueParser<double>
{
    public bool TryParse(ReadOnlySpan<byte> text, out double value) => TextValueParser.TryParseDouble(text, out value);
}

internal readonly struct DecimalParser(int precision, int scale) : IValueParser<Int128>
{
    public bool TryParse(ReadOnlySpan<byte> text, out Int128 value) => TextValueParser.TryParseDecimal(text, precision, scale, out value);
}

internal readonly struct DateParser(bool numeric) : IValueParser<int>
{
    public bool TryParse(ReadOnlySpan<byte> text, out int value) =>
        TextValueParser.TryParseDate(text, out value) || (numeric && TextValueParser.TryParseEpochDays(text, out value));
}

/// <summary>TIME(p) text (<c>HH:MM[:SS[.fraction]]</c>) to picoseconds of day, rounded to the column's precision.</summary>
internal readonly struct TimeParser(int precision) : IValueParser<long>
{
    public bool TryParse(ReadOnlySpan<byte> text, out long value)
    {
        if (!TimeText.TryParse(text, out var picos, out _))
        {
            value = 0;
            return false;
        }
        value = TimeText.Round(picos, precision);
        return true;
    }
}

internal readonly struct TimestampParser(bool numeric) : IValueParser<long>
{
    public bool TryParse(ReadOnlySpan<byte> text, out long value) =>
        TextValueParser.TryParseTimestamp(text, out value) || (numeric && TextValueParser.TryParseEpochMillis(text, out value));
}
