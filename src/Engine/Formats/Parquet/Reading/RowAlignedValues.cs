using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using QueryEngine.Engine.Columnar;
using QueryEngine.Engine.Common;
using QueryEngine.Engine.Formats.Parquet.Encodings;
using static QueryEngine.Engine.Formats.Parquet.Reading.ValueConverters;

namespace QueryEngine.Engine.Formats.Parquet.Reading;

/// <summary>Picks the <see cref="IRowAlignedValues"/> of a leaf, for the kinds whose engine values are a plain fixed-width array.</summary>
internal static class RowAlignedValues
{
    /// <summary>
    /// Row-aligned batch arrays for a flat leaf of <paramref name="rows"/> rows cut into batches of
    /// <paramref name="batchSize"/>, or null when the leaf's values need the general path (booleans, byte arrays,
    /// INT96, FLOAT16, repeated columns).
    /// </summary>
    public static IRowAlignedValues? For(ParquetLeaf leaf, int rows, int batchSize)
    {
        if (leaf.MaxRepetition != 0 || leaf.Type is not { } type || rows <= 0) return null;
        return leaf.Physical switch
        {
            Metadata.PhysicalType.Int32 => leaf.Kind switch
            {
                ValueKind.Int32 or ValueKind.Date => new RowAlignedValues<int, int, Same<int>>(type, rows, batchSize),
                ValueKind.Int8FromInt32 => new RowAlignedValues<int, sbyte, ToInt8>(type, rows, batchSize),
                ValueKind.Int16FromInt32 => new RowAlignedValues<int, short, ToInt16>(type, rows, batchSize),
                ValueKind.UInt8 => new RowAlignedValues<int, short, FromUInt8>(type, rows, batchSize),
                ValueKind.UInt16 => new RowAlignedValues<int, int, FromUInt16>(type, rows, batchSize),
                ValueKind.UInt32 => new RowAlignedValues<int, long, FromUInt32>(type, rows, batchSize),
                ValueKind.TimeMillis => new RowAlignedValues<int, long, TimeMillisToPicos>(type, rows, batchSize),
                ValueKind.DecimalInt32 => new RowAlignedValues<int, Int128, Int32ToInt128>(type, rows, batchSize),
                _ => null,
            },
            Metadata.PhysicalType.Int64 => leaf.Kind switch
            {
                ValueKind.Int64 or ValueKind.TimestampMicros => new RowAlignedValues<long, long, Same<long>>(type, rows, batchSize),
                ValueKind.TimestampMillis => new RowAlignedValues<long, long, MillisToMicros>(type, rows, batchSize),
                ValueKind.TimestampNanos => new RowAlignedValues<long, long, NanosToMicros>(type, rows, batchSize),
                ValueKind.TimeMicros => new RowAlignedValues<long, long, TimeMicrosToPicos>(type, rows, batchSize),
                ValueKind.TimeNanos => new RowAlignedValues<long, long, TimeNanosToPicos>(type, rows, batchSize),
                ValueKind.UInt64 => new RowAlignedValues<long, Int128, FromUInt64>(type, rows, batchSize),
                ValueKind.DecimalInt64 => new RowAlignedValues<long, Int128, Int64ToInt128>(type, rows, batchSize),
                _ => null,
            },
            Metadata.PhysicalType.Float when leaf.Kind == ValueKind.Float => new RowAlignedValues<float, float, Same<float>>(type, rows, batchSize),
            Metadata.PhysicalType.Double when leaf.Kind == ValueKind.Double => new RowAlignedValues<double, double, Same<double>>(type, rows, batchSize),
            _ => null,
        };
    }
}

