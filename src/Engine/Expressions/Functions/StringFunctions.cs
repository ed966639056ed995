using System.Text;
using QueryEngine.Engine.Columnar;
using QueryEngine.Engine.Common;
using QueryEngine.Engine.Expressions.Evaluation;

namespace QueryEngine.Engine.Expressions.Functions;

/// <summary>Trino string functions over UTF-8 (positions and lengths in code points).</summary>
internal static class StringFunctions
{
    public static ArrowArray Length(Vec[] args, int rows)
    {
        var validity = FunctionArgs.StrictValidity(args, rows);
        var s = new StringArg(args[0]);
        var result = new long[rows];
        for (var i = 0; i < rows; i++)
        {
            if (FunctionArgs.IsValid(validity, i)) result[i] = Utf8.CountCodePoints(s[i]);
        }
        return new PrimitiveArray<long>(DataType.Int64, result, rows, validity);
    }

    public static ArrowArray Lower(Vec[] args, int rows) => CaseMap(args, rows, upper: false);

    public static ArrowArray Upper(Vec[] args, int rows) => CaseMap(args, rows, upper: true);

    private static ArrowArray CaseMap(Vec[] args, int rows, bool upper)
    {
        var validity = FunctionArgs.StrictValidity(args, rows);
        var s = new StringArg(args[0]);
        var writer = new Utf8ColumnWriter(rows, rows * 8);
        for (var i = 0; i < rows; i++)
        {
            if (FunctionArgs.IsValid(validity, i))
            {
                var text = s[i];
                if (Utf8.IsAscii(text))
                {
                    var dest = writer.Reserve(text.Length);
                    if (upper) Ascii.ToUpper(text, dest, out _);
                    else Ascii.ToLower(text, dest, out _);
                    writer.Advance(text.Length);
                }
                else
                {
                    var str = Encoding.UTF8.GetString(text);
                    writer.Write(Encoding.UTF8.GetBytes(upper ? str.ToUpperInvariant() : str.ToLowerInvariant()));
                }
            }
            writer.EndRow();
        }
        return writer.Build(validity);
    }

    public static ArrowArray Trim(Vec[] args, int rows) => TrimCore(args, rows, true, true);

    public static ArrowArray LTrim(Vec[] args, int rows) => TrimCore(args, rows, true, false);

    public static ArrowArray RTrim(Vec[] args, int rows) => TrimCore(args, rows, false, true);

    private static ArrowArray TrimCore(Vec[] args, int rows, bool left, bool right)
    {
        var validity = FunctionArgs.StrictValidity(args, rows);
        var s = new StringArg(args[0]);
        var writer = new Utf8ColumnWriter(rows, rows * 8);
        for (var i = 0; i < rows; i++)
        {
            if (FunctionArgs.IsValid(validity, i))
            {
                var text = s[i];
                var start = 0;
                var end = text.Length;
                if (left)
                {
                    while (start < end && Utf8.IsWhiteSpaceAt(text, start, out var len)) start += len;
                }
                if (right)
                {
                    while (end > start && Utf8.IsWhiteSpaceBefore(text, end, out var len)) end -= len;
                }
                writer.Write(text[start..end]);
            }
            writer.EndRow();
        }
        return writer.Build(validity);
    }

    public static ArrowArray Reverse(Vec[] args, int rows)
    {
        var validity = FunctionArgs.StrictValidity(args, rows);
        var s = new StringArg(args[0]);
        var writer = new Utf8ColumnWriter(rows, rows * 8);
        for (var i = 0; i < rows; i++)
        {
            if (FunctionArgs.IsValid(validity, i))
            {
                var text = s[i];
                var dest = writer.Reserve(text.Length);
                var pos = 0;
                while (pos < text.Length)
                {
                    var len = Math.Min(Utf8.SequenceLength(text[pos]), text.Length - pos);
                    text.Slice(pos, len).CopyTo(dest[(text.Length - pos - len)..]);
                    pos += len;
                }
                writer.Advance(text.Length);
            }
            writer.EndRow();
        }
        return writer.Build(validity);
    }

