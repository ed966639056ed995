using System.Buffers.Binary;
using System.Text;
using QueryEngine.Engine.Common;
using QueryEngine.Engine.Expressions;
using QueryEngine.Engine.Formats.Parquet.Metadata;

namespace QueryEngine.Engine.Formats.Parquet.Reading;

/// <summary>
/// Skips a row group when, for a conjunct <c>column = literal</c> or <c>column IN (literals)</c> (under AND/OR),
/// the column chunk's bloom filter says every value is absent. Values are hashed as the spec asks: XXH64 (seed 0)
/// of their plain encoding (little-endian INT32/INT64, the bytes of a BYTE_ARRAY without its length). Only types
/// whose literal maps to exactly one stored value are used: integers stored as INT32/INT64, dates, decimals in
/// INT32/INT64, and strings.
/// </summary>
internal static class BloomFilterPruner
{
    /// <param name="filters">Conjuncts over the table schema.</param>
    /// <param name="leafOf">The file leaf of a table column (only when its engine type is the column's type), else null.</param>
    /// <param name="filterOf">The bloom filter of a leaf's chunk in this row group, or null when it has none.</param>
    public static bool MayMatch(IReadOnlyList<PhysicalExpr> filters, Func<int, ParquetLeaf?> leafOf, Func<ParquetLeaf, SplitBlockBloomFilter?> filterOf)
    {
        foreach (var filter in filters)
        {
            if (!May(filter, leafOf, filterOf)) return false;
        }
        return true;
    }

    /// <summary>True when some conjunct could use a bloom filter (so reading filters is worthwhile).</summary>
    public static bool Applies(IReadOnlyList<PhysicalExpr> filters)
    {
        foreach (var filter in filters)
        {
            if (Uses(filter)) return true;
        }
        return false;
    }

    private static bool Uses(PhysicalExpr expr) => expr switch
    {
        BinaryExpr { Op: BinaryOp.And or BinaryOp.Or } b => Uses(b.Left) || Uses(b.Right),
        BinaryExpr { Op: BinaryOp.Equal, Left: ColumnExpr, Right: LiteralExpr } => true,
        BinaryExpr { Op: BinaryOp.Equal, Left: LiteralExpr, Right: ColumnExpr } => true,
        InListExpr { Negated: false, Input: ColumnExpr } => true,
        _ => false,
    };

    private static bool May(PhysicalExpr expr, Func<int, ParquetLeaf?> leafOf, Func<ParquetLeaf, SplitBlockBloomFilter?> filterOf)
    {
        switch (expr)
        {
            case BinaryExpr { Op: BinaryOp.And } and:
                return May(and.Left, leafOf, filterOf) && May(and.Right, leafOf, filterOf);
            case BinaryExpr { Op: BinaryOp.Or } or:
                return May(or.Left, leafOf, filterOf) || May(or.Right, leafOf, filterOf);
            case BinaryExpr { Op: BinaryOp.Equal, Left: ColumnExpr column, Right: LiteralExpr literal }:
                return MayContain(column, literal, leafOf, filterOf);
            case BinaryExpr { Op: BinaryOp.Equal, Left: LiteralExpr literal, Right: ColumnExpr column }:
                return MayContain(column, literal, leafOf, filterOf);
            case InListExpr { Negated: false, Input: ColumnExpr column } inList:
                foreach (var item in inList.List)
                {
                    if (item is not LiteralExpr literal || MayContain(column, literal, leafOf, filterOf)) return true;
                }
                return false;
            default:
                return true;
        }
    }

    private static bool MayContain(ColumnExpr column, LiteralExpr literal, Func<int, ParquetLeaf?> leafOf, Func<ParquetLeaf, SplitBlockBloomFilter?> filterOf)
    {
        // NULL never equals anything; the statistics pruner and the filter itself handle it.
        if (literal.Value is null) return true;
        if (leafOf(column.Index) is not { } leaf || !RowGroupPruner.SameDomain(leaf.Type, literal.Type)) return true;
        if (Hash(leaf, literal.Value) is not { } hash) return true;
        return filterOf(leaf) is not { } filter || filter.MightContain(hash);
    }

    /// <summary>XXH64 of the value's plain encoding in the leaf's physical type, or null when it has no single encoding.</summary>
    internal static ulong? Hash(ParquetLeaf leaf, object value)
    {
        Span<byte> buffer = stackalloc byte[8];
        switch (leaf.Kind)
        {
            case ValueKind.Int32 or ValueKind.Int8FromInt32 or ValueKind.Int16FromInt32 or ValueKind.Date or ValueKind.DecimalInt32:
                if (leaf.Physical != PhysicalType.Int32 || AsInt64(value) is not { } i32 || i32 < int.MinValue || i32 > int.MaxValue) return null;
                BinaryPrimitives.WriteInt32LittleEndian(buffer, (int)i32);
                return XxHash64.Hash(buffer[..4], 0);
            case ValueKind.Int64 or ValueKind.DecimalInt64:
                if (leaf.Physical != PhysicalType.Int64 || AsInt64(value) is not { } i64) return null;
                BinaryPrimitives.WriteInt64LittleEndian(buffer, i64);
                return XxHash64.Hash(buffer, 0);
            case ValueKind.Utf8:
                if (leaf.Physical != PhysicalType.ByteArray || value is not string s) return null;
                return XxHash64.Hash(Encoding.UTF8.GetBytes(s), 0);
            default:
                return null;
        }
    }

    private static long? AsInt64(object value) => value switch
    {
        sbyte v => v,
        short v => v,
        int v => v,
        long v => v,
        Int128 v when v >= long.MinValue && v <= long.MaxValue => (long)v,
        _ => null,
    };
}
