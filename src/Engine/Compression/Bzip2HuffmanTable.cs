namespace QueryEngine.Engine.Compression;

/// <summary>
/// One of a bzip2 block's (2 to 6) canonical Huffman codes, from its code lengths (1 to 20 bits): codes of each length
/// are consecutive, shorter first, symbols of equal length in symbol order. Decoding peeks the longest code's bits
/// once and finds the length whose range holds it.
/// </summary>
internal sealed class Bzip2HuffmanTable
{
    public const int MaxCodeLength = 20;

    private readonly int[] _limit = new int[MaxCodeLength + 2];   // largest code of each length (-1 when none)
    private readonly int[] _offset = new int[MaxCodeLength + 2];  // symbol index in _symbols minus the first code of each length
    private readonly int[] _symbols = new int[Bzip2BlockDecoder.MaxAlphabet];
    private int _minLength;
    private int _maxLength;

    /// <summary>Builds the code for <paramref name="lengths"/> (one per symbol of the alphabet).</summary>
    public void Build(ReadOnlySpan<byte> lengths)
    {
        _minLength = MaxCodeLength;
        _maxLength = 1;
        foreach (var length in lengths)
        {
            _minLength = Math.Min(_minLength, length);
            _maxLength = Math.Max(_maxLength, length);
        }
        var index = 0;
        var code = 0;
        for (var length = _minLength; length <= _maxLength; length++)
        {
            var first = index;
            for (var symbol = 0; symbol < lengths.Length; symbol++)
            {
                if (lengths[symbol] == length) _symbols[index++] = symbol;
            }
            var count = index - first;
            _offset[length] = first - code;
            code += count;
            _limit[length] = code - 1;
            if (code > 1 << length) throw new InvalidDataException("a bzip2 Huffman code has more codes of some length than fit");
            code <<= 1;
        }
    }

    /// <summary>Decodes one symbol.</summary>
    public int Decode(Bzip2BitReader bits)
    {
        var max = _maxLength;
        var peeked = (int)bits.Peek(max);
        for (var length = _minLength; length <= max; length++)
        {
            var code = peeked >> (max - length);
            if (code <= _limit[length])
            {
                bits.Skip(length);
                return _symbols[_offset[length] + code];
            }
        }
        throw new InvalidDataException("the bzip2 data holds a bit sequence that is no Huffman code");
    }
}
