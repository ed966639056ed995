
namespace QueryEngine.Engine.Formats.Parquet.Encodings;

/// <summary>
/// DELTA_BINARY_PACKED: a header (block size, miniblocks per block, value count, zigzag first value), then blocks of
/// a zigzag min delta, one bit width per miniblock and the bit-packed miniblocks. Arithmetic wraps (as the spec says).
/// </summary>
internal ref struct DeltaBinaryPackedDecoder
{
    private readonly ReadOnlySpan<byte> _data;
    private readonly PageError _where;
    private int _pos;

    public DeltaBinaryPackedDecoder(ReadOnlySpan<byte> data, PageError where)
    {
        _data = data;
        _where = where;
    }

    /// <summary>Bytes consumed (valid after <see cref="Read"/> has decoded every value).</summary>
    public readonly int Position => _pos;

    /// <summary>Number of values the header declares (reads the header without consuming).</summary>
    public static int PeekCount(ReadOnlySpan<byte> data, PageError where)
    {
        var d = new DeltaBinaryPackedDecoder(data, where);
        d.ReadVarint();
        d.ReadVarint();
        var count = d.ReadVarint();
        if (count > int.MaxValue) throw where.Corrupt("DELTA_BINARY_PACKED value count out of range");
        return (int)count;
    }

    /// <summary>Decodes every value of the run (the header's count) into <paramref name="output"/>, which must be large enough.</summary>
    public int Read(Span<long> output)
    {
        var blockSize = ReadVarint();
        var miniblocks = ReadVarint();
        var total = ReadVarint();
        var value = ZigZag(ReadVarint());
        if (blockSize == 0 || blockSize % 128 != 0 || miniblocks == 0 || blockSize % miniblocks != 0 || (blockSize / miniblocks) % 32 != 0 || blockSize > (1 << 20))
        {
            throw _where.Corrupt($"invalid DELTA_BINARY_PACKED header (block size {blockSize}, {miniblocks} miniblocks)");
        }
        if (total > (ulong)output.Length) throw _where.Corrupt($"DELTA_BINARY_PACKED holds {total} values, more than the {output.Length} expected");
        var count = (int)total;
        if (count == 0) return 0;
        var perMini = (int)(blockSize / miniblocks);
        output[0] = value;
        var produced = 1;
        Span<byte> widths = stackalloc byte[(int)Math.Min(miniblocks, 256)];
        if (miniblocks > 256) throw _where.Corrupt("too many miniblocks");
        while (produced < count)
        {
            var minDelta = ZigZag(ReadVarint());
            if (_pos + (int)miniblocks > _data.Length) throw _where.Corrupt("DELTA_BINARY_PACKED block header runs past the end");
            _data.Slice(_pos, (int)miniblocks).CopyTo(widths);
            _pos += (int)miniblocks;
            for (var m = 0; m < (int)miniblocks && produced < count; m++)
            {
                int width = widths[m];
                if (width > 64) throw _where.Corrupt($"invalid miniblock bit width {width}");
                var bytes = perMini * width / 8;
                var available = Math.Min(bytes, _data.Length - _pos);
                var n = Math.Min(perMini, count - produced);
                if ((long)n * width > (long)available * 8) throw _where.Corrupt("DELTA_BINARY_PACKED miniblock runs past the end");
                var bitPos = (long)_pos * 8;
                for (var k = 0; k < n; k++)
                {
                    var delta = width == 0 ? 0UL : ReadBits(bitPos, width);
                    bitPos += width;
                    value = unchecked(value + minDelta + (long)delta);
                    output[produced++] = value;
                }
                _pos += available;
            }
        }
        return count;
    }

    private readonly ulong ReadBits(long bitPos, int width)
    {
        var byteIndex = (int)(bitPos >> 3);
        var shift = (int)(bitPos & 7);
        ulong lo = 0;
        for (var b = 0; b < 8 && byteIndex + b < _data.Length; b++) lo |= (ulong)_data[byteIndex + b] << (8 * b);
        var result = lo >> shift;
        if (shift + width > 64)
        {
            ulong hi = byteIndex + 8 < _data.Length ? _data[byteIndex + 8] : (byte)0;
            result |= hi << (64 - shift);
        }
        return width == 64 ? result : result & ((1UL << width) - 1);
    }

    private ulong ReadVarint()
    {
        ulong result = 0;
        for (var shift = 0; shift < 70; shift += 7)
        {
            if (_pos >= _data.Length) throw _where.Corrupt("DELTA_BINARY_PACKED data ends inside a varint");
            var b = _data[_pos++];
            result |= (ulong)(b & 0x7F) << shift;
            if ((b & 0x80) == 0) return result;
        }
        throw _where.Corrupt("DELTA_BINARY_PACKED varint too long");
    }

    private static long ZigZag(ulong n) => (long)(n >> 1) ^ -(long)(n & 1);
}
