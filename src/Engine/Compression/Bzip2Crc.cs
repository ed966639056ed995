namespace QueryEngine.Engine.Compression;

/// <summary>bzip2's CRC-32: polynomial 0x04C11DB7, bits most significant first (not the reflected zlib CRC).</summary>
internal static class Bzip2Crc
{
    private static readonly uint[] Table = BuildTable();

    /// <summary>Continues <paramref name="crc"/> (start from 0xFFFFFFFF, complement at the end) over <paramref name="data"/>.</summary>
    public static uint Update(uint crc, ReadOnlySpan<byte> data)
    {
        var table = Table;
        foreach (var b in data) crc = (crc << 8) ^ table[(crc >> 24) ^ b];
        return crc;
    }

    private static uint[] BuildTable()
    {
        var table = new uint[256];
        for (uint i = 0; i < 256; i++)
        {
            var c = i << 24;
            for (var k = 0; k < 8; k++) c = (c & 0x8000_0000) != 0 ? (c << 1) ^ 0x04C1_1DB7 : c << 1;
            table[i] = c;
        }
        return table;
    }
}
