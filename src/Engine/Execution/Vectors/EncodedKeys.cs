using QueryEngine.Engine.Columnar;

namespace QueryEngine.Engine.Execution.Vectors;

/// <summary>
/// Rows of key columns encoded into comparable byte strings by <see cref="KeyEncoder"/>, with their hashes: the
/// representation the hash tables of aggregation, DISTINCT sets and joins compare by memcmp.
/// </summary>
internal sealed class EncodedKeys
{
    public EncodedKeys(byte[] data, int[] offsets, ulong[] hashes, byte[]? nullRows, int rows)
    {
        Data = data;
        Offsets = offsets;
        Hashes = hashes;
        NullRows = nullRows;
        Rows = rows;
    }

    public byte[] Data { get; }

    /// <summary>Row i is <c>Data[Offsets[i] .. Offsets[i + 1])</c>.</summary>
    public int[] Offsets { get; }

    public ulong[] Hashes { get; }

    /// <summary>Bit i set when some key column of row i is null (null when no key is null).</summary>
    public byte[]? NullRows { get; }

    public int Rows { get; }

    public ReadOnlySpan<byte> Row(int i) => Data.AsSpan(Offsets[i], Offsets[i + 1] - Offsets[i]);

    public bool HasNull(int i) => NullRows is not null && Bitmap.Get(NullRows, i);
}
