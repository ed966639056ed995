using System.Text;
using QueryEngine.Engine.Columnar;
using QueryEngine.Engine.Columnar.Ipc;

namespace QueryEngine.FlightServer.Tests.Ipc;

/// <summary>A three-row batch with a column of every engine type, with nulls, empty values and nesting.</summary>
internal static class IpcSamples
{
    /// <summary>Validity bitmap with row 1 null (rows 0 and 2 valid).</summary>
    private static byte[] MiddleNull => [0b101];

    private static byte[] LastNull => [0b011];

    public static RecordBatch AllTypes()
    {
        var listType = new ListType(new Field("item", DataType.Int32));
        var structType = new StructType([new Field("a", DataType.Int32), new Field("b", DataType.Utf8)]);
        var mapType = new MapType(new Field("key", DataType.Utf8, false), new Field("value", DataType.Int64));
        var columns = new (Field Field, ArrowArray Array)[]
        {
            (new Field("b", DataType.Boolean), new BooleanArray([0b001], 3, MiddleNull)),
            (new Field("i8", DataType.Int8), new PrimitiveArray<sbyte>(DataType.Int8, [1, -2, 0], LastNull)),
            (new Field("i16", DataType.Int16), new PrimitiveArray<short>(DataType.Int16, [300, 0, -300], MiddleNull)),
            (new Field("i32", DataType.Int32, false), new PrimitiveArray<int>(DataType.Int32, [1 << 20, -5, 7])),
            (new Field("i64", DataType.Int64), new PrimitiveArray<long>(DataType.Int64, [1L << 40, 0, -7], MiddleNull)),
            (new Field("f32", DataType.Float32), new PrimitiveArray<float>(DataType.Float32, [1.5f, 0, -2.25f], MiddleNull)),
            (new Field("f64", DataType.Float64), new PrimitiveArray<double>(DataType.Float64, [3.25, -1e10, 0], LastNull)),
            (new Field("dec", DataType.Decimal(15, 2)), new PrimitiveArray<Int128>(DataType.Decimal(15, 2), [12345, -1, 0], LastNull)),
            (new Field("s", DataType.Utf8), Strings(DataType.Utf8, ["héllo", "", "z"], MiddleNull)),
            (new Field("bin", DataType.Binary), Strings(DataType.Binary, ["\u0001\u007f", "", "AB"], LastNull)),
            (new Field("d", DataType.Date32), new PrimitiveArray<int>(DataType.Date32, [0, 19000, -1], MiddleNull)),
            (new Field("ts", DataType.Timestamp), new PrimitiveArray<long>(DataType.Timestamp, [1_000_000, 0, 1_700_000_000_123_456], MiddleNull)),
            (new Field("tstz", new TimestampType("UTC")), new PrimitiveArray<long>(new TimestampType("UTC"), [0, 86_400_000_000, 0], LastNull)),
            // timestamp with time zone 'America/New_York': UTC instants, the zone in the Arrow type (as query results carry it).
            (new Field("tsny", new TimestampType("America/New_York")), new PrimitiveArray<long>(new TimestampType("America/New_York"), [1_577_890_800_000_000, 0, 0], MiddleNull)),
            // timestamp(0) and timestamp(3): microseconds in memory, sent as timestamp(SECOND) and timestamp(MILLISECOND).
            (new Field("ts0", new TimestampType(null, 0)), new PrimitiveArray<long>(new TimestampType(null, 0), [1_700_000_000_000_000, 0, -1_000_000], MiddleNull)),
            (new Field("ts3", new TimestampType("UTC", 3)), new PrimitiveArray<long>(new TimestampType("UTC", 3), [1_700_000_000_123_000, -1_000, 0], LastNull)),
            // timestamp(9): picoseconds in memory, sent as timestamp(NANOSECOND): one second and a nanosecond, and a nanosecond before the epoch.
            (new Field("ts9", new TimestampType("UTC", 9)), new PrimitiveArray<Int128>(new TimestampType("UTC", 9), [1_000_000_001_000, -1_000, 0], LastNull)),
            (new Field("l", listType), new ListArray(listType, [0, 2, 2, 2], new PrimitiveArray<int>(DataType.Int32, [1, 2]), 3, MiddleNull)),
            (new Field("st", structType), new StructArray(structType, [
                new PrimitiveArray<int>(DataType.Int32, [1, 0, 2], MiddleNull),
                Strings(DataType.Utf8, ["x", "", ""], [0b001]),
            ], 3, MiddleNull)),
            (new Field("m", mapType), new MapArray(mapType, [0, 1, 1, 1],
                Strings(DataType.Utf8, ["k"], null), new PrimitiveArray<long>(DataType.Int64, [1]), 3, MiddleNull)),
            // TIME(6) and TIME(9): picoseconds of day, sent as time64 micro- and nanoseconds.
            (new Field("tm", new TimeType(6)), new PrimitiveArray<long>(new TimeType(6), [37_230_123_456_000_000, 0, 86_399_999_999_000_000], MiddleNull)),
            (new Field("tn", new TimeType(9)), new PrimitiveArray<long>(new TimeType(9), [1_000, 0, 3_600_000_000_000_000], LastNull)),
            // INTERVAL YEAR TO MONTH (months, sent as interval(YEAR_MONTH)) and DAY TO SECOND (milliseconds, sent as duration(ms)).
            (new Field("iym", IntervalType.YearToMonth), new PrimitiveArray<int>(IntervalType.YearToMonth, [14, 0, -3], MiddleNull)),
            (new Field("ids", IntervalType.DayToSecond), new PrimitiveArray<long>(IntervalType.DayToSecond, [90_061_001, -500, 0], LastNull)),
            (new Field("j", JsonType.Instance), Strings(JsonType.Instance, ["{\"a\":[1,2]}", "", "\"x\""], MiddleNull)),
            (new Field("n", DataType.Null), new NullArray(3)),
        };
        var schema = new Schema(columns.Select(c => c.Field).ToArray());
        return new RecordBatch(schema, columns.Select(c => c.Array).ToArray(), 3);
    }

    private static BinaryArray Strings(DataType type, string[] values, byte[]? validity)
    {
        var offsets = new int[values.Length + 1];
        var data = new List<byte>();
        for (var i = 0; i < values.Length; i++)
        {
            data.AddRange(type.Id == TypeId.Utf8 ? Encoding.UTF8.GetBytes(values[i]) : values[i].Select(c => (byte)c));
            offsets[i + 1] = data.Count;
        }
        return new BinaryArray(type, offsets, data.ToArray(), values.Length, validity);
    }

    /// <summary>Whether the bytes hold the frame magic number of the codec (LZ4 frame 04 22 4D 18, Zstandard 28 B5 2F FD).</summary>
    public static bool HasFrameMagic(byte[] bytes, IpcCompression compression)
    {
        byte[] magic = compression switch
        {
            IpcCompression.Lz4Frame => [0x04, 0x22, 0x4D, 0x18],
            IpcCompression.Zstd => [0x28, 0xB5, 0x2F, 0xFD],
            _ => throw new ArgumentOutOfRangeException(nameof(compression)),
        };
        return bytes.AsSpan().IndexOf(magic) >= 0;
    }
}
