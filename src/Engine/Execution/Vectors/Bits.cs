using System.Numerics;
using System.Runtime.CompilerServices;
using QueryEngine.Engine.Columnar;

namespace QueryEngine.Engine.Execution.Vectors;

/// <summary>Whole-bitmap operations on validity and boolean value bitmaps (bytewise, 64 bits at a time where possible).</summary>
internal static class Bits
{
    /// <summary>Intersection of two validity bitmaps; null means "all valid".</summary>
    public static byte[]? And(byte[]? a, byte[]? b, int length)
    {
        if (a is null) return b is null ? null : Copy(b, length);
        if (b is null) return Copy(a, length);
        var n = Bitmap.BytesFor(length);
        var result = new byte[n];
        AndInto(a, b, result, n);
        return result;
    }

    public static void AndInto(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b, Span<byte> result, int bytes)
    {
        var i = 0;
        for (; i + 8 <= bytes; i += 8)
        {
            var x = Unsafe.ReadUnaligned<ulong>(ref Unsafe.AsRef(in a[i])) & Unsafe.ReadUnaligned<ulong>(ref Unsafe.AsRef(in b[i]));
            Unsafe.WriteUnaligned(ref result[i], x);
        }
        for (; i < bytes; i++) result[i] = (byte)(a[i] & b[i]);
    }

    public static byte[] Copy(byte[] bits, int length)
    {
        var n = Bitmap.BytesFor(length);
        var result = new byte[n];
        bits.AsSpan(0, n).CopyTo(result);
        return result;
    }

    /// <summary>Rows whose bit is set in <paramref name="bits"/> (and valid when <paramref name="validity"/> is given).</summary>
    public static int[] SetIndices(byte[] bits, byte[]? validity, int length)
    {
        var count = CountSet(bits, validity, length);
        var result = new int[count];
        var k = 0;
        var fullBytes = length >> 3;
        for (var b = 0; b < fullBytes; b++)
        {
            int x = bits[b];
            if (validity is not null) x &= validity[b];
            while (x != 0)
            {
                var t = BitOperations.TrailingZeroCount(x);
                result[k++] = (b << 3) + t;
                x &= x - 1;
            }
        }
        for (var i = fullBytes << 3; i < length; i++)
        {
            if (Bitmap.Get(bits, i) && (validity is null || Bitmap.Get(validity, i))) result[k++] = i;
        }
        return result;
    }

    /// <summary>Number of rows whose bit is set (and valid when <paramref name="validity"/> is given).</summary>
    public static int CountSet(byte[] bits, byte[]? validity, int length)
    {
        if (validity is null) return Bitmap.CountSet(bits, length);
        var fullBytes = length >> 3;
        var count = 0;
        var i = 0;
        for (; i + 8 <= fullBytes; i += 8)
        {
            var x = Unsafe.ReadUnaligned<ulong>(ref bits[i]) & Unsafe.ReadUnaligned<ulong>(ref validity[i]);
            count += BitOperations.PopCount(x);
        }
        for (; i < fullBytes; i++) count += BitOperations.PopCount((uint)(bits[i] & validity[i]));
        for (var r = fullBytes << 3; r < length; r++)
        {
            if (Bitmap.Get(bits, r) && Bitmap.Get(validity, r)) count++;
        }
        return count;
    }

    /// <summary>A bitmap with bits [0, length) set from <paramref name="values"/>.</summary>
    public static byte[] FromBools(ReadOnlySpan<bool> values)
    {
        var result = new byte[Bitmap.BytesFor(values.Length)];
        for (var i = 0; i < values.Length; i++)
        {
            if (values[i]) result[i >> 3] |= (byte)(1 << (i & 7));
        }
        return result;
    }

    /// <summary>Bitwise NOT of the first <paramref name="length"/> bits (bits past the end are left clear).</summary>
    public static byte[] Not(byte[] bits, int length)
    {
        var n = Bitmap.BytesFor(length);
        var result = new byte[n];
        for (var i = 0; i < n; i++) result[i] = (byte)~bits[i];
        ClearTail(result, length);
        return result;
    }

    public static void ClearTail(Span<byte> bits, int length)
    {
        var rest = length & 7;
        if (rest != 0) bits[length >> 3] &= (byte)((1 << rest) - 1);
    }

    /// <summary>Validity bitmap that marks rows [0, length) valid except where <paramref name="isNull"/> is set; null when none is.</summary>
    public static byte[]? ValidityFromNulls(ReadOnlySpan<bool> isNull)
    {
        var any = false;
        foreach (var b in isNull)
        {
            if (b)
            {
                any = true;
                break;
            }
        }
        if (!any) return null;
        var result = Bitmap.AllSet(isNull.Length);
        for (var i = 0; i < isNull.Length; i++)
        {
            if (isNull[i]) Bitmap.Clear(result, i);
        }
        return result;
    }
}
