using System.Numerics;
using QueryEngine.Engine.Columnar;
using QueryEngine.Engine.Common;

namespace QueryEngine.Engine.Execution.Operators.Sort;

/// <summary>
/// Compares two rows of one evaluated sort key, applying direction and null placement. One sealed typed subclass per
/// value kind, so a comparison is one virtual call with no boxing; used to break ties of the normalized primary key.
/// </summary>
internal abstract class KeyComparer
{
    protected KeyComparer(ArrowArray values, bool ascending, bool nullsFirst)
    {
        Values = values;
        Direction = ascending ? 1 : -1;
        NullOrder = nullsFirst ? -1 : 1;
    }

    protected ArrowArray Values { get; }

    protected int Direction { get; }

    /// <summary>-1 when nulls sort first, 1 when last (independent of direction).</summary>
    protected int NullOrder { get; }

    public int Compare(int a, int b)
    {
        var an = Values.IsNull(a);
        var bn = Values.IsNull(b);
        if (an || bn)
        {
            if (an && bn) return 0;
            return an ? NullOrder : -NullOrder;
        }
        return Direction * CompareValues(a, b);
    }

    protected abstract int CompareValues(int a, int b);

    public static KeyComparer Create(ArrowArray values, bool ascending, bool nullsFirst) => values switch
    {
        PrimitiveArray<sbyte> p => new PrimitiveKeyComparer<sbyte>(p, ascending, nullsFirst),
        PrimitiveArray<short> p => new PrimitiveKeyComparer<short>(p, ascending, nullsFirst),
        PrimitiveArray<int> p => new PrimitiveKeyComparer<int>(p, ascending, nullsFirst),
        PrimitiveArray<long> p => new PrimitiveKeyComparer<long>(p, ascending, nullsFirst),
        PrimitiveArray<float> p => new PrimitiveKeyComparer<float>(p, ascending, nullsFirst),
        PrimitiveArray<double> p => new PrimitiveKeyComparer<double>(p, ascending, nullsFirst),
        PrimitiveArray<Int128> p => new PrimitiveKeyComparer<Int128>(p, ascending, nullsFirst),
        BinaryArray s => new BinaryKeyComparer(s, ascending, nullsFirst),
        BooleanArray b => new BooleanKeyComparer(b, ascending, nullsFirst),
        NullArray n => new BooleanKeyComparer(n, ascending, nullsFirst),
        _ => throw new NotSupportedQueryException($"ORDER BY over {values.Type.SqlName} values is not supported"),
    };
}

/// <summary>Numbers, dates, timestamps, decimals; NaN sorts above every other value (Trino).</summary>
internal sealed class PrimitiveKeyComparer<T> : KeyComparer
    where T : unmanaged, INumberBase<T>, IComparisonOperators<T, T, bool>
{
    private readonly T[] _values;

    public PrimitiveKeyComparer(PrimitiveArray<T> values, bool ascending, bool nullsFirst) : base(values, ascending, nullsFirst) => _values = values.Buffer;

    protected override int CompareValues(int a, int b)
    {
        var x = _values[a];
        var y = _values[b];
        if (x < y) return -1;
        if (x > y) return 1;
        if (x == y) return 0;
        // At least one NaN.
        var xn = T.IsNaN(x);
        var yn = T.IsNaN(y);
        return xn == yn ? 0 : xn ? 1 : -1;
    }
}

internal sealed class BinaryKeyComparer : KeyComparer
{
    private readonly BinaryArray _values;

    public BinaryKeyComparer(BinaryArray values, bool ascending, bool nullsFirst) : base(values, ascending, nullsFirst) => _values = values;

    protected override int CompareValues(int a, int b) => _values.GetBytes(a).SequenceCompareTo(_values.GetBytes(b));
}

internal sealed class BooleanKeyComparer : KeyComparer
{
    public BooleanKeyComparer(ArrowArray values, bool ascending, bool nullsFirst) : base(values, ascending, nullsFirst)
    {
    }

    protected override int CompareValues(int a, int b)
    {
        var bits = (BooleanArray)Values;
        return bits.GetBit(a).CompareTo(bits.GetBit(b));
    }
}

/// <summary>Compares rows by a list of keys in order (ties of the first decide by the second, ...).</summary>
internal sealed class ChainComparer(KeyComparer[] keys) : IComparer<int>
{
    public int Compare(int a, int b)
    {
        foreach (var key in keys)
        {
            var c = key.Compare(a, b);
            if (c != 0) return c;
        }
        return 0;
    }
}
