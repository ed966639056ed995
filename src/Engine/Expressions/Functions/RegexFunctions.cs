using System.Text;
using System.Text.RegularExpressions;
using QueryEngine.Engine.Columnar;
using QueryEngine.Engine.Common;
using QueryEngine.Engine.Expressions.Evaluation;

namespace QueryEngine.Engine.Expressions.Functions;

/// <summary>
/// Trino's regular expression functions over .NET <see cref="Regex"/> (culture-invariant). Patterns are compiled once
/// per distinct text per expression; positions are 1-based code points. Replacement strings use Java's syntax
/// (<c>$1</c>, <c>${name}</c>, <c>\$</c>), translated to .NET's.
/// </summary>
internal static class RegexFunctions
{
    public static FunctionKernel? Create(string name)
    {
        var cache = new RegexCache();
        return name switch
        {
            "regexp_like" => (a, n) => RowKernels.Booleans(a, n, new LikeOp(a, cache)),
            "regexp_count" => (a, n) => RowKernels.Values<long, CountOp>(a, n, DataType.Int64, new CountOp(a, cache)),
            "regexp_extract" => (a, n) => RowKernels.Bytes(a, n, DataType.Utf8, new ExtractOp(a, cache)),
            "regexp_replace" => (a, n) => RowKernels.Bytes(a, n, DataType.Utf8, new ReplaceOp(a, cache)),
            "regexp_position" => (a, n) => RowKernels.Values<int, PositionOp>(a, n, DataType.Int32, new PositionOp(a, cache)),
            "regexp_extract_all" => (a, n) => ExtractAll(a, n, cache),
            "regexp_split" => (a, n) => Split(a, n, cache),
            _ => null,
        };
    }

    /// <summary>Compiled patterns of one expression, by pattern text.</summary>
    private sealed class RegexCache
    {
        private readonly Dictionary<string, Regex> _patterns = new(StringComparer.Ordinal);

        public Regex Get(ReadOnlySpan<byte> utf8)
        {
            var text = Encoding.UTF8.GetString(utf8);
            if (_patterns.TryGetValue(text, out var regex)) return regex;
            try
            {
                regex = new Regex(JavaRegexTranslator.ToDotNet(text), RegexOptions.CultureInvariant);
            }
            catch (ArgumentException e)
            {
                throw new ExecutionException($"Invalid regular expression '{text}': {e.Message}");
            }
            if (_patterns.Count > 1000) _patterns.Clear();
            _patterns[text] = regex;
            return regex;
        }
    }

    private static string Text(ReadOnlySpan<byte> utf8) => Encoding.UTF8.GetString(utf8);

    private static void WriteText(Utf8ColumnWriter output, ReadOnlySpan<char> text)
    {
        var dest = output.Reserve(Encoding.UTF8.GetMaxByteCount(text.Length));
        output.Advance(Encoding.UTF8.GetBytes(text, dest));
    }

    private static int Group(Regex regex, long group)
    {
        var groups = regex.GetGroupNumbers().Length - 1;
        if (group < 0 || group > groups) throw new ExecutionException($"Pattern has {groups} groups. Cannot access group {group}");
        return (int)group;
    }

    /// <summary>UTF-16 index to 1-based code point position.</summary>
    private static int CodePointPosition(string s, int index)
    {
        var position = 1;
        for (var i = 0; i < index; i++)
        {
            if (!char.IsLowSurrogate(s[i])) position++;
        }
        return position;
    }

    private readonly struct LikeOp(Vec[] args, RegexCache cache) : IRowValue<bool>
    {
        private readonly StringArg _s = new(args[0]);
        private readonly StringArg _p = new(args[1]);

        public bool Compute(int row, out bool value)
        {
            value = cache.Get(_p[row]).IsMatch(Text(_s[row]));
            return true;
        }
    }

    private readonly struct CountOp(Vec[] args, RegexCache cache) : IRowValue<long>
    {
        private readonly StringArg _s = new(args[0]);
        private readonly StringArg _p = new(args[1]);

        public bool Compute(int row, out long value)
        {
            value = cache.Get(_p[row]).Count(Text(_s[row]));
            return true;
        }
    }

    /// <summary>regexp_extract(s, p[, group]): the first match (or its group); NULL when nothing matches or the group did not take part.</summary>
    private readonly struct ExtractOp(Vec[] args, RegexCache cache) : IRowBytes
    {
        private readonly StringArg _s = new(args[0]);
        private readonly StringArg _p = new(args[1]);
        private readonly bool _hasGroup = args.Length == 3;
        private readonly PrimitiveArg<long> _group = args.Length == 3 ? new(args[2]) : default;

        public bool Write(int row, Utf8ColumnWriter output)
        {
            var regex = cache.Get(_p[row]);
            var group = Group(regex, _hasGroup ? _group[row] : 0);
            var match = regex.Match(Text(_s[row]));
            if (!match.Success || !match.Groups[group].Success) return false;
            WriteText(output, match.Groups[group].ValueSpan);
            return true;
        }
    }

