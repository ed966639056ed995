using System.Buffers.Binary;
using System.Text;
using QueryEngine.Engine.Columnar;
using QueryEngine.Engine.Expressions;
using QueryEngine.Engine.Formats.Parquet.Metadata;

namespace QueryEngine.Engine.Formats.Parquet.Reading;

/// <summary>
/// Skips row groups by their column statistics. Understands AND/OR of <c>column op literal</c> (either side),
/// <c>IS [NOT] NULL</c> and <c>column IN (literals)</c> (a dynamic filter's key set); everything else may match. Min/max are used only where their order is certain: integers,
/// dates, timestamps and decimals (signed, or unsigned for unsigned integers via the new min_value/max_value), and
/// strings through min_value/max_value (unsigned byte order). Floating point, booleans, binary and INT96 are never
/// pruned by value.
/// </summary>
internal static class RowGroupPruner
{
    /// <param name="filters">Conjuncts over the table schema.</param>
    /// <param name="group">The row group.</param>
    /// <param name="leafOf">The file leaf read for a table column (only when its engine type is the table column's type), else null.</param>
    public static bool MayMatch(IReadOnlyList<PhysicalExpr> filters, RowGroup group, Func<int, ParquetLeaf?> leafOf)
    {
        var view = new RowGroupStatistics(group);
        foreach (var filter in filters)
        {
            if (!May(filter, view, leafOf)) return false;
        }
        return true;
    }

    /// <summary>Whether rows described by <paramref name="view"/> (a row group, or one page) may satisfy <paramref name="filter"/>.</summary>
    public static bool MayMatch(PhysicalExpr filter, IStatisticsView view, Func<int, ParquetLeaf?> leafOf) => May(filter, view, leafOf);

    private static bool May(PhysicalExpr expr, IStatisticsView group, Func<int, ParquetLeaf?> leafOf)
    {
        switch (expr)
        {
            case LiteralExpr { Value: bool b }:
                return b;
            case LiteralExpr { Value: null }:
                return false;
            case BinaryExpr { Op: BinaryOp.And } and:
                return May(and.Left, group, leafOf) && May(and.Right, group, leafOf);
            case BinaryExpr { Op: BinaryOp.Or } or:
                return May(or.Left, group, leafOf) || May(or.Right, group, leafOf);
            case IsNullExpr { Input: ColumnExpr column } isNull:
                {
                    if (leafOf(column.Index) is not { } leaf || Stats(group, leaf) is not { NullCount: { } nulls }) return true;
                    return isNull.Negated ? nulls < group.Rows : nulls > 0;
                }
            case BinaryExpr { Left: ColumnExpr column, Right: LiteralExpr literal } cmp:
                return Compare(cmp.Op, column, literal, group, leafOf);
            case BinaryExpr { Left: LiteralExpr literal, Right: ColumnExpr column } cmp:
                return Compare(Flip(cmp.Op), column, literal, group, leafOf);
            case InListExpr { Input: ColumnExpr column, Negated: false } inList:
                return AnyEqual(column, inList.List, group, leafOf);
            default:
                return true;
        }
    }

    /// <summary><c>column IN (...)</c>: whether any literal of the list may be equal to a value of the column (an item that is not a literal may match).</summary>
    private static bool AnyEqual(ColumnExpr column, IReadOnlyList<PhysicalExpr> list, IStatisticsView group, Func<int, ParquetLeaf?> leafOf)
    {
        foreach (var item in list)
        {
            if (item is not LiteralExpr literal || Compare(BinaryOp.Equal, column, literal, group, leafOf)) return true;
        }
        return false;
    }

    private static BinaryOp Flip(BinaryOp op) => op switch
    {
        BinaryOp.Less => BinaryOp.Greater,
        BinaryOp.LessOrEqual => BinaryOp.GreaterOrEqual,
        BinaryOp.Greater => BinaryOp.Less,
        BinaryOp.GreaterOrEqual => BinaryOp.LessOrEqual,
        _ => op,
    };

    private static bool Compare(BinaryOp op, ColumnExpr column, LiteralExpr literal, IStatisticsView group, Func<int, ParquetLeaf?> leafOf)
    {
        if (op is not (BinaryOp.Equal or BinaryOp.NotEqual or BinaryOp.Less or BinaryOp.LessOrEqual or BinaryOp.Greater or BinaryOp.GreaterOrEqual)) return true;
        if (leafOf(column.Index) is not { } leaf || Stats(group, leaf) is not { } stats) return true;
        if (stats.NullCount is { } nulls && nulls == group.Rows && group.Rows > 0) return false;
        if (literal.Value is null) return false;
        if (!SameDomain(leaf.Type, literal.Type)) return true;
        if (!TryBounds(leaf, stats, out var min, out var max)) return true;
        var value = Key(literal.Value);
        if (value is null) return true;
        var lo = value.Value.CompareTo(min);
        var hi = value.Value.CompareTo(max);
        return op switch
        {
            BinaryOp.Equal => lo >= 0 && hi <= 0,
            BinaryOp.NotEqual => !(lo == 0 && hi == 0),
            BinaryOp.Less => lo > 0,
            BinaryOp.LessOrEqual => lo >= 0,
            BinaryOp.Greater => hi < 0,
            _ => hi <= 0,
        };
    }

