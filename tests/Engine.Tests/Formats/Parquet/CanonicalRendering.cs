using System.Globalization;
using System.Text;
using QueryEngine.Engine.Columnar;

namespace QueryEngine.Engine.Tests.Formats.Parquet;

/// <summary>
/// The canonical text of a value that tests/interop/parquet-corpus.mjs renders DuckDB's values in (see the rules
/// at the top of that script): exact, so that any difference in a value shows.
/// </summary>
public static class CanonicalRendering
{
    public static string Row(RecordBatch batch, int row)
    {
        var sb = new StringBuilder();
        for (var c = 0; c < batch.Columns.Count; c++)
        {
            if (c > 0) sb.Append('|');
            sb.Append(Value(batch.Columns[c], row));
        }
        return sb.ToString();
    }

    public static string Value(ArrowArray array, int row)
    {
        if (array.IsNull(row)) return "NULL";
        return array switch
        {
            BooleanArray b => b.GetBit(row) ? "true" : "false",
            PrimitiveArray<Int128> d when d.Type is DecimalType dt => ValueFormatter.FormatDecimal(d[row], dt.Scale),
            PrimitiveArray<Int128> t when t.Type is TimestampType => "ns:" + (t[row] / 1000).ToString(CultureInfo.InvariantCulture),
            PrimitiveArray<float> f => float.IsNaN(f[row]) ? "NaN" : "f:" + BitConverter.SingleToUInt32Bits(f[row]).ToString("x8", CultureInfo.InvariantCulture),
            PrimitiveArray<double> d => double.IsNaN(d[row]) ? "NaN" : "d:" + BitConverter.DoubleToUInt64Bits(d[row]).ToString("x16", CultureInfo.InvariantCulture),
            PrimitiveArray<sbyte> v => v[row].ToString(CultureInfo.InvariantCulture),
            PrimitiveArray<short> v => v[row].ToString(CultureInfo.InvariantCulture),
            PrimitiveArray<int> v => v[row].ToString(CultureInfo.InvariantCulture),
            PrimitiveArray<long> v => v[row].ToString(CultureInfo.InvariantCulture),
            BinaryArray s when s.IsUtf8 => Escape(s.GetString(row)),
            BinaryArray b => "x:" + Convert.ToHexStringLower(b.GetBytes(row)),
            ListArray l => "[" + string.Join(",", Enumerable.Range(l.Offsets[row], l.ValueLength(row)).Select(k => Value(l.Values, k))) + "]",
            StructArray s => "{" + string.Join(",", ((StructType)s.Type).Fields.Select((f, k) => f.Name + ":" + Value(s.Children[k], row))) + "}",
            MapArray m => "{" + string.Join(",", Enumerable.Range(m.Offsets[row], m.Offsets[row + 1] - m.Offsets[row]).Select(k => Value(m.Keys, k) + "=" + Value(m.Values, k))) + "}",
            _ => throw new InvalidOperationException($"no canonical rendering for {array.Type}"),
        };
    }

    private static string Escape(string text)
    {
        var sb = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            switch (c)
            {
                case '\\': sb.Append(@"\\"); break;
                case '|': sb.Append(@"\|"); break;
                case '\n': sb.Append(@"\n"); break;
                case '\r': sb.Append(@"\r"); break;
                case < ' ': sb.Append(@"\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture)); break;
                default: sb.Append(c); break;
            }
        }
        return sb.ToString();
    }
}