    /// <summary>substring(s, start[, length]) with Trino's rules: 1-based, negative start counts from the end, start 0 or length &lt;= 0 gives ''.</summary>
    public static ArrowArray Substring(Vec[] args, int rows)
    {
        var validity = FunctionArgs.StrictValidity(args, rows);
        var s = new StringArg(args[0]);
        var start = new PrimitiveArg<long>(args[1]);
        var hasLength = args.Length == 3;
        var length = hasLength ? new PrimitiveArg<long>(args[2]) : default;
        var writer = new Utf8ColumnWriter(rows, rows * 8);
        for (var i = 0; i < rows; i++)
        {
            if (FunctionArgs.IsValid(validity, i))
            {
                var text = s[i];
                var (from, to) = SubstringRange(text, start[i], hasLength ? length[i] : long.MaxValue);
                writer.Write(text[from..to]);
            }
            writer.EndRow();
        }
        return writer.Build(validity);
    }

    private static (int From, int To) SubstringRange(ReadOnlySpan<byte> text, long start, long length)
    {
        if (start == 0 || length <= 0 || text.IsEmpty) return (0, 0);
        if (start > 0)
        {
            var indexStart = Utf8.OffsetOfCodePoint(text, 0, start - 1);
            if (indexStart < 0 || indexStart >= text.Length) return (0, 0);
            var indexEnd = length == long.MaxValue ? -1 : Utf8.OffsetOfCodePoint(text, indexStart, length);
            return (indexStart, indexEnd < 0 ? text.Length : indexEnd);
        }
        var codePoints = Utf8.CountCodePoints(text);
        var startCp = start + codePoints;
        if (startCp < 0) return (0, 0);
        var from = Utf8.OffsetOfCodePoint(text, 0, startCp);
        var to = length < codePoints - startCp ? Utf8.OffsetOfCodePoint(text, from, length) : text.Length;
        return (from, to);
    }

    /// <summary>strpos(s, sub): 1-based code point position of the first occurrence, 0 when absent.</summary>
    public static ArrowArray StrPos(Vec[] args, int rows)
    {
        var validity = FunctionArgs.StrictValidity(args, rows);
        var s = new StringArg(args[0]);
        var sub = new StringArg(args[1]);
        var result = new long[rows];
        for (var i = 0; i < rows; i++)
        {
            if (!FunctionArgs.IsValid(validity, i)) continue;
            var text = s[i];
            var index = text.IndexOf(sub[i]);
            result[i] = index < 0 ? 0 : Utf8.CountCodePoints(text[..index]) + 1;
        }
        return new PrimitiveArray<long>(DataType.Int64, result, rows, validity);
    }

    public static ArrowArray StartsWith(Vec[] args, int rows)
    {
        var validity = FunctionArgs.StrictValidity(args, rows);
        var s = new StringArg(args[0]);
        var prefix = new StringArg(args[1]);
        var bits = new byte[Bitmap.BytesFor(rows)];
        for (var i = 0; i < rows; i++)
        {
            if (FunctionArgs.IsValid(validity, i) && s[i].StartsWith(prefix[i])) Bitmap.Set(bits, i);
        }
        return new BooleanArray(bits, rows, validity);
    }

    /// <summary>replace(s, search[, replacement]): every occurrence; an empty search inserts the replacement around every code point.</summary>
    public static ArrowArray Replace(Vec[] args, int rows)
    {
        var validity = FunctionArgs.StrictValidity(args, rows);
        var s = new StringArg(args[0]);
        var search = new StringArg(args[1]);
        var hasReplacement = args.Length == 3;
        var replacement = hasReplacement ? new StringArg(args[2]) : default;
        var writer = new Utf8ColumnWriter(rows, rows * 8);
        for (var i = 0; i < rows; i++)
        {
            if (FunctionArgs.IsValid(validity, i))
            {
                var text = s[i];
                var find = search[i];
                var with = hasReplacement ? replacement[i] : [];
                if (find.IsEmpty)
                {
                    writer.Write(with);
                    var pos = 0;
                    while (pos < text.Length)
                    {
                        var len = Math.Min(Utf8.SequenceLength(text[pos]), text.Length - pos);
                        writer.Write(text.Slice(pos, len));
                        writer.Write(with);
                        pos += len;
                    }
                }
                else
                {
                    while (true)
                    {
                        var index = text.IndexOf(find);
                        if (index < 0) break;
                        writer.Write(text[..index]);
                        writer.Write(with);
                        text = text[(index + find.Length)..];
                    }
                    writer.Write(text);
                }
            }
            writer.EndRow();
        }
        return writer.Build(validity);
    }

