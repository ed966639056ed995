using System.Runtime.CompilerServices;
using System.Text;

namespace QueryEngine.Engine.Expressions.Functions;

/// <summary>Code point helpers over UTF-8 bytes (Trino's string functions count code points, not bytes).</summary>
internal static class Utf8
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int SequenceLength(byte lead) => lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;

    public static int CountCodePoints(ReadOnlySpan<byte> text)
    {
        var count = 0;
        foreach (var b in text)
        {
            if ((b & 0xC0) != 0x80) count++;
        }
        return count;
    }

    /// <summary>Byte offset of code point <paramref name="index"/> (0-based) counting from byte <paramref name="start"/>, or -1 past the end.
    /// Index equal to the number of remaining code points gives the text length.</summary>
    public static int OffsetOfCodePoint(ReadOnlySpan<byte> text, int start, long index)
    {
        var pos = start;
        for (long k = 0; k < index; k++)
        {
            if (pos >= text.Length) return -1;
            pos += SequenceLength(text[pos]);
        }
        return pos > text.Length ? -1 : pos;
    }

    public static bool IsAscii(ReadOnlySpan<byte> text) => System.Text.Ascii.IsValid(text);

    /// <summary>Whitespace as Trino's trim functions see it (Java's Character.isWhitespace): control characters
    /// 9-13 and 28-31, and Unicode space, line and paragraph separators other than the no-break spaces.</summary>
    public static bool IsWhitespace(Rune rune)
    {
        var c = rune.Value;
        if (c is >= 9 and <= 13 or >= 0x1C and <= 0x1F) return true;
        if (c is 0xA0 or 0x2007 or 0x202F) return false;
        return Rune.GetUnicodeCategory(rune) is System.Globalization.UnicodeCategory.SpaceSeparator
            or System.Globalization.UnicodeCategory.LineSeparator or System.Globalization.UnicodeCategory.ParagraphSeparator;
    }

    /// <summary>Whether the code point starting at <paramref name="pos"/> is whitespace; returns its byte length.</summary>
    public static bool IsWhiteSpaceAt(ReadOnlySpan<byte> text, int pos, out int length)
    {
        var status = Rune.DecodeFromUtf8(text[pos..], out var rune, out length);
        return status == System.Buffers.OperationStatus.Done && IsWhitespace(rune);
    }

    /// <summary>Whether the code point ending just before <paramref name="end"/> is whitespace; returns its byte length.</summary>
    public static bool IsWhiteSpaceBefore(ReadOnlySpan<byte> text, int end, out int length)
    {
        var status = Rune.DecodeLastFromUtf8(text[..end], out var rune, out length);
        return status == System.Buffers.OperationStatus.Done && IsWhitespace(rune);
    }

    /// <summary>UTF-16 index of the 0-based code point <paramref name="codePoint"/> of <paramref name="s"/> (its length at the end), -1 past the end.</summary>
    public static int OffsetOfCodePointUtf16(string s, long codePoint)
    {
        var index = 0;
        for (long k = 0; k < codePoint; k++)
        {
            if (index >= s.Length) return -1;
            index += char.IsHighSurrogate(s[index]) && index + 1 < s.Length ? 2 : 1;
        }
        return index;
    }
}
