using System.Text;
using QueryEngine.Engine.Columnar;
using QueryEngine.Engine.Writing;
using QueryEngine.Engine.Formats.Bucketing;
using Xunit;

namespace QueryEngine.Engine.Tests.Writing;

/// <summary>
/// Hive's bucketing version 1, against values worked out by hand from the Java code's semantics
/// (ObjectInspectorUtils.hashCode and getBucketHashCodeOld; Java int arithmetic wraps).
/// </summary>
public sealed class HiveBucketHashTests
{
    [Fact]
    public void BigintFoldsItsHighWordIntoItsLowWord()
    {
        // (int)(v ^ (v >>> 32)): for 2^32 + 1, 1 ^ 0x1_0000_0001 = 0x1_0000_0000, whose low word is 0.
        Assert.Equal(0, HiveBucketHash.OfLong((1L << 32) + 1));
        // -1 is all ones: v >>> 32 = 0x0000_0000_FFFF_FFFF, XOR gives 0xFFFF_FFFF_0000_0000, low word 0.
        Assert.Equal(0, HiveBucketHash.OfLong(-1));
        // A value below 2^32 keeps its low word: 7 ^ 0 = 7.
        Assert.Equal(7, HiveBucketHash.OfLong(7));
        // 5 * 2^32 + 3: 3 ^ 5 = 6 in the low word.
        Assert.Equal(6, HiveBucketHash.OfLong((5L << 32) + 3));
    }

    [Fact]
    public void DoubleAndRealHashTheirIeeeBits()
    {
        // 1.0 is 0x3FF0_0000_0000_0000: high word 0x3FF00000 XOR low word 0 = 1072693248 (Java's Double.hashCode(1.0)).
        Assert.Equal(1072693248, HiveBucketHash.OfDouble(1.0));
        // 2.0 is 0x4000_0000_0000_0000: 0x40000000 = 1073741824.
        Assert.Equal(1073741824, HiveBucketHash.OfDouble(2.0));
        // Float.floatToIntBits(1.0f) = 0x3F800000 = 1065353216.
        Assert.Equal(1065353216, HiveBucketHash.OfFloat(1.0f));
    }

    [Fact]
    public void StringsHashTheirUtf8BytesAsSignedJavaBytesFromZero()
    {
        // "ab": 0 * 31 + 97 = 97; 97 * 31 + 98 = 3105 (equal to Java's "ab".hashCode() for ASCII).
        Assert.Equal(3105, HiveBucketHash.OfUtf8("ab"u8));
        Assert.Equal(0, HiveBucketHash.OfUtf8(""u8));
        // "é" is UTF-8 C3 A9, signed bytes -61 and -87: -61 * 31 - 87 = -1978 (Java's String.hashCode would say 233).
        Assert.Equal(-1978, HiveBucketHash.OfUtf8(Encoding.UTF8.GetBytes("é")));
    }

    [Fact]
    public void RowsCombineColumnsAs31TimesHashPlusColumnHashThenMaskAndModulo()
    {
        // One int column: the value itself; -1 masks to 2147483647, and 2147483647 % 4 = 3.
        Assert.Equal([1, 2, 3, 0, 3], BucketsOf(4, Ints(5, 6, 7, 8, -1)));
        // (int 1, string "ab"): 31 * (31 * 0 + 1) + 3105 = 3136; 3136 % 10 = 6.
        // (int 2, string "é"): 31 * 2 - 1978 = -1916; -1916 & 0x7FFFFFFF = 2147481732; % 10 = 2.
        // (NULL, NULL): 0 -> bucket 0.
        var ints = new PrimitiveArray<int>(DataType.Int32, [1, 2, 0], 3, [0b011]);
        Assert.Equal([6, 2, 0], BucketsOf(10, ints, Strings("ab", "é", null)));
        // Booleans hash to 1 / 0; dates to their day number (1970-01-03 is day 2).
        Assert.Equal([1, 0], BucketsOf(7, new BooleanArray([0b01], 2)));
        Assert.Equal([2], BucketsOf(7, new PrimitiveArray<int>(DataType.Date32, [2])));
        // A bigint above 2^32: (5 * 2^32 + 3) folds to 6; 6 % 4 = 2.
        Assert.Equal([2], BucketsOf(4, new PrimitiveArray<long>(DataType.Int64, [(5L << 32) + 3])));
    }

    [Fact]
    public void BucketFilesAreNamedAsTrinoNamesThemAndRecognizedByQueryId()
    {
        Assert.Equal("000003_0_q1", StagedFiles.BucketFileName(3, "q1"));
        Assert.Equal("012345_0_abc-d", StagedFiles.BucketFileName(12345, "abc-d"));
        Assert.True(StagedFiles.IsFileOf("000003_0_q1.parquet", "q1"));
        Assert.True(StagedFiles.IsFileOf("000003_0_q1", "q1"));
        Assert.True(StagedFiles.IsFileOf("q1_00000.parquet", "q1"));
        Assert.False(StagedFiles.IsFileOf("000003_0_q12.parquet", "q1"));
        Assert.False(StagedFiles.IsFileOf("00003_0_q1.parquet", "q1"));
        Assert.False(StagedFiles.IsFileOf("000003_1_q1.parquet", "q1"));
        Assert.False(StagedFiles.IsFileOf("q2_00000.parquet", "q1"));
    }

    private static int[] BucketsOf(int count, params ArrowArray[] columns)
    {
        var buckets = new int[columns[0].Length];
        HiveBucketHash.Buckets(columns, buckets.Length, count, buckets);
        return buckets;
    }

    private static PrimitiveArray<int> Ints(params int[] values) => new(DataType.Int32, values);

    internal static BinaryArray Strings(params string?[] values)
    {
        var offsets = new int[values.Length + 1];
        var data = new List<byte>();
        var validity = new byte[(values.Length + 7) / 8];
        for (var i = 0; i < values.Length; i++)
        {
            if (values[i] is { } text)
            {
                data.AddRange(Encoding.UTF8.GetBytes(text));
                validity[i >> 3] |= (byte)(1 << (i & 7));
            }
            offsets[i + 1] = data.Count;
        }
        return new BinaryArray(DataType.Utf8, offsets, data.ToArray(), values.Length, validity);
    }
}