    /// <summary>split_part(s, delimiter, index): the 1-based field, null when there are fewer fields.</summary>
    public static ArrowArray SplitPart(Vec[] args, int rows)
    {
        var validity = FunctionArgs.StrictValidity(args, rows);
        var s = new StringArg(args[0]);
        var delimiter = new StringArg(args[1]);
        var index = new PrimitiveArg<long>(args[2]);
        var writer = new Utf8ColumnWriter(rows, rows * 8);
        for (var i = 0; i < rows; i++)
        {
            if (!FunctionArgs.IsValid(validity, i))
            {
                writer.EndRow();
                continue;
            }
            var n = index[i];
            if (n <= 0) throw new ExecutionException("Index must be greater than zero");
            var text = s[i];
            var delim = delimiter[i];
            var part = SplitPart(text, delim, n, out var found);
            if (!found)
            {
                writer.NullRow();
                continue;
            }
            writer.Write(text.Slice(part.Start, part.Length));
            writer.EndRow();
        }
        return writer.Build(validity);
    }

    private static (int Start, int Length) SplitPart(ReadOnlySpan<byte> text, ReadOnlySpan<byte> delimiter, long index, out bool found)
    {
        found = true;
        if (delimiter.IsEmpty)
        {
            var start = Utf8.OffsetOfCodePoint(text, 0, index - 1);
            if (start < 0 || start >= text.Length)
            {
                found = false;
                return default;
            }
            return (start, Math.Min(Utf8.SequenceLength(text[start]), text.Length - start));
        }
        long matches = 0;
        var previous = 0;
        while (previous < text.Length)
        {
            var match = text[previous..].IndexOf(delimiter);
            if (match < 0) break;
            match += previous;
            if (++matches == index) return (previous, match - previous);
            previous = match + delimiter.Length;
        }
        if (matches == index - 1) return (previous, text.Length - previous);
        found = false;
        return default;
    }

    public static ArrowArray LPad(Vec[] args, int rows) => Pad(args, rows, left: true);

    public static ArrowArray RPad(Vec[] args, int rows) => Pad(args, rows, left: false);

    /// <summary>lpad/rpad(s, size, pad): pads with repetitions of <c>pad</c> to <c>size</c> code points, truncating longer strings.</summary>
    private static ArrowArray Pad(Vec[] args, int rows, bool left)
    {
        var validity = FunctionArgs.StrictValidity(args, rows);
        var s = new StringArg(args[0]);
        var size = new PrimitiveArg<long>(args[1]);
        var pad = new StringArg(args[2]);
        var writer = new Utf8ColumnWriter(rows, rows * 8);
        for (var i = 0; i < rows; i++)
        {
            if (FunctionArgs.IsValid(validity, i))
            {
                var target = size[i];
                if (target is < 0 or > int.MaxValue) throw new ExecutionException($"Target length must be in the range [0..{int.MaxValue}]");
                var padText = pad[i];
                if (padText.IsEmpty) throw new ExecutionException("Padding string must not be empty");
                var text = s[i];
                var textLength = Utf8.CountCodePoints(text);
                if (textLength >= target)
                {
                    var end = Utf8.OffsetOfCodePoint(text, 0, target);
                    writer.Write(text[..(end < 0 ? text.Length : end)]);
                }
                else
                {
                    if (!left) writer.Write(text);
                    var needed = target - textLength;
                    var pos = 0;
                    for (long k = 0; k < needed; k++)
                    {
                        if (pos >= padText.Length) pos = 0;
                        var len = Math.Min(Utf8.SequenceLength(padText[pos]), padText.Length - pos);
                        writer.Write(padText.Slice(pos, len));
                        pos += len;
                    }
                    if (left) writer.Write(text);
                }
            }
            writer.EndRow();
        }
        return writer.Build(validity);
    }

    /// <summary>concat(s1, s2, ...): null when any argument is null.</summary>
    public static ArrowArray Concat(Vec[] args, int rows)
    {
        var validity = FunctionArgs.StrictValidity(args, rows);
        var parts = new StringArg[args.Length];
        for (var k = 0; k < parts.Length; k++) parts[k] = new StringArg(args[k]);
        var writer = new Utf8ColumnWriter(rows, rows * 16);
        for (var i = 0; i < rows; i++)
        {
            if (FunctionArgs.IsValid(validity, i))
            {
                foreach (var p in parts) writer.Write(p[i]);
            }
            writer.EndRow();
        }
        return writer.Build(validity);
    }
}
