using QueryEngine.Engine.Columnar;
using QueryEngine.Engine.Formats.Bucketing;
using Xunit;

namespace QueryEngine.Engine.Tests.Writing;

/// <summary>
/// Hive's bucketing version 2 (Hive 3's Murmur3, seed 104729) against the hash codes published in Trino's
/// TestHiveBucketing (testHashingCompare, whose values Trino checks against Hive's own ObjectInspectorUtils) and the
/// bucket sets of its testBucketFilterFromDiscreteSets.
/// </summary>
public sealed class HiveBucketHashV2Tests
{
    [Fact]
    public void IntegersHashTheirBigEndianBytesExceptTinyint()
    {
        Assert.Equal([5, -128, 127], HashesOf(new PrimitiveArray<sbyte>(DataType.Int8, [5, sbyte.MinValue, sbyte.MaxValue])));
        Assert.Equal(2107031704, HiveBucketHash.OfShortV2(300));
        Assert.Equal(1342976838, HiveBucketHash.OfShortV2(short.MinValue));
        Assert.Equal(-684075052, HiveBucketHash.OfShortV2(short.MaxValue));
        Assert.Equal(-678663480, HiveBucketHash.OfIntV2(300_000));
        Assert.Equal(1194881028, HiveBucketHash.OfIntV2(int.MinValue));
        Assert.Equal(1133859967, HiveBucketHash.OfIntV2(int.MaxValue));
        Assert.Equal(-888935297, HiveBucketHash.OfLongV2(300_000_000_000L));
        Assert.Equal(1728983947, HiveBucketHash.OfLongV2(long.MinValue));
        Assert.Equal(-536577852, HiveBucketHash.OfLongV2(long.MaxValue));
        // The column loops give the same hashes as the single-value functions.
        Assert.Equal([2107031704, 1342976838, -684075052], HashesOf(new PrimitiveArray<short>(DataType.Int16, [300, short.MinValue, short.MaxValue])));
        Assert.Equal([-678663480, 1194881028], HashesOf(new PrimitiveArray<int>(DataType.Int32, [300_000, int.MinValue])));
        Assert.Equal([-888935297, -536577852], HashesOf(new PrimitiveArray<long>(DataType.Int64, [300_000_000_000L, long.MaxValue])));
    }

    [Fact]
    public void DatesHashTheirDayNumber()
    {
        // 1970-01-01 is day 0, 2015-11-19 day 16758, 1950-11-19 day -6983.
        Assert.Equal([1362653161, 8542395, -431619185], HashesOf(new PrimitiveArray<int>(DataType.Date32, [0, 16758, -6983])));
    }

    [Fact]
    public void FloatingValuesHashTheirCanonicalBits()
    {
        Assert.Equal(-381747602, HiveBucketHash.OfFloatV2(12.34f));
        Assert.Equal(470252243, HiveBucketHash.OfFloatV2(-float.MaxValue));
        Assert.Equal(1206721797, HiveBucketHash.OfFloatV2(float.Epsilon));
        Assert.Equal(-292175804, HiveBucketHash.OfFloatV2(float.PositiveInfinity));
        Assert.Equal(-1433270801, HiveBucketHash.OfFloatV2(float.NegativeInfinity));
        foreach (var nanBits in new[] { 0x7fc00000, unchecked((int)0xffc00000), 0x7fc01234, unchecked((int)0xffc01234) })
        {
            Assert.Equal(-480354314, HiveBucketHash.OfFloatV2(BitConverter.Int32BitsToSingle(nanBits)));
        }
        Assert.Equal(-2070733568, HiveBucketHash.OfDoubleV2(12.34));
        Assert.Equal(14392725, HiveBucketHash.OfDoubleV2(-double.MaxValue));
        Assert.Equal(-8838199, HiveBucketHash.OfDoubleV2(double.Epsilon));
        Assert.Equal(1614292060, HiveBucketHash.OfDoubleV2(double.PositiveInfinity));
        Assert.Equal(141388605, HiveBucketHash.OfDoubleV2(double.NegativeInfinity));
        foreach (var nanBits in new[] { 0x7ff8000000000000L, unchecked((long)0xfff8000000000000UL), 0x7ff8123412341234L, unchecked((long)0xfff8123412341234UL) })
        {
            Assert.Equal(1138026565, HiveBucketHash.OfDoubleV2(BitConverter.Int64BitsToDouble(nanBits)));
        }
        Assert.Equal([-381747602, 0], HashesOf(new PrimitiveArray<float>(DataType.Float32, [12.34f, 0f], 2, [0b01])));
        Assert.Equal([-2070733568], HashesOf(new PrimitiveArray<double>(DataType.Float64, [12.34])));
    }

