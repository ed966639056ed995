namespace QueryEngine.Engine.Formats.Parquet.Encodings;

/// <summary>
/// Writes the RLE / bit-packing hybrid: runs of 8 or more equal values as RLE runs, everything else as bit-packed
/// groups of 8 (a literal stretch borrows values from the next run to fill its last group; the final group is
/// padded with zeros, which readers ignore past the value count).
/// </summary>
internal static class RleHybridEncoder
{
    public static void Encode(ReadOnlySpan<int> values, int bitWidth, List<byte> output)
    {
        if (bitWidth == 0) return;
        var literals = new List<int>();
        var i = 0;
        while (i < values.Length)
        {
            var j = i + 1;
            while (j < values.Length && values[j] == values[i]) j++;
            var pad = (8 - (literals.Count % 8)) % 8;
            if (j - i >= 8 + pad)
            {
                for (var k = 0; k < pad; k++) literals.Add(values[i]);
                i += pad;
                FlushLiterals(literals, bitWidth, output);
                WriteVarint(output, (uint)((j - i) << 1));
                var bytes = (bitWidth + 7) / 8;
                for (var b = 0; b < bytes; b++) output.Add((byte)(values[i] >> (8 * b)));
                i = j;
            }
            else
            {
                for (; i < j; i++) literals.Add(values[i]);
            }
        }
        FlushLiterals(literals, bitWidth, output);
    }

    private static void FlushLiterals(List<int> literals, int bitWidth, List<byte> output)
    {
        if (literals.Count == 0) return;
        while (literals.Count % 8 != 0) literals.Add(0);
        var groups = literals.Count / 8;
        WriteVarint(output, (uint)((groups << 1) | 1));
        ulong buffer = 0;
        var bits = 0;
        foreach (var v in literals)
        {
            buffer |= ((ulong)(uint)v & ((1UL << bitWidth) - 1)) << bits;
            bits += bitWidth;
            while (bits >= 8)
            {
                output.Add((byte)buffer);
                buffer >>= 8;
                bits -= 8;
            }
        }
        if (bits > 0) output.Add((byte)buffer);
        literals.Clear();
    }

    private static void WriteVarint(List<byte> output, uint value)
    {
        while (value >= 0x80)
        {
            output.Add((byte)(value | 0x80));
            value >>= 7;
        }
        output.Add((byte)value);
    }
}
