using System.Text;
using QueryEngine.Engine.Columnar;

namespace QueryEngine.Engine.Formats.Bucketing;

/// <summary>
/// Hive's bucket hashes. Version 1 (<c>ObjectInspectorUtils.hashCode</c> combined by <c>getBucketHashCodeOld</c>): each
/// bucket column's value hashes to a Java <c>int</c> — boolean 1/0, tinyint/smallint/int the value, bigint
/// <c>(int)(v ^ (v &gt;&gt;&gt; 32))</c>, real <c>Float.floatToIntBits</c>, double the same fold of
/// <c>Double.doubleToLongBits</c>, string <c>r = 31 * r + b</c> over the UTF-8 bytes taken as <em>signed</em> Java bytes
/// (starting from 0), date its days since 1970-01-01, NULL 0 — and the row's hash is <c>h = 31 * h + columnHash</c> over
/// the columns in <c>bucketed_by</c> order; the bucket is <c>(h &amp; Integer.MAX_VALUE) % bucketCount</c>. Java's
/// wrapping <c>int</c> arithmetic is C#'s unchecked <see cref="int"/> arithmetic. Version 2 (Hive 3's
/// <c>hashCodeMurmur</c> combined by <c>getBucketHashCode</c>, as Trino's <c>HiveBucketingV2</c>): boolean 1/0 and tinyint
/// its value as in version 1; smallint, int, date (days), bigint <see cref="HiveMurmur3"/> over the value's big-endian
/// bytes (2, 4, 4, 8); real and double over the bits of <c>floatToIntBits</c> / <c>doubleToLongBits</c> (every NaN
/// folded to the canonical one) converted back to a floating value as a number (<see cref="OfFloatV2"/>); string (and
/// varchar) over its UTF-8 bytes; NULL 0. Rows and buckets combine as in version 1.
/// </summary>
public static class HiveBucketHash
{
    /// <summary>Whether a column of this type can be a bucket column (the types whose version-1 hash is implemented).</summary>
    public static bool Supports(DataType type) => type.Id is TypeId.Boolean or TypeId.Int8 or TypeId.Int16 or TypeId.Int32 or TypeId.Int64
        or TypeId.Float32 or TypeId.Float64 or TypeId.Utf8 or TypeId.Date32;

