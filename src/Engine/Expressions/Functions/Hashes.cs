namespace QueryEngine.Engine.Expressions.Functions;

/// <summary>CRC-32 (IEEE 802.3, reflected polynomial 0xEDB88320), as java.util.zip.CRC32 computes it.</summary>
internal static class Crc32
{
    private static readonly uint[] Table = BuildTable();

    public static uint Compute(ReadOnlySpan<byte> input)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in input) crc = Table[(crc ^ b) & 0xFF] ^ (crc >> 8);
        return crc ^ 0xFFFFFFFFu;
    }

    private static uint[] BuildTable()
    {
        var table = new uint[256];
        for (var i = 0u; i < 256; i++)
        {
            var c = i;
            for (var k = 0; k < 8; k++) c = (c & 1) != 0 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
            table[i] = c;
        }
        return table;
    }
}
