using System.Buffers.Binary;
using Xunit;
using QueryEngine.Engine.Catalog;
using QueryEngine.Engine.Formats.Parquet.Metadata;
using QueryEngine.Engine.Session;
using QueryEngine.Engine.Storage;
using QueryEngine.Engine.Tests.Tpch;

namespace QueryEngine.Engine.Tests.Formats.Parquet;

/// <summary>Shapes other writers produce and DuckDB does not: INT96, DECIMAL on BYTE_ARRAY, FLOAT16, JSON, converted-only types, 2-level lists.</summary>
public sealed class ParquetLegacyTypesTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    private static SchemaElement Leaf(string name, PhysicalType type, Repetition repetition = Repetition.Optional) =>
        new() { Name = name, Type = type, RepetitionType = repetition };

    [Fact]
    public void Int96Float16JsonAndConvertedTypes()
    {
        var int96 = new byte[3 * 12];
        void Int96(int i, long nanos, int day)
        {
            BinaryPrimitives.WriteInt64LittleEndian(int96.AsSpan(i * 12), nanos);
            BinaryPrimitives.WriteInt32LittleEndian(int96.AsSpan((i * 12) + 8), day);
        }
        Int96(0, 0, 2_440_588);
        Int96(1, 1_500_000, 2_440_589);
        Int96(2, 43_200_000_000_000, 2_451_545);

        var halves = new byte[6];
        BinaryPrimitives.WriteUInt16LittleEndian(halves, 0x3C00);
        BinaryPrimitives.WriteUInt16LittleEndian(halves.AsSpan(2), 0xC000);
        BinaryPrimitives.WriteUInt16LittleEndian(halves.AsSpan(4), 0x7BFF);
        var json = new List<byte>();
        foreach (var text in new[] { "{\"a\":1}", "[]", "null" })
        {
            var bytes = System.Text.Encoding.UTF8.GetBytes(text);
            var length = new byte[4];
            BinaryPrimitives.WriteInt32LittleEndian(length, bytes.Length);
            json.AddRange(length);
            json.AddRange(bytes);
        }
        var millis = new byte[24];
        BinaryPrimitives.WriteInt64LittleEndian(millis, 1_000);
        BinaryPrimitives.WriteInt64LittleEndian(millis.AsSpan(8), -1);
        BinaryPrimitives.WriteInt64LittleEndian(millis.AsSpan(16), 946_684_800_000);
        var micros = new byte[24];
        BinaryPrimitives.WriteInt64LittleEndian(micros.AsSpan(8), 3_723_000_001);
        BinaryPrimitives.WriteInt64LittleEndian(micros.AsSpan(16), 86_399_999_999);

        var file = new HandMadeFile { Rows = 3 }
            .Top(Leaf("t96", PhysicalType.Int96, Repetition.Required))
            .Top(new SchemaElement { Name = "half", Type = PhysicalType.FixedLenByteArray, TypeLength = 2, RepetitionType = Repetition.Required, LogicalType = new LogicalType(LogicalTypeKind.Float16) })
            .Top(new SchemaElement { Name = "js", Type = PhysicalType.ByteArray, RepetitionType = Repetition.Required, ConvertedType = ConvertedType.Json })
            .Top(new SchemaElement { Name = "ms", Type = PhysicalType.Int64, RepetitionType = Repetition.Required, ConvertedType = ConvertedType.TimestampMillis })
            .Top(new SchemaElement { Name = "tm", Type = PhysicalType.Int64, RepetitionType = Repetition.Required, ConvertedType = ConvertedType.TimeMicros })
            .Data(PhysicalType.Int96, "t96", 3, int96)
            .Data(PhysicalType.FixedLenByteArray, "half", 3, halves)
            .Data(PhysicalType.ByteArray, "js", 3, [.. json])
            .Data(PhysicalType.Int64, "ms", 3, millis)
            .Data(PhysicalType.Int64, "tm", 3, micros);
        var path = _dir.Write("legacy.parquet", Build(file));
        var session = NewSession();
        // TIMESTAMP_MILLIS reads as timestamp(3) with time zone (UTC), so three fraction digits.
        var rows = Render(session.Execute($"SELECT t96, half, js, ms FROM read_parquet('{path}')"));
        Assert.Equal(
            [
                "1970-01-01 00:00:00.000000|1|{\"a\":1}|1970-01-01 00:00:01.000 UTC",
                "1970-01-02 00:00:00.001500|-2|[]|1969-12-31 23:59:59.999 UTC",
                "2000-01-01 12:00:00.000000|65504|null|2000-01-01 00:00:00.000 UTC",
            ],
            rows);
        // Converted type JSON reads as the JSON type; TIME_MICROS as time(6).
        Assert.Equal(
            ["json|00:00:00.000000|time(6)", "json|01:02:03.000001|time(6)", "json|23:59:59.999999|time(6)"],
            Render(session.Execute($"SELECT typeof(js), tm, typeof(tm) FROM read_parquet('{path}')")));
    }

    /// <summary>DECIMAL(10,2) on BYTE_ARRAY (big-endian two's complement, minimal length): 123.45, -0.01, NULL, 0.00.</summary>
    [Fact]
    public void DecimalOnByteArray()
    {
        byte[] decimals = [2, 0, 0, 0, 0x30, 0x39, 1, 0, 0, 0, 0xFF, 1, 0, 0, 0, 0x00];
        var file = new HandMadeFile { Rows = 4 }
            .Top(new SchemaElement { Name = "dec", Type = PhysicalType.ByteArray, RepetitionType = Repetition.Optional, ConvertedType = ConvertedType.Decimal, Precision = 10, Scale = 2 })
            .Data(PhysicalType.ByteArray, "dec", 4, decimals, [1, 1, 0, 1]);
        var path = _dir.Write("dec.parquet", Build(file));
        Assert.Equal(["123.45", "-0.01", "NULL", "0.00"], Render(NewSession().Execute($"SELECT dec FROM read_parquet('{path}')")));
    }

    [Fact]
    public void TwoLevelListsAndBareRepeatedFields()
    {
        // l: optional group (LIST) { repeated int32 element } with rows [1, 2], [], NULL;
        // r: repeated int32 (a list that is never null) with rows [7], [], [8, 9].
        var values = new byte[8];
        BinaryPrimitives.WriteInt32LittleEndian(values, 1);
        BinaryPrimitives.WriteInt32LittleEndian(values.AsSpan(4), 2);
        var bare = new byte[12];
        BinaryPrimitives.WriteInt32LittleEndian(bare, 7);
        BinaryPrimitives.WriteInt32LittleEndian(bare.AsSpan(4), 8);
        BinaryPrimitives.WriteInt32LittleEndian(bare.AsSpan(8), 9);
        var file = new HandMadeFile { Rows = 3 }
            .Top(new SchemaElement { Name = "l", RepetitionType = Repetition.Optional, NumChildren = 1, ConvertedType = ConvertedType.List })
            .Child(Leaf("element", PhysicalType.Int32, Repetition.Repeated))
            .Top(Leaf("r", PhysicalType.Int32, Repetition.Repeated))
            .Data(PhysicalType.Int32, "l", 4, values, [2, 2, 1, 0], 2, [0, 1, 0, 0], 1)
            .Data(PhysicalType.Int32, "r", 4, bare, [1, 0, 1, 1], 1, [0, 0, 0, 1], 1);
        var path = _dir.Write("lists.parquet", Build(file));
        Assert.Equal(["[1, 2]|[7]", "[]|[]", "NULL|[8, 9]"], Render(NewSession().Execute($"SELECT l, r FROM read_parquet('{path}')")));
    }

    private static byte[] Build(HandMadeFile file) => file.Build();

    private static QuerySession NewSession() => new(new InMemoryCatalog(), new FileTableSourceFactory(new LocalObjectStore()), new SessionOptions());

    private static List<string> Render(StatementResult result) => TpchAnswerTests.Render(result).Select(r => string.Join("|", r)).ToList();

    public void Dispose() => _dir.Dispose();
}
