using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace QueryEngine.Engine.Execution.Vectors;

/// <summary>Fast non-cryptographic 64-bit hashing for hash tables (multiply-xorshift mixing, 8 bytes per step).</summary>
internal static class Hashing
{
    private const ulong K0 = 0x9E3779B97F4A7C15;
    private const ulong K1 = 0xBF58476D1CE4E5B9;
    private const ulong K2 = 0x94D049BB133111EB;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Mix(ulong x)
    {
        x ^= x >> 30;
        x *= K1;
        x ^= x >> 27;
        x *= K2;
        x ^= x >> 31;
        return x;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Combine(ulong seed, ulong value) => Mix(seed * K0 + value + 0x632BE59BD9B4E019);

    public static ulong Bytes(ReadOnlySpan<byte> data)
    {
        var h = (ulong)data.Length * K0;
        var i = 0;
        for (; i + 8 <= data.Length; i += 8)
        {
            var word = MemoryMarshal.Read<ulong>(data[i..]);
            h = BitOperations.RotateLeft((h ^ word) * K1, 29) * K2;
        }
        if (i < data.Length)
        {
            ulong tail = 0;
            for (var k = data.Length - 1; k >= i; k--) tail = (tail << 8) | data[k];
            h = BitOperations.RotateLeft((h ^ tail) * K1, 29) * K2;
        }
        return Mix(h);
    }
}

/// <summary>Byte-array keys in hash sets, looked up by span without allocating (alternate lookup).</summary>
internal sealed class ByteArrayComparer : IEqualityComparer<byte[]>, IAlternateEqualityComparer<ReadOnlySpan<byte>, byte[]>
{
    public static readonly ByteArrayComparer Instance = new();

    public bool Equals(byte[]? x, byte[]? y) => x is null ? y is null : y is not null && x.AsSpan().SequenceEqual(y);

    public int GetHashCode(byte[] obj) => (int)Hashing.Bytes(obj);

    public bool Equals(ReadOnlySpan<byte> alternate, byte[] other) => alternate.SequenceEqual(other);

    public int GetHashCode(ReadOnlySpan<byte> alternate) => (int)Hashing.Bytes(alternate);

    public byte[] Create(ReadOnlySpan<byte> alternate) => alternate.ToArray();
}
