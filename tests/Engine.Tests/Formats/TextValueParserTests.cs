using System.Text;
using QueryEngine.Engine.Columnar;
using QueryEngine.Engine.Formats;
using Xunit;

namespace QueryEngine.Engine.Tests.Formats;

public sealed class TextValueParserTests
{
    private static byte[] B(string s) => Encoding.UTF8.GetBytes(s);

    [Theory]
    [InlineData("0", 0L)]
    [InlineData("-0", 0L)]
    [InlineData("+42", 42L)]
    [InlineData("0000000000000000000000042", 42L)]
    [InlineData("9223372036854775807", long.MaxValue)]
    [InlineData("-9223372036854775808", long.MinValue)]
    public void ParsesInt64(string text, long expected)
    {
        Assert.True(TextValueParser.TryParseInt64(B(text), out var value));
        Assert.Equal(expected, value);
    }

    [Theory]
    [InlineData("")]
    [InlineData("-")]
    [InlineData("+")]
    [InlineData("1.0")]
    [InlineData(" 1")]
    [InlineData("1 ")]
    [InlineData("1e3")]
    [InlineData("9223372036854775808")]
    [InlineData("-9223372036854775809")]
    [InlineData("99999999999999999999")]
    [InlineData("0x10")]
    public void RejectsBadInt64(string text)
    {
        Assert.False(TextValueParser.TryParseInt64(B(text), out _));
    }

    [Fact]
    public void NarrowIntegersCheckTheirRange()
    {
        Assert.True(TextValueParser.TryParseInt8(B("-128"), out var a) && a == -128);
        Assert.False(TextValueParser.TryParseInt8(B("128"), out _));
        Assert.True(TextValueParser.TryParseInt16(B("32767"), out var b) && b == 32767);
        Assert.False(TextValueParser.TryParseInt16(B("-32769"), out _));
        Assert.True(TextValueParser.TryParseInt32(B("-2147483648"), out var c) && c == int.MinValue);
        Assert.False(TextValueParser.TryParseInt32(B("2147483648"), out _));
    }

    [Theory]
    [InlineData("24710.35", 15, 2, "24710.35")]
    [InlineData("-272.14", 15, 2, "-272.14")]
    [InlineData("0.04", 15, 2, "0.04")]
    [InlineData("17", 15, 2, "17.00")]
    [InlineData("+.5", 3, 1, "0.5")]
    [InlineData("5.", 3, 0, "5")]
    [InlineData("1.005", 10, 2, "1.01")]
    [InlineData("1.004999", 10, 2, "1.00")]
    [InlineData("-1.005", 10, 2, "-1.01")]
    [InlineData("-1.0049", 10, 2, "-1.00")]
    [InlineData("0.5", 1, 0, "1")]
    [InlineData("-0.5", 1, 0, "-1")]
    [InlineData("0.4", 1, 0, "0")]
    [InlineData("-0.00", 5, 2, "0.00")]
    [InlineData("000123.4500", 5, 2, "123.45")]
    [InlineData("1.5e2", 5, 1, "150.0")]
    [InlineData("15E-1", 5, 1, "1.5")]
    [InlineData("1.25e-1", 5, 2, "0.13")]
    [InlineData("1e-10", 5, 2, "0.00")]
    [InlineData("99.994", 4, 2, "99.99")]
    [InlineData("99999999999999999999999999999999999999", 38, 0, "99999999999999999999999999999999999999")]
    [InlineData("-9999999999999999999.9999999999999999999", 38, 19, "-9999999999999999999.9999999999999999999")]
    [InlineData("0.00000000000000000000000000000000000001", 38, 38, "0.00000000000000000000000000000000000001")]
    [InlineData("123456789012345678901234.5678", 30, 4, "123456789012345678901234.5678")]
    public void ParsesDecimalsRoundingHalfUp(string text, int precision, int scale, string expected)
    {
        Assert.True(TextValueParser.TryParseDecimal(B(text), precision, scale, out var value));
        Assert.Equal(expected, ValueFormatter.FormatDecimal(value, scale));
    }

    [Theory]
    [InlineData("", 5, 2)]
    [InlineData(".", 5, 2)]
    [InlineData("-", 5, 2)]
    [InlineData("1.2.3", 5, 2)]
    [InlineData("12a", 5, 2)]
    [InlineData("1e", 5, 2)]
    [InlineData(" 1", 5, 2)]
    [InlineData("1000", 5, 2)]
    [InlineData("999.995", 5, 2)]
    [InlineData("-999.995", 5, 2)]
    [InlineData("1e3", 3, 1)]
    [InlineData("100000000000000000000000000000000000000", 38, 0)]
    public void DecimalsThatDoNotFitFail(string text, int precision, int scale)
    {
        Assert.False(TextValueParser.TryParseDecimal(B(text), precision, scale, out _));
    }

