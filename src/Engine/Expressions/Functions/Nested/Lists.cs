using QueryEngine.Engine.Columnar;
using QueryEngine.Engine.Expressions.Evaluation;

namespace QueryEngine.Engine.Expressions.Functions.Nested;

/// <summary>
/// Shape helpers for list and map columns: compact layout (offsets from 0 to the child length, null rows empty),
/// the parent row of every element, and flat expansion of constant vectors.
/// </summary>
internal static class Lists
{
    /// <summary>The list column of a vector for <paramref name="rows"/> rows, compacted.</summary>
    public static ListArray Flat(Vec v, int rows) => Compact((ListArray)v.Expand(rows));

    public static MapArray FlatMap(Vec v, int rows) => Compact((MapArray)v.Expand(rows));

    /// <summary>The same lists with offsets starting at 0, ending at the child's length and null rows empty.</summary>
    public static ListArray Compact(ListArray a)
    {
        if (IsCompact(a.Offsets, a.Values.Length, a)) return a;
        return (ListArray)a.Take(Identity(a.Length));
    }

    public static MapArray Compact(MapArray a)
    {
        if (IsCompact(a.Offsets, a.Keys.Length, a)) return a;
        return (MapArray)a.Take(Identity(a.Length));
    }

    private static bool IsCompact(int[] offsets, int childLength, ArrowArray a)
    {
        if (offsets[0] != 0 || offsets[a.Length] != childLength) return false;
        if (a.NullCount == 0) return true;
        for (var i = 0; i < a.Length; i++)
        {
            if (a.IsNull(i) && offsets[i + 1] != offsets[i]) return false;
        }
        return true;
    }

    private static int[] Identity(int n)
    {
        var result = new int[n];
        for (var i = 0; i < n; i++) result[i] = i;
        return result;
    }

    /// <summary>For every element of compact offsets, the row it belongs to.</summary>
    public static int[] Parents(int[] offsets, int rows)
    {
        var result = new int[offsets[rows]];
        for (var r = 0; r < rows; r++)
        {
            for (var k = offsets[r]; k < offsets[r + 1]; k++) result[k] = r;
        }
        return result;
    }

    /// <summary>Offsets of lists whose lengths are <paramref name="lengths"/>.</summary>
    public static int[] OffsetsFromLengths(ReadOnlySpan<int> lengths)
    {
        var offsets = new int[lengths.Length + 1];
        for (var i = 0; i < lengths.Length; i++) offsets[i + 1] = checked(offsets[i] + lengths[i]);
        return offsets;
    }

    public static ListType ListOf(DataType element) => new(new Field("element", element));

    /// <summary>Wraps a vector result: constant when every input was constant.</summary>
    public static Vec Result(ArrowArray array, bool constant) => constant ? Vec.Constant(array) : Vec.Flat(array);
}