/// <summary>
/// A flat column chunk's values written by row into the arrays of the batches the scan hands out: batch b holds rows
/// [b * batchSize, (b + 1) * batchSize) as a <typeparamref name="TOut"/>[] of exactly its length, so the array
/// becomes the batch's <see cref="PrimitiveArray{T}"/> with no further copy. Slots of null rows hold default values.
/// </summary>
internal sealed class RowAlignedValues<TIn, TOut, TConvert> : IRowAlignedValues
    where TIn : unmanaged
    where TOut : unmanaged
    where TConvert : struct, IValueConverter<TIn, TOut>
{
    private readonly DataType _type;
    private readonly int _totalRows;
    private readonly int _batchSize;
    private readonly TOut[]?[] _batches;
    private int _rows;

    public RowAlignedValues(DataType type, int totalRows, int batchSize)
    {
        if (totalRows <= 0 || batchSize <= 0) throw new InternalException($"row-aligned values of {totalRows} rows in batches of {batchSize}");
        _type = type;
        _totalRows = totalRows;
        _batchSize = batchSize;
        _batches = new TOut[]?[(int)(((long)totalRows + batchSize - 1) / batchSize)];
    }

    public int Rows => _rows;

    public void AppendDense(ReadOnlySpan<byte> values, int present, int rows, ReadOnlySpan<byte> definitions, byte maxDefinition, PageError where)
    {
        CheckRoom(rows, where);
        var size = Unsafe.SizeOf<TIn>();
        if (present < 0 || present > rows) throw where.Corrupt($"page of {rows} rows declares {present} values");
        if (definitions.IsEmpty && present != rows) throw where.Corrupt($"page of {rows} rows without nulls holds {present} values");
        if ((long)present * size > values.Length) throw where.Corrupt($"PLAIN page holds {values.Length} bytes, fewer than {present} values of {size} bytes");
        var dense = MemoryMarshal.Cast<byte, TIn>(values[..(present * size)]);
        var done = 0;
        var k = 0;
        while (done < rows)
        {
            var target = NextSlots(rows - done);
            var n = target.Length;
            if (definitions.IsEmpty)
            {
                ConvertAll(dense.Slice(k, n), target);
                k += n;
            }
            else
            {
                k = Spread(dense, k, definitions.Slice(done, n), maxDefinition, target, where);
            }
            done += n;
            _rows += n;
        }
    }

    public void AppendGathered(ReadOnlySpan<int> indices, ValueBuffer dictionary, int rows, ReadOnlySpan<byte> definitions, byte maxDefinition, PageError where)
    {
        CheckRoom(rows, where);
        if (dictionary.Width != Unsafe.SizeOf<TIn>()) throw new InternalException($"a dictionary of {dictionary.Width}-byte values for {Unsafe.SizeOf<TIn>()}-byte values");
        if (definitions.IsEmpty && indices.Length != rows) throw where.Corrupt($"page of {rows} rows without nulls holds {indices.Length} values");
        var values = MemoryMarshal.Cast<byte, TIn>(dictionary.Data.AsSpan(0, dictionary.Count * dictionary.Width));
        ref var first = ref MemoryMarshal.GetReference(values);
        var done = 0;
        var k = 0;
        while (done < rows)
        {
            var target = NextSlots(rows - done);
            var n = target.Length;
            if (definitions.IsEmpty)
            {
                var slice = indices.Slice(k, n);
                ref var to = ref MemoryMarshal.GetReference(target);
                // Every index was checked against the dictionary's size when the page was decoded.
                for (var i = 0; i < slice.Length; i++) Unsafe.Add(ref to, i) = TConvert.Convert(Unsafe.Add(ref first, slice[i]));
                k += n;
            }
            else
            {
                var levels = definitions.Slice(done, n);
                for (var i = 0; i < levels.Length; i++)
                {
                    target[i] = levels[i] == maxDefinition ? TConvert.Convert(Unsafe.Add(ref first, indices[k++])) : default;
                }
            }
            done += n;
            _rows += n;
        }
    }

    public ArrowArray Take(int row, int count, byte[]? validity)
    {
        if (row < 0 || count < 0 || (long)row + count > _rows) throw new InternalException($"taking rows {row}..{(long)row + count} of {_rows} decoded Parquet rows");
        var batch = row / _batchSize;
        if (row % _batchSize == 0 && _batches[batch] is { } whole && whole.Length == count) return new PrimitiveArray<TOut>(_type, whole, count, validity);
        var result = new TOut[count];
        var done = 0;
        while (done < count)
        {
            var at = row + done;
            var source = _batches[at / _batchSize]!;
            var offset = at % _batchSize;
            var n = Math.Min(count - done, source.Length - offset);
            source.AsSpan(offset, n).CopyTo(result.AsSpan(done));
            done += n;
        }
        return new PrimitiveArray<TOut>(_type, result, count, validity);
    }

    private void CheckRoom(int rows, PageError where)
    {
        if (rows < 0 || rows > _totalRows - _rows) throw where.Corrupt($"page of {rows} rows where {_totalRows - _rows} remain in the row group");
    }

    /// <summary>The slots from row <see cref="_rows"/> to the end of its batch, at most <paramref name="wanted"/>.</summary>
    private Span<TOut> NextSlots(int wanted)
    {
        var batch = _rows / _batchSize;
        var offset = _rows - (batch * _batchSize);
        var array = _batches[batch];
        if (array is null)
        {
            var length = Math.Min(_batchSize, _totalRows - (batch * _batchSize));
            // Every slot is written (null rows with default), so the array need not be cleared first.
            array = GC.AllocateUninitializedArray<TOut>(length);
            _batches[batch] = array;
        }
        return array.AsSpan(offset, Math.Min(wanted, array.Length - offset));
    }

    private static void ConvertAll(ReadOnlySpan<TIn> source, Span<TOut> target)
    {
        if (typeof(TConvert) == typeof(Same<TIn>))
        {
            MemoryMarshal.Cast<TIn, TOut>(source).CopyTo(target);
            return;
        }
        // target is at least as long as source (both cut to the same row count by the callers).
        ref var from = ref MemoryMarshal.GetReference(source);
        ref var to = ref MemoryMarshal.GetReference(target[..source.Length]);
        for (var i = 0; i < source.Length; i++) Unsafe.Add(ref to, i) = TConvert.Convert(Unsafe.Add(ref from, i));
    }

    /// <summary>Writes the rows of <paramref name="levels"/>, taking present values from dense[k..]; returns the next k.</summary>
    private static int Spread(ReadOnlySpan<TIn> dense, int k, ReadOnlySpan<byte> levels, byte maxDefinition, Span<TOut> target, PageError where)
    {
        for (var i = 0; i < levels.Length; i++)
        {
            if (levels[i] != maxDefinition)
            {
                target[i] = default;
                continue;
            }
            if ((uint)k >= (uint)dense.Length) throw where.Corrupt($"the page holds {dense.Length} values, fewer than its definition levels announce");
            target[i] = TConvert.Convert(dense[k++]);
        }
        return k;
    }
}
