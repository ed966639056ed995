using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using QueryEngine.Engine.Columnar;
using QueryEngine.Engine.Common;
using static QueryEngine.Engine.Formats.Parquet.Reading.ValueConverters;

namespace QueryEngine.Engine.Formats.Parquet.Reading;

/// <summary>
/// Cuts a decoded chunk into consecutive Arrow arrays of the leaf's engine type: spreads the dense values over
/// the rows by the definition levels and converts physical values (units, widths, decimals, INT96, UUID text).
/// </summary>
internal sealed class ColumnAssembler
{
    private const long JulianEpochDay = 2_440_588;
    private const long MicrosPerDay = 86_400_000_000;

    private readonly DecodedChunk _chunk;
    private readonly ParquetLeaf _leaf;
    private readonly DataType _type;
    private readonly string _source;
    private int _row;
    private int _value;
    private BinaryArray? _dictionary;

    public ColumnAssembler(DecodedChunk chunk, ParquetLeaf leaf, string source)
    {
        _chunk = chunk;
        _leaf = leaf;
        _type = leaf.Type ?? throw new InternalException("assembling an unsupported Parquet column");
        _source = source;
    }

    /// <summary>Moves forward to decoded row <paramref name="row"/>, skipping the rows before it unread.</summary>
    public void SkipTo(int row)
    {
        if (row == _row) return;
        if (row < _row || row > _chunk.Rows) throw new InternalException($"moving a Parquet column assembler from row {_row} to row {row} of {_chunk.Rows}");
        var count = row - _row;
        var present = count;
        if (_chunk.Definitions is { } defs) present = count - CountNot(defs.AsSpan(_row, count), (byte)_chunk.MaxDefinition);
        _row = row;
        _value += present;
    }

    /// <summary>The next <paramref name="count"/> rows.</summary>
    public ArrowArray Next(int count)
    {
        if (count > _chunk.Rows - _row) throw new InternalException("reading past the end of a Parquet column chunk");
        byte[]? validity = null;
        var present = count;
        if (_chunk.Definitions is { } defs)
        {
            var max = (byte)_chunk.MaxDefinition;
            var span = defs.AsSpan(_row, count);
            present = count - CountNot(span, max);
            if (present != count)
            {
                validity = new byte[Bitmap.BytesFor(count)];
                for (var i = 0; i < span.Length; i++)
                {
                    if (span[i] == max) validity[i >> 3] |= (byte)(1 << (i & 7));
                }
            }
        }
        if (_value + present > _chunk.ValueCount)
        {
            throw new CorruptDataException(_source, 0, $"the pages hold {_chunk.ValueCount} values, fewer than their definition levels announce");
        }
        var array = Build(count, present, validity);
        _row += count;
        _value += present;
        return array;
    }

    private static int CountNot(ReadOnlySpan<byte> span, byte value)
    {
        var equal = 0;
        for (var i = 0; i < span.Length; i++) equal += span[i] == value ? 1 : 0;
        return span.Length - equal;
    }

