using System.Text;
using QueryEngine.Engine.Columnar;
using QueryEngine.Engine.Common;
using QueryEngine.Engine.Expressions.Evaluation;

namespace QueryEngine.Engine.Expressions.Functions;

/// <summary>More of Trino's string functions: chr, codepoint, edit distances, translate, split. Lengths are in code points.</summary>
internal static class TextFunctions
{
    public static FunctionKernel? Create(string name) => name switch
    {
        "chr" => (a, n) => RowKernels.Bytes(a, n, DataType.Utf8, new ChrOp(a[0])),
        "codepoint" => (a, n) => RowKernels.Values<int, CodePointOp>(a, n, DataType.Int32, new CodePointOp(a[0])),
        "levenshtein_distance" => (a, n) => RowKernels.Values<long, LevenshteinOp>(a, n, DataType.Int64, new LevenshteinOp(a)),
        "hamming_distance" => (a, n) => RowKernels.Values<long, HammingOp>(a, n, DataType.Int64, new HammingOp(a)),
        "translate" => (a, n) => RowKernels.Bytes(a, n, DataType.Utf8, new TranslateOp(a)),
        "split" => Split,
        "normalize" => (a, n) => RowKernels.Bytes(a, n, DataType.Utf8, new NormalizeOp(a)),
        _ => null,
    };

    private static int[] CodePoints(ReadOnlySpan<byte> utf8)
    {
        var result = new int[Utf8.CountCodePoints(utf8)];
        var i = 0;
        while (!utf8.IsEmpty)
        {
            Rune.DecodeFromUtf8(utf8, out var rune, out var consumed);
            result[i++] = rune.Value;
            utf8 = utf8[consumed..];
        }
        return result;
    }

    private readonly struct ChrOp(Vec input) : IRowBytes
    {
        private readonly PrimitiveArg<long> _input = new(input);

        public bool Write(int row, Utf8ColumnWriter output)
        {
            var value = _input[row];
            if (value is < 0 or > 0x10FFFF || value is >= 0xD800 and <= 0xDFFF) throw new ExecutionException($"Not a valid Unicode code point: {value}");
            var rune = new Rune((int)value);
            output.Advance(rune.EncodeToUtf8(output.Reserve(4)));
            return true;
        }
    }

    private readonly struct CodePointOp(Vec input) : IRowValue<int>
    {
        private readonly StringArg _input = new(input);

        public bool Compute(int row, out int value)
        {
            var text = _input[row];
            if (Utf8.CountCodePoints(text) != 1) throw new ExecutionException("Input string must be a single character string");
            Rune.DecodeFromUtf8(text, out var rune, out _);
            value = rune.Value;
            return true;
        }
    }

    private readonly struct LevenshteinOp(Vec[] args) : IRowValue<long>
    {
        private readonly StringArg _left = new(args[0]);
        private readonly StringArg _right = new(args[1]);

        public bool Compute(int row, out long value)
        {
            var a = CodePoints(_left[row]);
            var b = CodePoints(_right[row]);
            if ((long)a.Length * b.Length > 1_000_000) throw new ExecutionException("The combined inputs for Levenshtein distance are too large");
            var previous = new int[b.Length + 1];
            var current = new int[b.Length + 1];
            for (var j = 0; j <= b.Length; j++) previous[j] = j;
            for (var i = 1; i <= a.Length; i++)
            {
                current[0] = i;
                for (var j = 1; j <= b.Length; j++)
                {
                    var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                    current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
                }
                (previous, current) = (current, previous);
            }
            value = previous[b.Length];
            return true;
        }
    }

    private readonly struct HammingOp(Vec[] args) : IRowValue<long>
    {
        private readonly StringArg _left = new(args[0]);
        private readonly StringArg _right = new(args[1]);

        public bool Compute(int row, out long value)
        {
            var a = CodePoints(_left[row]);
            var b = CodePoints(_right[row]);
            if (a.Length != b.Length) throw new ExecutionException("The input strings to hamming_distance function must have the same length");
            value = 0;
            for (var i = 0; i < a.Length; i++)
            {
                if (a[i] != b[i]) value++;
            }
            return true;
        }
    }

    /// <summary>translate(s, from, to): each code point of <c>from</c> becomes the one at the same place in <c>to</c>, or is removed when <c>to</c> is shorter.</summary>
    private readonly struct TranslateOp(Vec[] args) : IRowBytes
    {
        private readonly StringArg _source = new(args[0]);
        private readonly StringArg _from = new(args[1]);
        private readonly StringArg _to = new(args[2]);

        public bool Write(int row, Utf8ColumnWriter output)
        {
            var from = CodePoints(_from[row]);
            var to = CodePoints(_to[row]);
            var text = _source[row];
            while (!text.IsEmpty)
            {
                Rune.DecodeFromUtf8(text, out var rune, out var consumed);
                var index = Array.IndexOf(from, rune.Value);
                if (index < 0) output.Write(text[..consumed]);
                else if (index < to.Length) output.Advance(new Rune(to[index]).EncodeToUtf8(output.Reserve(4)));
                text = text[consumed..];
            }
            return true;
        }
    }

    /// <summary>normalize(s[, form]): Unicode normal form NFC (the default), NFD, NFKC or NFKD, through ICU.</summary>
    private readonly struct NormalizeOp(Vec[] args) : IRowBytes
    {
        private readonly StringArg _source = new(args[0]);
        private readonly bool _hasForm = args.Length == 2;
        private readonly StringArg _form = args.Length == 2 ? new(args[1]) : default;

        public bool Write(int row, Utf8ColumnWriter output)
        {
            var text = _source[row];
            var form = _hasForm ? Encoding.UTF8.GetString(_form[row]) : "NFC";
            var normalized = IcuNormalizer.Instance.Normalize(Encoding.UTF8.GetString(text), form.ToUpperInvariant());
            var dest = output.Reserve(Encoding.UTF8.GetMaxByteCount(normalized.Length));
            output.Advance(Encoding.UTF8.GetBytes(normalized, dest));
            return true;
        }
    }

    /// <summary>split(s, delimiter[, limit]): the pieces between delimiters; with a limit the last piece keeps the rest.</summary>
    private static ArrowArray Split(Vec[] args, int rows)
    {
        var validity = FunctionArgs.StrictValidity(args, rows);
        var s = new StringArg(args[0]);
        var d = new StringArg(args[1]);
        var hasLimit = args.Length == 3;
        var limitArg = hasLimit ? new PrimitiveArg<long>(args[2]) : default;
        var builder = new TextListBuilder(rows);
        for (var i = 0; i < rows; i++)
        {
            if (FunctionArgs.IsValid(validity, i))
            {
                var text = s[i];
                var delimiter = d[i];
                if (delimiter.IsEmpty) throw new ExecutionException("The delimiter may not be the empty string");
                var limit = hasLimit ? limitArg[i] : long.MaxValue;
                if (limit <= 0) throw new ExecutionException("Limit must be positive");
                long pieces = 1;
                while (pieces < limit)
                {
                    var index = text.IndexOf(delimiter);
                    if (index < 0) break;
                    builder.Add(text[..index]);
                    text = text[(index + delimiter.Length)..];
                    pieces++;
                }
                builder.Add(text);
            }
            builder.EndRow();
        }
        return builder.Build(validity);
    }
}
