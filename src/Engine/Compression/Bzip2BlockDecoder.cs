using System.Buffers;

namespace QueryEngine.Engine.Compression;

/// <summary>
/// Decodes one bzip2 block after its CRC: the randomisation bit, the BWT origin pointer, the byte values in use, the
/// Huffman code selectors and tables, then the symbols (runs of the front byte written as RUNA/RUNB digits, other bytes
/// as move-to-front indexes) into <see cref="Block"/>, the BWT's last column, and from it the inverse transform's
/// successor vector <see cref="Transform"/>. The buffers are reused from block to block.
/// </summary>
internal sealed class Bzip2BlockDecoder : IDisposable
{
    public const int MaxAlphabet = 258;
    private const int MaxGroups = 6;
    private const int SymbolsPerGroup = 50;
    private const int MaxSelectors = 18002; // bzip2 1.0.8 reads more but uses only these
    private const int RunA = 0;
    private const int RunB = 1;

    private readonly Bzip2HuffmanTable[] _tables = new Bzip2HuffmanTable[MaxGroups];
    private readonly byte[] _selectors = new byte[MaxSelectors];
    private readonly byte[] _lengths = new byte[MaxAlphabet];
    private readonly byte[] _used = new byte[256];
    private readonly int[] _counts = new int[256];
    private byte[]? _block;
    private int[]? _transform;

    public Bzip2BlockDecoder()
    {
        for (var i = 0; i < _tables.Length; i++) _tables[i] = new Bzip2HuffmanTable();
    }

    /// <summary>The current block's BWT last column.</summary>
    public byte[] Block => _block!;

    /// <summary>The inverse transform: for each position, the position of the byte after it in the original order.</summary>
    public int[] Transform => _transform!;

    /// <summary>Reads a block; returns its length (before the final run-length expansion) and its origin pointer.</summary>
    public int Decode(Bzip2BitReader bits, int maxBlockBytes, out int origin)
    {
        EnsureCapacity(maxBlockBytes);
        if (bits.Read(1) != 0) throw new InvalidDataException("randomised bzip2 blocks (written by bzip2 0.9.0 and older) are not supported");
        origin = (int)bits.Read(24);
        var usedCount = ReadUsedBytes(bits);
        var alphabet = usedCount + 2;
        var groups = (int)bits.Read(3);
        if (groups is < 2 or > MaxGroups) throw new InvalidDataException($"a bzip2 block declares {groups} Huffman tables (2 to 6 allowed)");
        var selectorCount = ReadSelectors(bits, groups);
        for (var t = 0; t < groups; t++) ReadTable(bits, _tables[t], alphabet);
        var length = ReadSymbols(bits, usedCount, selectorCount, maxBlockBytes);
        if (origin >= length) throw new InvalidDataException($"a bzip2 block's origin pointer {origin} is outside its {length} bytes");
        BuildTransform(length);
        return length;
    }

    private void EnsureCapacity(int maxBlockBytes)
    {
        if (_block is not null && _block.Length >= maxBlockBytes) return;
        ReturnBuffers();
        _block = ArrayPool<byte>.Shared.Rent(maxBlockBytes);
        _transform = ArrayPool<int>.Shared.Rent(maxBlockBytes);
    }

    /// <summary>The byte values the block uses, in order: a 16-bit map of 16-value ranges, then a 16-bit map per range.</summary>
    private int ReadUsedBytes(Bzip2BitReader bits)
    {
        var ranges = bits.Read(16);
        var count = 0;
        for (var range = 0; range < 16; range++)
        {
            if ((ranges & (0x8000u >> range)) == 0) continue;
            var values = bits.Read(16);
            for (var j = 0; j < 16; j++)
            {
                if ((values & (0x8000u >> j)) != 0) _used[count++] = (byte)(range * 16 + j);
            }
        }
        if (count == 0) throw new InvalidDataException("a bzip2 block uses no byte values");
        return count;
    }

