using System.Text;
using QueryEngine.Engine.Common;

namespace QueryEngine.Engine.Expressions.Evaluation;

/// <summary>
/// A compiled LIKE pattern over UTF-8 bytes. <c>%</c> matches any sequence, <c>_</c> exactly one code point; the
/// escape character makes the next <c>%</c>, <c>_</c> or escape literal. Common shapes ('abc', 'abc%', '%abc',
/// '%abc%') use vectorized span searches; anything else runs a backtracking matcher.
/// </summary>
internal sealed class LikePattern
{
    private const int AnyOne = -1;
    private const int AnyMany = -2;

    private enum Shape
    {
        Exact,
        Prefix,
        Suffix,
        Contains,
        MatchAll,
        General,
    }

    private readonly Shape _shape;
    private readonly byte[] _literal = [];
    private readonly int[] _ops = [];

    private LikePattern(Shape shape, byte[] literal, int[] ops)
    {
        _shape = shape;
        _literal = literal;
        _ops = ops;
    }

    public static LikePattern Compile(string pattern, string? escape)
    {
        int? escapeChar = null;
        if (escape is not null)
        {
            if (escape.EnumerateRunes().Count() != 1) throw new ExecutionException("Escape string must be a single character", ErrorCode.ExecutionError);
            escapeChar = escape.EnumerateRunes().First().Value;
        }
        var ops = new List<int>();
        var runes = pattern.EnumerateRunes().ToArray();
        Span<byte> buffer = stackalloc byte[4];
        for (var i = 0; i < runes.Length; i++)
        {
            var r = runes[i];
            if (escapeChar == r.Value)
            {
                if (i + 1 >= runes.Length || runes[i + 1].Value != '%' && runes[i + 1].Value != '_' && runes[i + 1].Value != escapeChar)
                {
                    throw new ExecutionException("Escape character must be followed by '%', '_' or the escape character", ErrorCode.ExecutionError);
                }
                i++;
                r = runes[i];
            }
            else if (r.Value == '%')
            {
                if (ops.Count == 0 || ops[^1] != AnyMany) ops.Add(AnyMany);
                continue;
            }
            else if (r.Value == '_')
            {
                ops.Add(AnyOne);
                continue;
            }
            var len = r.EncodeToUtf8(buffer);
            for (var k = 0; k < len; k++) ops.Add(buffer[k]);
        }
        return Classify([.. ops]);
    }

    private static LikePattern Classify(int[] ops)
    {
        var anyOne = Array.IndexOf(ops, AnyOne) >= 0;
        var manyCount = 0;
        foreach (var op in ops)
        {
            if (op == AnyMany) manyCount++;
        }
        if (!anyOne)
        {
            if (manyCount == 0) return new LikePattern(Shape.Exact, Literal(ops, 0, ops.Length), ops);
            if (ops.Length == 1) return new LikePattern(Shape.MatchAll, [], ops);
            if (manyCount == 1 && ops[^1] == AnyMany) return new LikePattern(Shape.Prefix, Literal(ops, 0, ops.Length - 1), ops);
            if (manyCount == 1 && ops[0] == AnyMany) return new LikePattern(Shape.Suffix, Literal(ops, 1, ops.Length - 1), ops);
            if (manyCount == 2 && ops[0] == AnyMany && ops[^1] == AnyMany) return new LikePattern(Shape.Contains, Literal(ops, 1, ops.Length - 2), ops);
        }
        return new LikePattern(Shape.General, [], ops);
    }

    private static byte[] Literal(int[] ops, int start, int length)
    {
        var bytes = new byte[length];
        for (var i = 0; i < length; i++) bytes[i] = (byte)ops[start + i];
        return bytes;
    }

    public bool Matches(ReadOnlySpan<byte> text) => _shape switch
    {
        Shape.Exact => text.SequenceEqual(_literal),
        Shape.Prefix => text.StartsWith(_literal),
        Shape.Suffix => text.EndsWith(_literal),
        Shape.Contains => text.IndexOf(_literal) >= 0,
        Shape.MatchAll => true,
        _ => MatchGeneral(text),
    };

    private bool MatchGeneral(ReadOnlySpan<byte> text)
    {
        var ops = _ops;
        int s = 0, p = 0, starP = -1, starS = 0;
        while (s < text.Length)
        {
            if (p < ops.Length && ops[p] == AnyOne)
            {
                s += CodePointLength(text[s]);
                p++;
            }
            else if (p < ops.Length && ops[p] >= 0 && ops[p] == text[s])
            {
                s++;
                p++;
            }
            else if (p < ops.Length && ops[p] == AnyMany)
            {
                starP = p++;
                starS = s;
            }
            else if (starP >= 0)
            {
                p = starP + 1;
                starS += CodePointLength(text[starS]);
                s = starS;
            }
            else
            {
                return false;
            }
        }
        while (p < ops.Length && ops[p] == AnyMany) p++;
        return p == ops.Length;
    }

    private static int CodePointLength(byte lead) => lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;

    public override string ToString() => _shape + ":" + Encoding.UTF8.GetString(_literal);
}