    /// <summary>regexp_position(s, p[, start[, occurrence]]): 1-based position of the n-th match at or after start, -1 if none.</summary>
    private readonly struct PositionOp(Vec[] args, RegexCache cache) : IRowValue<int>
    {
        private readonly StringArg _s = new(args[0]);
        private readonly StringArg _p = new(args[1]);
        private readonly int _count = args.Length;
        private readonly PrimitiveArg<long> _start = args.Length >= 3 ? new(args[2]) : default;
        private readonly PrimitiveArg<long> _occurrence = args.Length == 4 ? new(args[3]) : default;

        public bool Compute(int row, out int value)
        {
            var start = _count >= 3 ? _start[row] : 1;
            var occurrence = _count == 4 ? _occurrence[row] : 1;
            if (start < 1) throw new ExecutionException("start position cannot be smaller than 1");
            if (occurrence < 1) throw new ExecutionException("occurrence cannot be smaller than 1");
            var s = Text(_s[row]);
            value = -1;
            var from = Utf8.OffsetOfCodePointUtf16(s, start - 1);
            if (from < 0) return true;
            var match = cache.Get(_p[row]).Match(s, from);
            for (var k = 1; match.Success; k++)
            {
                if (k == occurrence)
                {
                    value = CodePointPosition(s, match.Index);
                    return true;
                }
                match = match.NextMatch();
            }
            return true;
        }
    }

    /// <summary>regexp_replace(s, p[, replacement]): every match replaced (removed when no replacement is given).</summary>
    private readonly struct ReplaceOp(Vec[] args, RegexCache cache) : IRowBytes
    {
        private readonly StringArg _s = new(args[0]);
        private readonly StringArg _p = new(args[1]);
        private readonly bool _hasReplacement = args.Length == 3;
        private readonly StringArg _r = args.Length == 3 ? new(args[2]) : default;

        public bool Write(int row, Utf8ColumnWriter output)
        {
            var regex = cache.Get(_p[row]);
            var replacement = _hasReplacement ? JavaReplacement(Text(_r[row]), regex) : "";
            WriteText(output, regex.Replace(Text(_s[row]), replacement));
            return true;
        }
    }

    /// <summary>Java's replacement syntax in .NET's: <c>$n</c> takes the longest group number that exists, <c>\x</c> is x literally.</summary>
    private static string JavaReplacement(string java, Regex regex)
    {
        var groups = regex.GetGroupNumbers().Length - 1;
        var result = new StringBuilder(java.Length + 8);
        for (var i = 0; i < java.Length; i++)
        {
            var c = java[i];
            if (c == '\\')
            {
                if (++i >= java.Length) throw new ExecutionException("character to be escaped is missing in the regexp_replace replacement");
                if (java[i] == '$') result.Append("$$");
                else result.Append(java[i]);
            }
            else if (c == '$')
            {
                if (i + 1 < java.Length && java[i + 1] == '{')
                {
                    var end = java.IndexOf('}', i + 2);
                    if (end < 0) throw new ExecutionException("named capturing group is missing trailing '}' in the regexp_replace replacement");
                    var name = java[(i + 2)..end];
                    if (regex.GroupNumberFromName(name) < 0) throw new ExecutionException($"No group with name {{{name}}}");
                    result.Append("${").Append(name).Append('}');
                    i = end;
                }
                else
                {
                    if (i + 1 >= java.Length || !char.IsAsciiDigit(java[i + 1])) throw new ExecutionException("Illegal group reference in the regexp_replace replacement");
                    var number = java[++i] - '0';
                    if (number > groups) throw new ExecutionException($"No group {number}");
                    while (i + 1 < java.Length && char.IsAsciiDigit(java[i + 1]) && number * 10 + (java[i + 1] - '0') <= groups)
                    {
                        number = number * 10 + (java[++i] - '0');
                    }
                    result.Append("${").Append(number).Append('}');
                }
            }
            else
            {
                result.Append(c);
            }
        }
        return result.ToString();
    }

    private static ArrowArray ExtractAll(Vec[] args, int rows, RegexCache cache)
    {
        var validity = FunctionArgs.StrictValidity(args, rows);
        var s = new StringArg(args[0]);
        var p = new StringArg(args[1]);
        var hasGroup = args.Length == 3;
        var groupArg = hasGroup ? new PrimitiveArg<long>(args[2]) : default;
        var builder = new TextListBuilder(rows);
        for (var i = 0; i < rows; i++)
        {
            if (FunctionArgs.IsValid(validity, i))
            {
                var regex = cache.Get(p[i]);
                var group = Group(regex, hasGroup ? groupArg[i] : 0);
                for (var match = regex.Match(Text(s[i])); match.Success; match = match.NextMatch())
                {
                    if (match.Groups[group].Success) builder.Add(Encoding.UTF8.GetBytes(match.Groups[group].Value));
                    else builder.AddNull();
                }
            }
            builder.EndRow();
        }
        return builder.Build(validity);
    }

    /// <summary>regexp_split(s, p): the pieces between matches, keeping empty ones (also a trailing one).</summary>
    private static ArrowArray Split(Vec[] args, int rows, RegexCache cache)
    {
        var validity = FunctionArgs.StrictValidity(args, rows);
        var s = new StringArg(args[0]);
        var p = new StringArg(args[1]);
        var builder = new TextListBuilder(rows);
        for (var i = 0; i < rows; i++)
        {
            if (FunctionArgs.IsValid(validity, i))
            {
                var text = Text(s[i]);
                var previous = 0;
                for (var match = cache.Get(p[i]).Match(text); match.Success; match = match.NextMatch())
                {
                    builder.Add(Encoding.UTF8.GetBytes(text[previous..match.Index]));
                    previous = match.Index + match.Length;
                }
                builder.Add(Encoding.UTF8.GetBytes(text[previous..]));
            }
            builder.EndRow();
        }
        return builder.Build(validity);
    }
}