    private ArrowArray Build(int count, int present, byte[]? validity)
    {
        if (_chunk.Encoded is { } encoded && _leaf.Kind is ValueKind.Utf8 or ValueKind.Binary) return Encoded(encoded, count, validity);
        var values = _chunk.Values;
        var first = _value;
        switch (_leaf.Kind)
        {
            case ValueKind.Boolean:
                {
                    var bits = new byte[Bitmap.BytesFor(count)];
                    var raw = values.Data.AsSpan(first, present);
                    var k = 0;
                    for (var i = 0; i < count; i++)
                    {
                        if (validity is not null && !Bitmap.Get(validity, i)) continue;
                        if (raw[k++] != 0) Bitmap.Set(bits, i);
                    }
                    return new BooleanArray(bits, count, validity);
                }
            case ValueKind.Int32:
            case ValueKind.Date:
                return Spread(Fixed<int>(first, present), count, validity);
            case ValueKind.Int8FromInt32:
                return Converted<int, sbyte, ToInt8>(first, present, count, validity);
            case ValueKind.Int16FromInt32:
                return Converted<int, short, ToInt16>(first, present, count, validity);
            case ValueKind.UInt8:
                return Converted<int, short, FromUInt8>(first, present, count, validity);
            case ValueKind.UInt16:
                return Converted<int, int, FromUInt16>(first, present, count, validity);
            case ValueKind.UInt32:
                return Converted<int, long, FromUInt32>(first, present, count, validity);
            case ValueKind.Int64:
            case ValueKind.TimestampMicros:
                return Spread(Fixed<long>(first, present), count, validity);
            case ValueKind.TimestampMillis:
                return Converted<long, long, MillisToMicros>(first, present, count, validity);
            case ValueKind.TimestampNanos:
                return Converted<long, Int128, NanosToPicos>(first, present, count, validity);
            case ValueKind.TimeMillis:
                return Converted<int, long, TimeMillisToPicos>(first, present, count, validity);
            case ValueKind.TimeMicros:
                return Converted<long, long, TimeMicrosToPicos>(first, present, count, validity);
            case ValueKind.TimeNanos:
                return Converted<long, long, TimeNanosToPicos>(first, present, count, validity);
            case ValueKind.UInt64:
                return Converted<long, Int128, FromUInt64>(first, present, count, validity);
            case ValueKind.DecimalInt32:
                return Converted<int, Int128, Int32ToInt128>(first, present, count, validity);
            case ValueKind.DecimalInt64:
                return Converted<long, Int128, Int64ToInt128>(first, present, count, validity);
            case ValueKind.Float:
                return Spread(Fixed<float>(first, present), count, validity);
            case ValueKind.Double:
                return Spread(Fixed<double>(first, present), count, validity);
            case ValueKind.Float16:
                return Converted<Half, float, HalfToFloat>(first, present, count, validity);
            case ValueKind.Int96:
                {
                    var result = new long[present];
                    var raw = values.Data.AsSpan(first * 12, present * 12);
                    for (var i = 0; i < present; i++)
                    {
                        var nanos = BinaryPrimitives.ReadInt64LittleEndian(raw[(i * 12)..]);
                        var day = BinaryPrimitives.ReadInt32LittleEndian(raw[((i * 12) + 8)..]);
                        result[i] = unchecked(((day - JulianEpochDay) * MicrosPerDay) + (nanos / 1000));
                    }
                    return Spread(result, count, validity);
                }
            case ValueKind.DecimalBytes:
                {
                    var result = new Int128[present];
                    for (var i = 0; i < present; i++) result[i] = BigEndianDecimal(Value(first + i));
                    return Spread(result, count, validity);
                }
            case ValueKind.Uuid:
                {
                    var data = new byte[present * 36];
                    var offsets = new int[count + 1];
                    var k = 0;
                    for (var i = 0; i < count; i++)
                    {
                        if (validity is null || Bitmap.Get(validity, i))
                        {
                            FormatUuid(values.GetFixed(first + k), data.AsSpan(k * 36, 36));
                            k++;
                        }
                        offsets[i + 1] = k * 36;
                    }
                    return new BinaryArray(_type, offsets, data, count, validity);
                }
            case ValueKind.Json:
                return CanonicalJson(Variable(first, present, count, validity));
            case ValueKind.Utf8:
            case ValueKind.Binary:
                return _leaf.ValueWidth == 0 ? Variable(first, present, count, validity) : FixedBinary(first, count, validity);
            default:
                throw new InternalException($"no assembler for {_leaf.Kind}");
        }
    }

    /// <summary>JSON text as the JSON type holds it (canonical: compact, keys sorted); text that is not JSON stays as written.</summary>
    private static BinaryArray CanonicalJson(BinaryArray raw)
    {
        var builder = new BinaryBuilder(raw.Type, raw.Length, raw.Data.Length);
        for (var i = 0; i < raw.Length; i++)
        {
            if (raw.IsNull(i))
            {
                builder.AppendNull();
                continue;
            }
            var text = raw.GetBytes(i);
            if (JsonCanonicalText.TryCanonicalize(text) is { } canonical) builder.Append(canonical);
            else builder.Append(text);
        }
        return (BinaryArray)builder.Build();
    }

    private ReadOnlySpan<byte> Value(int index) => _chunk.Values.Width == 0 ? _chunk.Values.Get(index) : _chunk.Values.GetFixed(index);