    [Theory]
    [InlineData("1970-01-01", 0)]
    [InlineData("1969-12-31", -1)]
    [InlineData("2000-02-29", 11016)]
    [InlineData("1996-3-7", 9562)]
    [InlineData("1996-03-07 10:00:00", 9562)]
    [InlineData("0001-01-01", -719162)]
    [InlineData("9999-12-31", 2932896)]
    public void ParsesDates(string text, int days)
    {
        Assert.True(TextValueParser.TryParseDate(B(text), out var value));
        Assert.Equal(days, value);
    }

    [Theory]
    [InlineData("2021-02-29")]
    [InlineData("1900-02-29")]
    [InlineData("2021-04-31")]
    [InlineData("2021-00-10")]
    [InlineData("2021-13-10")]
    [InlineData("2021-1-0")]
    [InlineData("21-01-01")]
    [InlineData("2021/01/01")]
    [InlineData("2021-01-01x")]
    [InlineData("")]
    public void RejectsBadDates(string text)
    {
        Assert.False(TextValueParser.TryParseDate(B(text), out _));
    }

    [Theory]
    [InlineData("1970-01-01 00:00:00", "1970-01-01 00:00:00.000000")]
    [InlineData("2020-02-29 23:59:58.123456", "2020-02-29 23:59:58.123456")]
    [InlineData("2020-02-29T23:59:58.1", "2020-02-29 23:59:58.100000")]
    [InlineData("2020-02-29 23:59", "2020-02-29 23:59:00.000000")]
    [InlineData("2020-02-29", "2020-02-29 00:00:00.000000")]
    [InlineData("2020-12-31 23:59:59.9999995", "2021-01-01 00:00:00.000000")]
    [InlineData("2020-12-31 23:59:59.1234564", "2020-12-31 23:59:59.123456")]
    [InlineData("1969-12-31 23:59:59.5", "1969-12-31 23:59:59.500000")]
    public void ParsesTimestamps(string text, string expected)
    {
        Assert.True(TextValueParser.TryParseTimestamp(B(text), out var micros));
        Assert.Equal(expected, ValueFormatter.FormatTimestamp(micros));
    }

    [Theory]
    [InlineData("2020-02-29 24:00:00")]
    [InlineData("2020-02-29 12:60:00")]
    [InlineData("2020-02-29 12:00:60")]
    [InlineData("2020-02-29 1:00:00")]
    [InlineData("2020-02-29 12:00:00.")]
    [InlineData("2020-02-29 12:00:00.1234567890")]
    [InlineData("2020-02-29 12:00:00 UTC")]
    [InlineData("2020-02-29 12")]
    public void RejectsBadTimestamps(string text)
    {
        Assert.False(TextValueParser.TryParseTimestamp(B(text), out _));
    }

    [Theory]
    [InlineData("true", true)]
    [InlineData("TRUE", true)]
    [InlineData("False", false)]
    public void ParsesBooleans(string text, bool expected)
    {
        Assert.True(TextValueParser.TryParseBoolean(B(text), out var value));
        Assert.Equal(expected, value);
    }

    [Theory]
    [InlineData("1")]
    [InlineData("t")]
    [InlineData("yes")]
    [InlineData("truee")]
    [InlineData("")]
    public void RejectsOtherBooleans(string text)
    {
        Assert.False(TextValueParser.TryParseBoolean(B(text), out _));
    }

    [Theory]
    [InlineData("1.5", 1.5)]
    [InlineData("-2.5e-3", -0.0025)]
    [InlineData(" 7 ", 7.0)]
    [InlineData("1e308", 1e308)]
    [InlineData("Infinity", double.PositiveInfinity)]
    [InlineData("-Infinity", double.NegativeInfinity)]
    public void ParsesDoubles(string text, double expected)
    {
        Assert.True(TextValueParser.TryParseDouble(B(text), out var value));
        Assert.Equal(expected, value);
    }

    [Fact]
    public void ParsesNaNAndRejectsJunk()
    {
        Assert.True(TextValueParser.TryParseDouble(B("NaN"), out var nan) && double.IsNaN(nan));
        Assert.True(TextValueParser.TryParseSingle(B("-1.25"), out var f) && f == -1.25f);
        Assert.False(TextValueParser.TryParseDouble(B("nan"), out _));
        Assert.False(TextValueParser.TryParseDouble(B("1,5"), out _));
        Assert.False(TextValueParser.TryParseDouble(B("∞"), out _));
        Assert.False(TextValueParser.TryParseDouble(B(""), out _));
        Assert.False(TextValueParser.TryParseDouble(B("abc"), out _));
    }
}