    /// <summary>The bucket of every row of <paramref name="columns"/> (the bucket columns, in order), into <paramref name="buckets"/>.</summary>
    public static void Buckets(IReadOnlyList<ArrowArray> columns, int rows, int bucketCount, Span<int> buckets, HiveBucketingVersion version = HiveBucketingVersion.V1)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(bucketCount, 1);
        var hashes = buckets[..rows];
        RowHashes(columns, hashes, version);
        for (var i = 0; i < hashes.Length; i++) hashes[i] = (hashes[i] & int.MaxValue) % bucketCount;
    }

    /// <summary>The row hash of every row (before the mask and modulo): <c>h = 31 * h + column hash</c> over the columns, from 0.</summary>
    public static void RowHashes(IReadOnlyList<ArrowArray> columns, Span<int> hashes, HiveBucketingVersion version)
    {
        ArgumentNullException.ThrowIfNull(columns);
        hashes.Clear();
        foreach (var column in columns)
        {
            if (version == HiveBucketingVersion.V2) CombineV2(column, hashes);
            else Combine(column, hashes);
        }
    }

    /// <summary>The bucket of a row whose (single or combined) Hive hash is <paramref name="hash"/>.</summary>
    public static int BucketOf(int hash, int bucketCount) => (hash & int.MaxValue) % bucketCount;

    /// <summary>Hive's hash of a bigint.</summary>
    public static int OfLong(long value) => unchecked((int)(value ^ (long)((ulong)value >> 32)));

    /// <summary>Hive's hash of a double (Java's <c>Double.hashCode</c>; <c>doubleToLongBits</c> folds every NaN to one).</summary>
    public static int OfDouble(double value) => OfLong(double.IsNaN(value) ? 0x7ff8000000000000L : BitConverter.DoubleToInt64Bits(value));

    /// <summary>Hive's hash of a real (<c>Float.floatToIntBits</c>).</summary>
    public static int OfFloat(float value) => double.IsNaN(value) ? 0x7fc00000 : BitConverter.SingleToInt32Bits(value);

    /// <summary>Hive's hash of a string's UTF-8 bytes, each taken as a signed byte.</summary>
    public static int OfUtf8(ReadOnlySpan<byte> bytes)
    {
        var r = 0;
        foreach (var b in bytes) r = unchecked((r * 31) + (sbyte)b);
        return r;
    }

    /// <summary>Version 2's hash of a smallint.</summary>
    public static int OfShortV2(short value) => HiveMurmur3.HashBigEndian(value);

    /// <summary>Version 2's hash of an int or a date (its day number).</summary>
    public static int OfIntV2(int value) => HiveMurmur3.HashBigEndian(value);

    /// <summary>Version 2's hash of a bigint.</summary>
    public static int OfLongV2(long value) => HiveMurmur3.HashBigEndian(value);

    /// <summary>
    /// Version 2's hash of a real. Hive writes <c>putFloat(Float.floatToIntBits(v))</c>: the int bits (NaNs canonical)
    /// are converted back to a float <em>as a number</em> (Java's int-to-float widening, rounding to nearest) and that
    /// float's raw bits are hashed.
    /// </summary>
    public static int OfFloatV2(float value) => HiveMurmur3.HashBigEndian(BitConverter.SingleToInt32Bits(OfFloat(value)));

    /// <summary>
    /// Version 2's hash of a double: as for real, <c>putDouble(Double.doubleToLongBits(v))</c> converts the long bits
    /// (NaNs canonical) to a double as a number, whose raw bits are hashed.
    /// </summary>
    public static int OfDoubleV2(double value) =>
        HiveMurmur3.HashBigEndian(BitConverter.DoubleToInt64Bits(double.IsNaN(value) ? 0x7ff8000000000000L : BitConverter.DoubleToInt64Bits(value)));

    /// <summary>Version 2's hash of a string's UTF-8 bytes.</summary>
    public static int OfUtf8V2(ReadOnlySpan<byte> bytes) => HiveMurmur3.Hash32(bytes);

    /// <summary>
    /// The hash of one non-null constant of <paramref name="type"/> (boxed as <see cref="DataType"/> documents) in
    /// <paramref name="version"/>; null for a type without a bucket hash.
    /// </summary>
    public static int? OfConstant(object value, DataType type, HiveBucketingVersion version)
    {
        var v2 = version == HiveBucketingVersion.V2;
        return (type.Id, value) switch
        {
            (TypeId.Boolean, bool b) => b ? 1 : 0,
            (TypeId.Int8, sbyte v) => v,
            (TypeId.Int16, short v) => v2 ? OfShortV2(v) : v,
            (TypeId.Int32 or TypeId.Date32, int v) => v2 ? OfIntV2(v) : v,
            (TypeId.Int64, long v) => v2 ? OfLongV2(v) : OfLong(v),
            (TypeId.Float32, float v) => v2 ? OfFloatV2(v) : OfFloat(v),
            (TypeId.Float64, double v) => v2 ? OfDoubleV2(v) : OfDouble(v),
            (TypeId.Utf8, string text) => v2 ? OfUtf8V2(Encoding.UTF8.GetBytes(text)) : OfUtf8(Encoding.UTF8.GetBytes(text)),
            _ => null,
        };
    }

    /// <summary>Version 2: hashes[i] = 31 * hashes[i] + hashCodeMurmur(column[i]); NULL hashes to 0.</summary>
    private static void CombineV2(ArrowArray column, Span<int> hashes)
    {
        switch (column)
        {
            case BooleanArray booleans:
                for (var i = 0; i < hashes.Length; i++) hashes[i] = Step(hashes[i], booleans.IsTrue(i) ? 1 : 0);
                return;
            case PrimitiveArray<sbyte> bytes:
                CombineInts(bytes.Values, column, hashes); // tinyint hashes to its value in both versions
                return;
            case PrimitiveArray<short> shorts:
            {
                var values = shorts.Values;
                for (var i = 0; i < hashes.Length; i++) hashes[i] = Step(hashes[i], column.IsNull(i) ? 0 : OfShortV2(values[i]));
                return;
            }
            case PrimitiveArray<int> ints:
            {
                var values = ints.Values;
                for (var i = 0; i < hashes.Length; i++) hashes[i] = Step(hashes[i], column.IsNull(i) ? 0 : OfIntV2(values[i]));
                return;
            }
            case PrimitiveArray<long> longs when column.Type.Id == TypeId.Int64:
            {
                var values = longs.Values;
                for (var i = 0; i < hashes.Length; i++) hashes[i] = Step(hashes[i], column.IsNull(i) ? 0 : OfLongV2(values[i]));
                return;
            }
            case PrimitiveArray<double> doubles:
            {
                var values = doubles.Values;
                for (var i = 0; i < hashes.Length; i++) hashes[i] = Step(hashes[i], column.IsNull(i) ? 0 : OfDoubleV2(values[i]));
                return;
            }
            case PrimitiveArray<float> floats:
            {
                var values = floats.Values;
                for (var i = 0; i < hashes.Length; i++) hashes[i] = Step(hashes[i], column.IsNull(i) ? 0 : OfFloatV2(values[i]));
                return;
            }
            case BinaryArray { IsUtf8: true } strings:
                for (var i = 0; i < hashes.Length; i++) hashes[i] = Step(hashes[i], strings.IsNull(i) ? 0 : OfUtf8V2(strings.GetBytes(i)));
                return;
            default:
                throw new ArgumentException($"Bucketing on {column.Type.SqlName} is not supported", nameof(column));
        }
    }

    /// <summary>hashes[i] = 31 * hashes[i] + hash(column[i]); NULL hashes to 0.</summary>
    private static void Combine(ArrowArray column, Span<int> hashes)
    {
        switch (column)
        {
            case BooleanArray booleans:
                for (var i = 0; i < hashes.Length; i++) hashes[i] = Step(hashes[i], booleans.IsTrue(i) ? 1 : 0);
                return;
            case PrimitiveArray<sbyte> bytes:
                CombineInts(bytes.Values, column, hashes);
                return;
            case PrimitiveArray<short> shorts:
                CombineInts(shorts.Values, column, hashes);
                return;
            case PrimitiveArray<int> ints:
                // int and date (days since the epoch) hash to themselves.
                CombineInts(ints.Values, column, hashes);
                return;
            case PrimitiveArray<long> longs when column.Type.Id == TypeId.Int64:
            {
                var values = longs.Values;
                for (var i = 0; i < hashes.Length; i++) hashes[i] = Step(hashes[i], column.IsNull(i) ? 0 : OfLong(values[i]));
                return;
            }
            case PrimitiveArray<double> doubles:
            {
                var values = doubles.Values;
                for (var i = 0; i < hashes.Length; i++) hashes[i] = Step(hashes[i], column.IsNull(i) ? 0 : OfDouble(values[i]));
                return;
            }
            case PrimitiveArray<float> floats:
            {
                var values = floats.Values;
                for (var i = 0; i < hashes.Length; i++) hashes[i] = Step(hashes[i], column.IsNull(i) ? 0 : OfFloat(values[i]));
                return;
            }
            case BinaryArray { IsUtf8: true } strings:
                for (var i = 0; i < hashes.Length; i++) hashes[i] = Step(hashes[i], strings.IsNull(i) ? 0 : OfUtf8(strings.GetBytes(i)));
                return;
            default:
                throw new ArgumentException($"Bucketing on {column.Type.SqlName} is not supported", nameof(column));
        }
    }

    private static void CombineInts<T>(ReadOnlySpan<T> values, ArrowArray column, Span<int> hashes)
        where T : unmanaged, System.Numerics.IBinaryInteger<T>
    {
        if (column.NullCount == 0)
        {
            for (var i = 0; i < hashes.Length; i++) hashes[i] = Step(hashes[i], int.CreateTruncating(values[i]));
            return;
        }
        for (var i = 0; i < hashes.Length; i++) hashes[i] = Step(hashes[i], column.IsNull(i) ? 0 : int.CreateTruncating(values[i]));
    }

    private static int Step(int hash, int value) => unchecked((31 * hash) + value);
}
