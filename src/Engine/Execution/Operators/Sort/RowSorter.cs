using System.Buffers.Binary;
using QueryEngine.Engine.Columnar;
using QueryEngine.Engine.Execution.Plan;

namespace QueryEngine.Engine.Execution.Operators.Sort;

/// <summary>
/// Sorts the rows of a batch by evaluated sort keys and returns the permutation. The first key is turned into
/// order-preserving unsigned 64-bit "normalized keys" (exact for integers, floats, dates, timestamps and booleans;
/// a prefix for strings and wide decimals) and sorted with the primitive key/item sort, which makes no comparer calls;
/// only runs of equal normalized keys are then sorted with typed comparers on the remaining keys. Rows whose first
/// key is null are placed first or last as a block.
/// </summary>
internal static class RowSorter
{
    public static int[] Sort(ArrowArray[] keys, IReadOnlyList<SortKey> specs, int rows)
    {
        var comparers = new KeyComparer[keys.Length];
        for (var k = 0; k < keys.Length; k++) comparers[k] = KeyComparer.Create(keys[k], specs[k].Ascending, specs[k].NullsFirst);
        var first = keys[0];
        var nullCount = first.NullCount;
        var values = new int[rows - nullCount];
        var nulls = new int[nullCount];
        int v = 0, n = 0;
        for (var i = 0; i < rows; i++)
        {
            if (nullCount > 0 && first.IsNull(i)) nulls[n++] = i;
            else values[v++] = i;
        }
        var normalized = new ulong[values.Length];
        var exact = Normalize(first, values, normalized);
        if (!specs[0].Ascending)
        {
            for (var i = 0; i < normalized.Length; i++) normalized[i] = ~normalized[i];
        }
        normalized.AsSpan().Sort(values.AsSpan());
        var tieKeys = exact ? comparers[1..] : comparers;
        if (tieKeys.Length > 0)
        {
            var ties = new ChainComparer(tieKeys);
            var start = 0;
            for (var i = 1; i <= values.Length; i++)
            {
                if (i < values.Length && normalized[i] == normalized[start]) continue;
                if (i - start > 1) values.AsSpan(start, i - start).Sort(ties);
                start = i;
            }
            if (nulls.Length > 1 && comparers.Length > 1) nulls.AsSpan().Sort(new ChainComparer(comparers[1..]));
        }
        var result = new int[rows];
        if (specs[0].NullsFirst)
        {
            nulls.CopyTo(result, 0);
            values.CopyTo(result, nulls.Length);
        }
        else
        {
            values.CopyTo(result, 0);
            nulls.CopyTo(result, values.Length);
        }
        return result;
    }

    private const ulong Sign = 0x8000_0000_0000_0000;

    /// <summary>Fills ascending order-preserving keys for <paramref name="rows"/>; returns whether equal keys mean equal values.</summary>
    private static bool Normalize(ArrowArray column, int[] rows, ulong[] output)
    {
        switch (column)
        {
            case PrimitiveArray<sbyte> a:
                for (var i = 0; i < rows.Length; i++) output[i] = (ulong)(long)a[rows[i]] ^ Sign;
                return true;
            case PrimitiveArray<short> a:
                for (var i = 0; i < rows.Length; i++) output[i] = (ulong)(long)a[rows[i]] ^ Sign;
                return true;
            case PrimitiveArray<int> a:
                for (var i = 0; i < rows.Length; i++) output[i] = (ulong)(long)a[rows[i]] ^ Sign;
                return true;
            case PrimitiveArray<long> a:
                for (var i = 0; i < rows.Length; i++) output[i] = (ulong)a[rows[i]] ^ Sign;
                return true;
            case PrimitiveArray<float> a:
                for (var i = 0; i < rows.Length; i++) output[i] = NormalizeDouble(a[rows[i]]);
                return true;
            case PrimitiveArray<double> a:
                for (var i = 0; i < rows.Length; i++) output[i] = NormalizeDouble(a[rows[i]]);
                return true;
            case PrimitiveArray<Int128> a:
                {
                    var fitsLong = true;
                    foreach (var r in rows)
                    {
                        var x = a[r];
                        if (x < long.MinValue || x > long.MaxValue)
                        {
                            fitsLong = false;
                            break;
                        }
                    }
                    for (var i = 0; i < rows.Length; i++)
                    {
                        var x = a[rows[i]];
                        output[i] = fitsLong ? (ulong)(long)x ^ Sign : (ulong)(long)(x >> 64) ^ Sign;
                    }
                    return fitsLong;
                }
            case BooleanArray b:
                for (var i = 0; i < rows.Length; i++) output[i] = b.GetBit(rows[i]) ? 1UL : 0UL;
                return true;
            case BinaryArray s:
                {
                    Span<byte> prefix = stackalloc byte[8];
                    for (var i = 0; i < rows.Length; i++)
                    {
                        var bytes = s.GetBytes(rows[i]);
                        prefix.Clear();
                        bytes[..Math.Min(8, bytes.Length)].CopyTo(prefix);
                        output[i] = BinaryPrimitives.ReadUInt64BigEndian(prefix);
                    }
                    return false;
                }
            default:
                return false;
        }
    }

    /// <summary>IEEE bits mapped so unsigned order is numeric order: -0.0 equals 0.0, NaN above +Infinity.</summary>
    private static ulong NormalizeDouble(double d)
    {
        if (double.IsNaN(d)) return ulong.MaxValue;
        var bits = (ulong)BitConverter.DoubleToInt64Bits(d + 0.0);
        return (bits & Sign) != 0 ? ~bits : bits | Sign;
    }
}