    /// <summary>The table selector of each group of 50 symbols, unary-coded move-to-front indexes.</summary>
    private int ReadSelectors(Bzip2BitReader bits, int groups)
    {
        var count = (int)bits.Read(15);
        if (count == 0) throw new InvalidDataException("a bzip2 block has no Huffman table selectors");
        Span<byte> order = stackalloc byte[MaxGroups];
        for (var i = 0; i < groups; i++) order[i] = (byte)i;
        for (var i = 0; i < count; i++)
        {
            var index = 0;
            while (bits.Read(1) == 1)
            {
                if (++index >= groups) throw new InvalidDataException($"a bzip2 table selector points past the block's {groups} tables");
            }
            var table = order[index];
            for (var k = index; k > 0; k--) order[k] = order[k - 1];
            order[0] = table;
            if (i < MaxSelectors) _selectors[i] = table;
        }
        return Math.Min(count, MaxSelectors);
    }

    /// <summary>A table's code lengths: a 5-bit start, then per symbol increments/decrements until a 0 bit.</summary>
    private void ReadTable(Bzip2BitReader bits, Bzip2HuffmanTable table, int alphabet)
    {
        var length = (int)bits.Read(5);
        for (var symbol = 0; symbol < alphabet; symbol++)
        {
            while (true)
            {
                if (length is < 1 or > Bzip2HuffmanTable.MaxCodeLength)
                {
                    throw new InvalidDataException($"a bzip2 Huffman code length {length} is outside 1 to {Bzip2HuffmanTable.MaxCodeLength}");
                }
                if (bits.Read(1) == 0) break;
                length += bits.Read(1) == 0 ? 1 : -1;
            }
            _lengths[symbol] = (byte)length;
        }
        table.Build(_lengths.AsSpan(0, alphabet));
    }

    /// <summary>Decodes the symbols into the block (the BWT's last column) and counts each byte value.</summary>
    private int ReadSymbols(Bzip2BitReader bits, int usedCount, int selectorCount, int maxBlockBytes)
    {
        var block = _block!;
        var counts = _counts;
        Array.Clear(counts);
        Span<byte> front = stackalloc byte[256];
        _used.AsSpan(0, usedCount).CopyTo(front);
        var endOfBlock = usedCount + 1;
        var length = 0;
        var run = 0;
        var runWeight = 1;
        var group = -1;
        var left = 0;
        Bzip2HuffmanTable table = _tables[0];
        while (true)
        {
            if (left == 0)
            {
                if (++group >= selectorCount) throw new InvalidDataException("a bzip2 block has more symbols than its selectors cover");
                table = _tables[_selectors[group]];
                left = SymbolsPerGroup;
            }
            left--;
            var symbol = table.Decode(bits);
            if (symbol <= RunB)
            {
                if (runWeight > 1 << 21) throw new InvalidDataException("a bzip2 run is longer than any block");
                run += (symbol + 1) * runWeight;
                runWeight <<= 1;
                continue;
            }
            if (run > 0)
            {
                if (run > maxBlockBytes - length) throw new InvalidDataException($"a bzip2 block is longer than its declared {maxBlockBytes} bytes");
                var value = front[0];
                block.AsSpan(length, run).Fill(value);
                counts[value] += run;
                length += run;
                run = 0;
                runWeight = 1;
            }
            if (symbol == endOfBlock) return length;
            var index = symbol - 1;
            if (index >= usedCount) throw new InvalidDataException("a bzip2 symbol points past the block's byte values");
            var next = front[index];
            front[..index].CopyTo(front[1..]);
            front[0] = next;
            if (length == maxBlockBytes) throw new InvalidDataException($"a bzip2 block is longer than its declared {maxBlockBytes} bytes");
            block[length++] = next;
            counts[next]++;
        }
    }

    /// <summary>
    /// The inverse BWT's successor vector: the i-th occurrence of byte b in the last column is the i-th row starting
    /// with b, so walking from the origin row through it yields the original bytes in order.
    /// </summary>
    private void BuildTransform(int length)
    {
        var block = _block!;
        var transform = _transform!;
        Span<int> starts = stackalloc int[256];
        var sum = 0;
        for (var b = 0; b < 256; b++)
        {
            starts[b] = sum;
            sum += _counts[b];
        }
        for (var i = 0; i < length; i++) transform[starts[block[i]]++] = i;
    }

    private void ReturnBuffers()
    {
        if (_block is not null) ArrayPool<byte>.Shared.Return(_block);
        if (_transform is not null) ArrayPool<int>.Shared.Return(_transform);
        _block = null;
        _transform = null;
    }

    public void Dispose() => ReturnBuffers();
}
