using System.Globalization;
using System.Text;
using QueryEngine.Engine.Columnar;
using QueryEngine.Engine.Common;
using QueryEngine.Engine.Expressions.Evaluation;

namespace QueryEngine.Engine.Expressions.Functions;

/// <summary>
/// The output step of listagg: <c>$listagg(values, separator, truncate, filler, with_count)</c> joins a group's collected
/// values. Output is limited to 1048576 bytes as in Trino: past it, an error (ON OVERFLOW ERROR, the default), or the
/// values that fit, the separator, the filler and, WITH COUNT, the number of values left out in parentheses.
/// </summary>
internal static class ListaggFunction
{
    public const string Name = "$listagg";

    public const int MaxOutputBytes = 1_048_576;

    public static ResolvedFunction? Resolve(string name, IReadOnlyList<DataType> a) =>
        name == Name && a.Count == 5 && a[0] is ListType && a[1].Id == TypeId.Utf8 && a[2].Id == TypeId.Boolean && a[3].Id == TypeId.Utf8 && a[4].Id == TypeId.Boolean
            ? new ResolvedFunction(Name, a, DataType.Utf8)
            : null;

    public static Evaluator? Compile(string name, Evaluator[] args, DataType type)
    {
        if (name != Name) return null;
        var separator = Encoding.UTF8.GetBytes(ConstantText(args[1]));
        var truncate = ConstantFlag(args[2]);
        var filler = Encoding.UTF8.GetBytes(ConstantText(args[3]));
        var withCount = ConstantFlag(args[4]);
        return new FunctionEvaluator(type, args, (a, n) => Join(a[0], n, separator, truncate, filler, withCount), canFail: !truncate);
    }

    private static string ConstantText(Evaluator e) =>
        e is LiteralEvaluator { IsNull: false } l ? ((BinaryArray)l.Value).GetString(0) : throw new InternalException("listagg options are constants");

    private static bool ConstantFlag(Evaluator e) =>
        e is LiteralEvaluator { IsNull: false } l ? ((BooleanArray)l.Value).GetBit(0) : throw new InternalException("listagg options are constants");

    private static BinaryArray Join(Vec input, int rows, byte[] separator, bool truncate, byte[] filler, bool withCount)
    {
        var lists = Nested.Lists.Flat(input, rows);
        var elements = (BinaryArray)lists.Values;
        var writer = new Utf8ColumnWriter(rows, Math.Min(elements.Data.Length + rows * separator.Length, MaxOutputBytes));
        Span<byte> digits = stackalloc byte[16];
        for (var r = 0; r < rows; r++)
        {
            if (lists.Validity is { } validity && !Bitmap.Get(validity, r))
            {
                writer.NullRow();
                continue;
            }
            var start = lists.Offsets[r];
            var end = lists.Offsets[r + 1];
            var emitted = 0;
            long length = 0;
            var overflow = false;
            for (var k = start; k < end; k++)
            {
                if (elements.IsNull(k)) continue;
                var entry = elements.GetBytes(k);
                var needed = entry.Length + (emitted > 0 ? separator.Length : 0);
                if (length + needed > MaxOutputBytes)
                {
                    overflow = true;
                    break;
                }
                if (emitted > 0) writer.Write(separator);
                writer.Write(entry);
                length += needed;
                emitted++;
            }
            if (overflow)
            {
                if (!truncate)
                {
                    throw new ExecutionException($"Concatenated string has the length in bytes larger than the maximum output length {MaxOutputBytes}", ErrorCode.ResourceExhausted);
                }
                if (emitted > 0) writer.Write(separator);
                writer.Write(filler);
                if (withCount)
                {
                    var total = 0;
                    for (var k = start; k < end; k++) total += elements.IsNull(k) ? 0 : 1;
                    (total - emitted).TryFormat(digits, out var written, default, CultureInfo.InvariantCulture);
                    writer.Write((byte)'(');
                    writer.Write(digits[..written]);
                    writer.Write((byte)')');
                }
            }
            writer.EndRow();
        }
        return writer.Build();
    }
}
