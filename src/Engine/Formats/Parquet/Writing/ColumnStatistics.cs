using System.Buffers.Binary;
using QueryEngine.Engine.Formats.Parquet.Encodings;
using QueryEngine.Engine.Formats.Parquet.Metadata;

namespace QueryEngine.Engine.Formats.Parquet.Writing;

/// <summary>
/// Min/max (in the column's sort order: signed integers and decimals, IEEE floats without NaN, unsigned bytes for
/// byte arrays, false &lt; true) and the null count of a column chunk.
/// </summary>
internal static class ColumnStatistics
{
    public static Statistics Compute(WriterColumn column, ValueBuffer values, long nulls) => Compute(column, values, 0, values.Count, nulls);

    /// <summary>The statistics of the <paramref name="count"/> values from <paramref name="first"/> (one page).</summary>
    public static Statistics Compute(WriterColumn column, ValueBuffer values, int first, int count, long nulls)
    {
        var stats = new Statistics { NullCount = nulls };
        var comparer = new ValueBytesComparer(values);
        var min = -1;
        var max = -1;
        for (var i = first; i < first + count; i++)
        {
            if (IsNaN(column.Physical, comparer.Get(i))) continue;
            if (min < 0 || Compare(column.Physical, comparer.Get(i), comparer.Get(min)) < 0) min = i;
            if (max < 0 || Compare(column.Physical, comparer.Get(i), comparer.Get(max)) > 0) max = i;
        }
        if (min >= 0)
        {
            stats.MinValue = comparer.Get(min).ToArray();
            stats.MaxValue = comparer.Get(max).ToArray();
            if (column.Physical is PhysicalType.Float or PhysicalType.Double)
            {
                // A zero minimum is written as -0.0 and a zero maximum as +0.0, as the format asks.
                if (IsZero(column.Physical, stats.MinValue)) stats.MinValue = column.Physical == PhysicalType.Float ? BitConverter.GetBytes(-0.0f) : BitConverter.GetBytes(-0.0);
                if (IsZero(column.Physical, stats.MaxValue)) stats.MaxValue = column.Physical == PhysicalType.Float ? BitConverter.GetBytes(0.0f) : BitConverter.GetBytes(0.0);
            }
        }
        return stats;
    }

    private static bool IsNaN(PhysicalType type, ReadOnlySpan<byte> v) => type switch
    {
        PhysicalType.Float => float.IsNaN(BinaryPrimitives.ReadSingleLittleEndian(v)),
        PhysicalType.Double => double.IsNaN(BinaryPrimitives.ReadDoubleLittleEndian(v)),
        _ => false,
    };

    private static bool IsZero(PhysicalType type, byte[] v) => type == PhysicalType.Float
        ? BinaryPrimitives.ReadSingleLittleEndian(v) == 0
        : BinaryPrimitives.ReadDoubleLittleEndian(v) == 0;

    /// <summary>Compares two PLAIN-encoded values in the column's sort order.</summary>
    public static int Compare(PhysicalType type, ReadOnlySpan<byte> a, ReadOnlySpan<byte> b) => type switch
    {
        PhysicalType.Boolean => a[0].CompareTo(b[0]),
        PhysicalType.Int32 => BinaryPrimitives.ReadInt32LittleEndian(a).CompareTo(BinaryPrimitives.ReadInt32LittleEndian(b)),
        PhysicalType.Int64 => BinaryPrimitives.ReadInt64LittleEndian(a).CompareTo(BinaryPrimitives.ReadInt64LittleEndian(b)),
        PhysicalType.Float => BinaryPrimitives.ReadSingleLittleEndian(a).CompareTo(BinaryPrimitives.ReadSingleLittleEndian(b)),
        PhysicalType.Double => BinaryPrimitives.ReadDoubleLittleEndian(a).CompareTo(BinaryPrimitives.ReadDoubleLittleEndian(b)),
        PhysicalType.FixedLenByteArray => CompareSignedBigEndian(a, b),
        _ => a.SequenceCompareTo(b),
    };

    private static int CompareSignedBigEndian(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b)
    {
        var signA = (sbyte)a[0] < 0;
        var signB = (sbyte)b[0] < 0;
        if (signA != signB) return signA ? -1 : 1;
        return a.SequenceCompareTo(b);
    }
}
