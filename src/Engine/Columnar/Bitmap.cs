using System.Numerics;
using System.Runtime.CompilerServices;

namespace QueryEngine.Engine.Columnar;

/// <summary>Arrow bitmaps: bit i of byte i/8, least significant bit first.</summary>
public static class Bitmap
{
    public static int BytesFor(int bits) => (bits + 7) >> 3;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool Get(ReadOnlySpan<byte> bits, int index) => (bits[index >> 3] & (1 << (index & 7))) != 0;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Set(Span<byte> bits, int index) => bits[index >> 3] |= (byte)(1 << (index & 7));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Clear(Span<byte> bits, int index) => bits[index >> 3] &= (byte)~(1 << (index & 7));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void SetValue(Span<byte> bits, int index, bool value)
    {
        if (value) Set(bits, index);
        else Clear(bits, index);
    }

    /// <summary>Number of set bits among the first <paramref name="length"/> bits.</summary>
    public static int CountSet(ReadOnlySpan<byte> bits, int length)
    {
        var fullBytes = length >> 3;
        var count = 0;
        var i = 0;
        for (; i + 8 <= fullBytes; i += 8)
        {
            count += BitOperations.PopCount(Unsafe.ReadUnaligned<ulong>(ref Unsafe.AsRef(in bits[i])));
        }
        for (; i < fullBytes; i++) count += BitOperations.PopCount(bits[i]);
        var rest = length & 7;
        if (rest != 0) count += BitOperations.PopCount((uint)(bits[fullBytes] & ((1 << rest) - 1)));
        return count;
    }

    /// <summary>A bitmap of <paramref name="length"/> bits, all set.</summary>
    public static byte[] AllSet(int length)
    {
        var bytes = new byte[BytesFor(length)];
        bytes.AsSpan().Fill(0xFF);
        return bytes;
    }
}