    private static Int128 BigEndianDecimal(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length == 0) return 0;
        if (bytes.Length > 16)
        {
            // Wider encodings of a value that fits: the extra leading bytes are sign extension.
            bytes = bytes[^16..];
        }
        Int128 value = (sbyte)bytes[0];
        for (var i = 1; i < bytes.Length; i++) value = (value << 8) | bytes[i];
        return value;
    }

    private static void FormatUuid(ReadOnlySpan<byte> bytes, Span<byte> target)
    {
        const string Hex = "0123456789abcdef";
        var t = 0;
        for (var i = 0; i < 16; i++)
        {
            if (i is 4 or 6 or 8 or 10) target[t++] = (byte)'-';
            target[t++] = (byte)Hex[bytes[i] >> 4];
            target[t++] = (byte)Hex[bytes[i] & 15];
        }
    }

    private ReadOnlySpan<T> Fixed<T>(int first, int present)
        where T : unmanaged
    {
        var size = Unsafe.SizeOf<T>();
        return MemoryMarshal.Cast<byte, T>(_chunk.Values.Data.AsSpan(first * size, present * size));
    }

    private T2[] Convert<T1, T2, TConvert>(int first, int present)
        where T1 : unmanaged
        where T2 : unmanaged
        where TConvert : struct, IValueConverter<T1, T2>
    {
        var source = Fixed<T1>(first, present);
        var result = new T2[present];
        for (var i = 0; i < source.Length; i++) result[i] = TConvert.Convert(source[i]);
        return result;
    }

    /// <summary>The values converted and spread over the rows (converted straight into the result when no row is null).</summary>
    private PrimitiveArray<T2> Converted<T1, T2, TConvert>(int first, int present, int count, byte[]? validity)
        where T1 : unmanaged
        where T2 : unmanaged
        where TConvert : struct, IValueConverter<T1, T2>
    {
        if (validity is not null) return Spread<T2>(Convert<T1, T2, TConvert>(first, present), count, validity);
        var source = Fixed<T1>(first, count);
        var result = new T2[count];
        for (var i = 0; i < source.Length; i++) result[i] = TConvert.Convert(source[i]);
        return new PrimitiveArray<T2>(_type, result, count, null);
    }

    private PrimitiveArray<T> Spread<T>(ReadOnlySpan<T> dense, int count, byte[]? validity)
        where T : unmanaged
    {
        var result = new T[count];
        if (validity is null)
        {
            dense.CopyTo(result);
        }
        else
        {
            var k = 0;
            for (var i = 0; i < count; i++)
            {
                if ((validity[i >> 3] & (1 << (i & 7))) != 0) result[i] = dense[k++];
            }
        }
        return new PrimitiveArray<T>(_type, result, count, validity);
    }

    private BinaryArray Variable(int first, int present, int count, byte[]? validity)
    {
        var values = _chunk.Values;
        var sourceOffsets = values.Offsets;
        var start = sourceOffsets[first];
        var end = sourceOffsets[first + present];
        var data = values.Data.AsSpan(start, end - start).ToArray();
        var offsets = new int[count + 1];
        if (validity is null)
        {
            for (var i = 1; i <= count; i++) offsets[i] = sourceOffsets[first + i] - start;
        }
        else
        {
            var k = 0;
            for (var i = 0; i < count; i++)
            {
                if ((validity[i >> 3] & (1 << (i & 7))) != 0) k++;
                offsets[i + 1] = sourceOffsets[first + k] - start;
            }
        }
        return new BinaryArray(_type, offsets, data, count, validity);
    }

    /// <summary>
    /// The rows as a <see cref="DictionaryArray"/> over the chunk's dictionary (built once per chunk and shared by
    /// every batch): the dense indices spread over the rows, null rows pointing at entry 0.
    /// </summary>
    private DictionaryArray Encoded(EncodedValues encoded, int count, byte[]? validity)
    {
        _dictionary ??= new BinaryArray(_type, encoded.Dictionary.Offsets, encoded.Dictionary.Data, encoded.Dictionary.Count);
        var dense = encoded.Indices.Indices.AsSpan(_value, encoded.Count - _value);
        var indices = new int[count];
        if (validity is null)
        {
            dense[..count].CopyTo(indices);
        }
        else
        {
            var k = 0;
            for (var i = 0; i < count; i++)
            {
                if ((validity[i >> 3] & (1 << (i & 7))) != 0) indices[i] = dense[k++];
            }
        }
        return new DictionaryArray(_dictionary, indices, count, validity);
    }

    private BinaryArray FixedBinary(int first, int count, byte[]? validity)
    {
        var width = _leaf.ValueWidth;
        var present = validity is null ? count : Bitmap.CountSet(validity, count);
        var data = _chunk.Values.Data.AsSpan(first * width, present * width).ToArray();
        var offsets = new int[count + 1];
        var k = 0;
        for (var i = 0; i < count; i++)
        {
            if (validity is null || (validity[i >> 3] & (1 << (i & 7))) != 0) k++;
            offsets[i + 1] = k * width;
        }
        return new BinaryArray(_type, offsets, data, count, validity);
    }
}
