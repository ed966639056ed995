using System.Runtime.InteropServices;
using QueryEngine.Engine.Common;

namespace QueryEngine.Engine.Columnar.Ipc;

/// <summary>
/// Writes engine arrays into a record batch body in Arrow's layout (Columnar.rst): one field node per array,
/// then its buffers: validity (empty when there are no nulls), then values / offsets / data; children follow.
/// </summary>
public static class IpcArrayEncoder
{
    public static IpcMessage Encode(RecordBatch batch, IpcCompression compression = IpcCompression.None)
    {
        var body = new IpcBodyBuilder(compression);
        foreach (var column in batch.Columns) Encode(column, body);
        return IpcMessageEncoder.RecordBatch(batch.RowCount, body);
    }

    public static void Encode(ArrowArray array, IpcBodyBuilder body)
    {
        var length = array.Length;
        if (array is NullArray)
        {
            body.AddNode(length, length);
            return;
        }
        body.AddNode(length, array.NullCount);
        if (array.Validity is { } validity) body.AddBuffer(validity.AsSpan(0, Bitmap.BytesFor(length)));
        else body.AddEmptyBuffer();
        switch (array)
        {
            case BooleanArray b:
                body.AddBuffer(b.Bits.AsSpan(0, Bitmap.BytesFor(length)));
                break;
            case BinaryArray b:
                body.AddBuffer(MemoryMarshal.AsBytes(b.Offsets.AsSpan(0, length + 1)));
                body.AddBuffer(b.Data.AsSpan(0, b.Offsets[length]));
                break;
            case ListArray l:
                body.AddBuffer(MemoryMarshal.AsBytes(l.Offsets.AsSpan(0, length + 1)));
                Encode(l.Values, body);
                break;
            case StructArray s:
                foreach (var child in s.Children) Encode(child, body);
                break;
            case MapArray m:
                body.AddBuffer(MemoryMarshal.AsBytes(m.Offsets.AsSpan(0, length + 1)));
                body.AddNode(m.Keys.Length, 0);
                body.AddEmptyBuffer();
                Encode(m.Keys, body);
                Encode(m.Values, body);
                break;
            default:
                body.AddBuffer(FixedWidthValues(array));
                break;
        }
    }

    private static ReadOnlySpan<byte> FixedWidthValues(ArrowArray array) => array switch
    {
        PrimitiveArray<long> a when a.Type is TimeType time => MemoryMarshal.AsBytes(TimeUnits(a, time).AsSpan()),
        PrimitiveArray<long> a when a.Type is TimestampType { Precision: <= 3 } t => MemoryMarshal.AsBytes(TimestampUnits(a, t).AsSpan()),
        PrimitiveArray<sbyte> a => MemoryMarshal.AsBytes(a.Values),
        PrimitiveArray<short> a => MemoryMarshal.AsBytes(a.Values),
        PrimitiveArray<int> a => MemoryMarshal.AsBytes(a.Values),
        PrimitiveArray<long> a => MemoryMarshal.AsBytes(a.Values),
        PrimitiveArray<float> a => MemoryMarshal.AsBytes(a.Values),
        PrimitiveArray<double> a => MemoryMarshal.AsBytes(a.Values),
        PrimitiveArray<Int128> a when a.Type is TimestampType => MemoryMarshal.AsBytes(TimestampNanos(a).AsSpan()),
        PrimitiveArray<Int128> a => MemoryMarshal.AsBytes(a.Values),
        _ => throw new ArgumentException($"cannot encode {array.GetType().Name} of type {array.Type}", nameof(array)),
    };

    /// <summary>timestamp(0..3) microseconds in the unit of their Arrow type: seconds (p = 0) or milliseconds (values are whole units).</summary>
    private static long[] TimestampUnits(PrimitiveArray<long> array, TimestampType type)
    {
        var divisor = type.Precision == 0 ? 1_000_000L : 1000L;
        var values = array.Values;
        var result = new long[values.Length];
        for (var i = 0; i < values.Length; i++)
        {
            var quotient = Math.DivRem(values[i], divisor, out var below);
            result[i] = below < 0 ? quotient - 1 : quotient;
        }
        return result;
    }

    /// <summary>timestamp(7..12) picoseconds as Arrow nanoseconds (floor: digits past the ninth are dropped).</summary>
    private static long[] TimestampNanos(PrimitiveArray<Int128> array)
    {
        var values = array.Values;
        var result = new long[values.Length];
        for (var i = 0; i < values.Length; i++)
        {
            if (array.IsNull(i)) continue;
            var nanos = values[i] / 1000 - (values[i] % 1000 < 0 ? 1 : 0);
            if (nanos < long.MinValue || nanos > long.MaxValue)
            {
                throw new ExecutionException(
                    $"Arrow IPC: {ValueFormatter.FormatPicoTimestamp(values[i], (TimestampType)array.Type)} is outside the years 1677..2262 that Arrow nanosecond timestamps hold",
                    ErrorCode.NumericOverflow);
            }
            result[i] = (long)nanos;
        }
        return result;
    }

    /// <summary>TIME values (picoseconds of day) in the unit of their Arrow time64 type: micro- or nanoseconds.</summary>
    private static long[] TimeUnits(PrimitiveArray<long> array, TimeType time)
    {
        var divisor = time.Precision > 6 ? 1000L : 1_000_000L;
        var values = array.Values;
        var result = new long[values.Length];
        for (var i = 0; i < values.Length; i++) result[i] = values[i] / divisor;
        return result;
    }
}