    [Fact]
    public void StringsHashTheirUtf8BytesWithHivesSignedTail()
    {
        Assert.Equal(-965378730, HiveBucketHash.OfUtf8V2(""u8));
        Assert.Equal(-138301454, HiveBucketHash.OfUtf8V2("test string"u8));
        Assert.Equal(-399107423, HiveBucketHash.OfUtf8V2("Trino rocks"u8));
        // 3-byte UTF-8 sequences, 17 bytes: a tail byte of 0x80 or more is sign-extended by Hive's Murmur3.
        Assert.Equal(1784416344, HiveBucketHash.OfUtf8V2(System.Text.Encoding.UTF8.GetBytes("\u5f3a\u5927\u7684Trino\u5f15\u64ce")));
        // Four 4-byte sequences (U+20FFC .. U+20FFF).
        Assert.Equal(-697348811, HiveBucketHash.OfUtf8V2(System.Text.Encoding.UTF8.GetBytes("\uD843\uDFFC\uD843\uDFFD\uD843\uDFFE\uD843\uDFFF")));
        Assert.Equal([-399107423, 0], HashesOf(HiveBucketHashTests.Strings("Trino rocks", null)));
    }

    [Fact]
    public void BooleansAndNullsHashAsInVersionOne()
    {
        Assert.Equal([1, 0, 0], HashesOf(new BooleanArray([0b001], 3, [0b011])));
    }

    [Fact]
    public void RowsCombineColumnsAndPickBucketsAsTrinoDoes()
    {
        // Trino: getBucketNumber(-399107423, 4) = 1.
        Assert.Equal(1, HiveBucketHash.BucketOf(-399107423, 4));
        // Trino's discrete sets: int {1, 10} x tinyint {5, 6} over 8 buckets land in buckets {0, 1, 5, 6} with version 2.
        var ints = new PrimitiveArray<int>(DataType.Int32, [1, 1, 10, 10]);
        var tinyints = new PrimitiveArray<sbyte>(DataType.Int8, [5, 6, 5, 6]);
        var buckets = new int[4];
        HiveBucketHash.Buckets([ints, tinyints], 4, 8, buckets, HiveBucketingVersion.V2);
        Assert.Equal(new[] { 0, 1, 5, 6 }, buckets.Distinct().Order().ToArray());
        // ... and in {3, 4, 5} with version 1.
        HiveBucketHash.Buckets([ints, tinyints], 4, 8, buckets, HiveBucketingVersion.V1);
        Assert.Equal(new[] { 3, 4, 5 }, buckets.Distinct().Order().ToArray());
    }

    [Fact]
    public void FixedWidthFastPathsAgreeWithTheByteFunction()
    {
        // The fixed-width fast paths agree with the general byte function over the same big-endian bytes.
        Assert.Equal(HiveMurmur3.Hash32([0x01, 0x2C]), HiveMurmur3.HashBigEndian((short)300));
        Assert.Equal(HiveMurmur3.Hash32([0x80, 0x00]), HiveMurmur3.HashBigEndian(short.MinValue));
        Assert.Equal(HiveMurmur3.Hash32([0x00, 0x04, 0x93, 0xE0]), HiveMurmur3.HashBigEndian(300_000));
    }

    /// <summary>The version-2 hash of each row of one column (one bucket column: its row hash is the column hash).</summary>
    private static int[] HashesOf(ArrowArray column)
    {
        var hashes = new int[column.Length];
        HiveBucketHash.RowHashes([column], hashes, HiveBucketingVersion.V2);
        return hashes;
    }
}