    internal static bool SameDomain(DataType? file, DataType literal)
    {
        if (file is null) return false;
        return (file, literal) switch
        {
            (DecimalType a, DecimalType b) => a.Scale == b.Scale,
            (TimestampType, TimestampType) => true,
            _ => file.Id == literal.Id,
        };
    }

    private static Statistics? Stats(IStatisticsView group, ParquetLeaf leaf) => group.For(leaf);

    /// <summary>The chunk statistics of a row group.</summary>
    private sealed class RowGroupStatistics(RowGroup group) : IStatisticsView
    {
        public long Rows => group.NumRows;

        public Statistics? For(ParquetLeaf leaf) => leaf.Index < group.Columns.Count ? group.Columns[leaf.Index].MetaData?.Statistics : null;
    }

    private static bool TryBounds(ParquetLeaf leaf, Statistics stats, out SortKey min, out SortKey max)
    {
        min = max = default;
        var exact = stats.MinValue is not null && stats.MaxValue is not null;
        var (rawMin, rawMax) = exact ? (stats.MinValue!, stats.MaxValue!) : (stats.Min, stats.Max);
        if (rawMin is null || rawMax is null) return false;
        var signedLegacyOk = leaf.Physical is PhysicalType.Int32 or PhysicalType.Int64;
        switch (leaf.Kind)
        {
            case ValueKind.Int32 or ValueKind.Int8FromInt32 or ValueKind.Int16FromInt32 or ValueKind.Date or ValueKind.DecimalInt32:
                if (rawMin.Length != 4 || rawMax.Length != 4 || (!exact && !signedLegacyOk)) return false;
                min = new SortKey(BinaryPrimitives.ReadInt32LittleEndian(rawMin));
                max = new SortKey(BinaryPrimitives.ReadInt32LittleEndian(rawMax));
                return true;
            case ValueKind.UInt8 or ValueKind.UInt16 or ValueKind.UInt32:
                if (!exact || rawMin.Length != 4 || rawMax.Length != 4) return false;
                min = new SortKey(BinaryPrimitives.ReadUInt32LittleEndian(rawMin));
                max = new SortKey(BinaryPrimitives.ReadUInt32LittleEndian(rawMax));
                return true;
            case ValueKind.TimestampNanos:
                // timestamp(9) values are picoseconds; their statistics are not compared (the scan reads every row group).
                return false;
            case ValueKind.Int64 or ValueKind.DecimalInt64 or ValueKind.TimestampMicros or ValueKind.TimestampMillis:
                {
                    if (rawMin.Length != 8 || rawMax.Length != 8) return false;
                    var lo = BinaryPrimitives.ReadInt64LittleEndian(rawMin);
                    var hi = BinaryPrimitives.ReadInt64LittleEndian(rawMax);
                    if (leaf.Kind == ValueKind.TimestampMillis)
                    {
                        lo = ValueConverters.MillisToMicros.Convert(lo);
                        hi = ValueConverters.MillisToMicros.Convert(hi);
                    }
                    min = new SortKey(lo);
                    max = new SortKey(hi);
                    return true;
                }
            case ValueKind.UInt64:
                if (!exact || rawMin.Length != 8 || rawMax.Length != 8) return false;
                min = new SortKey(BinaryPrimitives.ReadUInt64LittleEndian(rawMin));
                max = new SortKey(BinaryPrimitives.ReadUInt64LittleEndian(rawMax));
                return true;
            case ValueKind.DecimalBytes:
                if (!exact || rawMin.Length is 0 or > 16 || rawMax.Length is 0 or > 16) return false;
                min = new SortKey(BigEndian(rawMin));
                max = new SortKey(BigEndian(rawMax));
                return true;
            case ValueKind.Utf8:
                if (!exact) return false;
                min = new SortKey(rawMin);
                max = new SortKey(rawMax);
                return true;
            default:
                return false;
        }
    }

    private static Int128 BigEndian(ReadOnlySpan<byte> bytes)
    {
        Int128 value = (sbyte)bytes[0];
        for (var i = 1; i < bytes.Length; i++) value = (value << 8) | bytes[i];
        return value;
    }

    private static SortKey? Key(object value) => value switch
    {
        sbyte v => new SortKey(v),
        short v => new SortKey(v),
        int v => new SortKey(v),
        long v => new SortKey(v),
        Int128 v => new SortKey(v),
        string s => new SortKey(Encoding.UTF8.GetBytes(s)),
        _ => null,
    };

    /// <summary>An integer (as Int128) or a byte string (unsigned lexicographic order).</summary>
    private readonly struct SortKey(Int128 number, byte[]? bytes = null) : IComparable<SortKey>
    {
        public SortKey(byte[] bytes) : this(0, bytes)
        {
        }

        public int CompareTo(SortKey other) =>
            bytes is not null && other.Bytes is not null ? bytes.AsSpan().SequenceCompareTo(other.Bytes) : number.CompareTo(other.Number);

        private Int128 Number => number;

        private byte[]? Bytes => bytes;
    }
}
