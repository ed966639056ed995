using System.Buffers.Binary;
using QueryEngine.Engine.Columnar;
using QueryEngine.Engine.Common;
using QueryEngine.Engine.Formats.Parquet.Encodings;
using QueryEngine.Engine.Formats.Parquet.Metadata;

namespace QueryEngine.Engine.Formats.Parquet.Writing;

/// <summary>Turns a row group's arrays of one flat column into definition levels and dense physical values.</summary>
internal static class ColumnValueGatherer
{
    /// <returns>The values, with one definition level 0/1 per row for optional columns (else none).</returns>
    public static ShreddedColumn Gather(WriterColumn column, IReadOnlyList<ArrowArray> arrays)
    {
        var rows = 0;
        foreach (var a in arrays) rows += a.Length;
        var definitions = column.Field.Nullable ? new int[rows] : null;
        var values = new ValueBuffer(column.Width, Math.Max(16, rows));
        var row = 0;
        foreach (var array in arrays)
        {
            for (var i = 0; i < array.Length; i++, row++)
            {
                if (array.IsNull(i))
                {
                    if (definitions is null) throw new ExecutionException($"NULL in the non-nullable Parquet column {column.DisplayName}");
                    continue;
                }
                if (definitions is not null) definitions[row] = 1;
                Append(column, array, i, values);
            }
        }
        return new ShreddedColumn(values, rows, rows, definitions, null, null);
    }

    /// <summary>Appends the physical value of row <paramref name="i"/> of a leaf array.</summary>
    public static void Append(WriterColumn column, ArrowArray array, int i, ValueBuffer values)
    {
        switch (array)
        {
            case BooleanArray b:
                values.AppendFixed(1)[0] = b.GetBit(i) ? (byte)1 : (byte)0;
                return;
            case PrimitiveArray<sbyte> v:
                BinaryPrimitives.WriteInt32LittleEndian(values.AppendFixed(1), v[i]);
                return;
            case PrimitiveArray<short> v:
                BinaryPrimitives.WriteInt32LittleEndian(values.AppendFixed(1), v[i]);
                return;
            case PrimitiveArray<int> v:
                BinaryPrimitives.WriteInt32LittleEndian(values.AppendFixed(1), v[i]);
                return;
            case PrimitiveArray<long> v when v.Type is TimeType time:
                BinaryPrimitives.WriteInt64LittleEndian(values.AppendFixed(1), v[i] / (time.Precision <= 6 ? 1_000_000 : 1000));
                return;
            case PrimitiveArray<long> v when v.Type is TimestampType { Precision: <= 3 }:
                // timestamp(0..3) is written in milliseconds (its values are whole milliseconds).
                BinaryPrimitives.WriteInt64LittleEndian(values.AppendFixed(1), Math.DivRem(v[i], 1000, out var below) - (below < 0 ? 1 : 0));
                return;
            case PrimitiveArray<long> v:
                BinaryPrimitives.WriteInt64LittleEndian(values.AppendFixed(1), v[i]);
                return;
            case PrimitiveArray<float> v:
                BinaryPrimitives.WriteSingleLittleEndian(values.AppendFixed(1), v[i]);
                return;
            case PrimitiveArray<double> v:
                BinaryPrimitives.WriteDoubleLittleEndian(values.AppendFixed(1), v[i]);
                return;
            case PrimitiveArray<Int128> v when v.Type is TimestampType:
                // timestamp(7..12) is written in nanoseconds: digits past the ninth are dropped (floor).
                BinaryPrimitives.WriteInt64LittleEndian(values.AppendFixed(1), ParquetNanos(v[i]));
                return;
            case PrimitiveArray<Int128> v:
                {
                    var target = values.AppendFixed(1);
                    var value = v[i];
                    if (column.Physical == PhysicalType.Int32) BinaryPrimitives.WriteInt32LittleEndian(target, (int)value);
                    else if (column.Physical == PhysicalType.Int64) BinaryPrimitives.WriteInt64LittleEndian(target, (long)value);
                    else
                    {
                        for (var k = target.Length - 1; k >= 0; k--)
                        {
                            target[k] = (byte)(value & 0xFF);
                            value >>= 8;
                        }
                    }
                    return;
                }
            case BinaryArray s:
                values.AppendBytes(s.GetBytes(i));
                return;
            default:
                throw new NotSupportedQueryException($"writing Parquet column {column.DisplayName} from {array.Type.SqlName} values is not supported");
        }
    }

    /// <summary>Picoseconds since the epoch as Parquet nanoseconds (floor); outside 1677..2262 nanoseconds do not fit in INT64.</summary>
    private static long ParquetNanos(Int128 picos)
    {
        var nanos = picos / 1000 - (picos % 1000 < 0 ? 1 : 0);
        if (nanos < long.MinValue || nanos > long.MaxValue)
        {
            throw new ExecutionException(
                $"Parquet writer: timestamp {ValueFormatter.FormatPicoTimestamp(picos, new TimestampType(null, TimestampType.MaxSqlPrecision))} is outside the years 1677..2262 that Parquet nanoseconds hold",
                ErrorCode.NumericOverflow);
        }
        return (long)nanos;
    }
}
