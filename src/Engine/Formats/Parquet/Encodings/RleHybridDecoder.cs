using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace QueryEngine.Engine.Formats.Parquet.Encodings;

/// <summary>
/// The RLE / bit-packing hybrid (levels, dictionary indices, booleans): runs of <c>varint header</c>, where
/// an even header is an RLE run of <c>header/2</c> copies of one value (ceil(bitWidth/8) bytes, little endian) and an
/// odd header is <c>header/2</c> groups of 8 bit-packed values (LSB first).
/// </summary>
internal ref struct RleHybridDecoder
{
    private readonly ReadOnlySpan<byte> _data;
    private readonly int _bitWidth;
    private readonly PageError _where;
    private int _pos;
    private int _rleLeft;
    private int _rleValue;
    private int _packedLeft;
    private int _packedBitPos;

    public RleHybridDecoder(ReadOnlySpan<byte> data, int bitWidth, PageError where)
    {
        if (bitWidth is < 0 or > 32) throw where.Corrupt($"invalid bit width {bitWidth}");
        _data = data;
        _bitWidth = bitWidth;
        _where = where;
    }

    /// <summary>Fills <paramref name="output"/> completely; corrupt data when the runs end first.</summary>
    public void Read(Span<int> output)
    {
        var i = 0;
        if (_bitWidth == 0)
        {
            output.Clear();
            return;
        }
        while (i < output.Length)
        {
            if (_rleLeft > 0)
            {
                var n = Math.Min(_rleLeft, output.Length - i);
                output.Slice(i, n).Fill(_rleValue);
                i += n;
                _rleLeft -= n;
                continue;
            }
            if (_packedLeft > 0)
            {
                var n = Math.Min(_packedLeft, output.Length - i);
                UnpackFrom(output.Slice(i, n));
                i += n;
                _packedLeft -= n;
                continue;
            }
            NextRun();
        }
    }

    /// <summary>
    /// Fills <paramref name="output"/> with levels (at most <paramref name="maxLevel"/>, else corrupt data) and returns
    /// how many equal <paramref name="maxLevel"/>; RLE runs are filled and counted whole.
    /// </summary>
    public int ReadLevels(Span<byte> output, int maxLevel)
    {
        if (_bitWidth == 0)
        {
            output.Clear();
            return maxLevel == 0 ? output.Length : 0;
        }
        var i = 0;
        var atMax = 0;
        Span<int> scratch = stackalloc int[256];
        while (i < output.Length)
        {
            if (_rleLeft > 0)
            {
                var n = Math.Min(_rleLeft, output.Length - i);
                if ((uint)_rleValue > (uint)maxLevel) throw _where.Corrupt($"level {_rleValue} above the maximum {maxLevel}");
                output.Slice(i, n).Fill((byte)_rleValue);
                if (_rleValue == maxLevel) atMax += n;
                i += n;
                _rleLeft -= n;
                continue;
            }
            if (_packedLeft > 0)
            {
                var n = Math.Min(Math.Min(_packedLeft, output.Length - i), scratch.Length);
                var part = scratch[..n];
                UnpackFrom(part);
                var target = output.Slice(i, n);
                for (var k = 0; k < part.Length; k++)
                {
                    var level = part[k];
                    if ((uint)level > (uint)maxLevel) throw _where.Corrupt($"level {level} above the maximum {maxLevel}");
                    target[k] = (byte)level;
                    atMax += level == maxLevel ? 1 : 0;
                }
                i += n;
                _packedLeft -= n;
                continue;
            }
            NextRun();
        }
        return atMax;
    }

    private void UnpackFrom(scoped Span<int> output)
    {
        var width = _bitWidth;
        var mask = width == 32 ? uint.MaxValue : (1u << width) - 1;
        var bitPos = _packedBitPos;
        var k = 0;
        // Fast path: while 8 bytes can be loaded at the value's first byte, one unaligned load per value (a value
        // of up to 32 bits starting at any bit of a byte fits in those 64 bits).
        var lastFullLoad = _data.Length - 8;
        ref var data = ref MemoryMarshal.GetReference(_data);
        for (; k < output.Length && (bitPos >> 3) <= lastFullLoad; k++)
        {
            var word = Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref data, bitPos >> 3));
            if (!BitConverter.IsLittleEndian) word = BinaryPrimitives.ReverseEndianness(word);
            output[k] = (int)((uint)(word >> (bitPos & 7)) & mask);
            bitPos += width;
        }
        for (; k < output.Length; k++)
        {
            var byteIndex = bitPos >> 3;
            ulong word = 0;
            for (var b = 0; b < 8 && byteIndex + b < _data.Length; b++) word |= (ulong)_data[byteIndex + b] << (8 * b);
            output[k] = (int)((uint)(word >> (bitPos & 7)) & mask);
            bitPos += width;
        }
        _packedBitPos = bitPos;
    }

    private void NextRun()
    {
        if (_pos >= _data.Length) throw _where.Corrupt("RLE/bit-packed data ends before all values were read");
        uint header = 0;
        for (var shift = 0; ; shift += 7)
        {
            if (_pos >= _data.Length || shift > 28) throw _where.Corrupt("invalid RLE run header");
            var b = _data[_pos++];
            header |= (uint)(b & 0x7F) << shift;
            if ((b & 0x80) == 0) break;
        }
        if ((header & 1) == 0)
        {
            var count = header >> 1;
            var bytes = (_bitWidth + 7) >> 3;
            if (count == 0 || count > int.MaxValue) throw _where.Corrupt("invalid RLE run length");
            if (_pos + bytes > _data.Length) throw _where.Corrupt("RLE run value runs past the end of the data");
            var value = 0;
            for (var b = 0; b < bytes; b++) value |= _data[_pos + b] << (8 * b);
            _pos += bytes;
            _rleLeft = (int)count;
            _rleValue = value;
        }
        else
        {
            var groups = (long)(header >> 1);
            var byteLength = groups * _bitWidth;
            if (groups == 0) throw _where.Corrupt("empty bit-packed run");
            // A final run may be cut short by the writer when it holds fewer than 8*groups meaningful values.
            var available = Math.Min(byteLength, _data.Length - _pos);
            _packedBitPos = _pos * 8;
            _packedLeft = (int)Math.Min(groups * 8, available * 8 / _bitWidth);
            if (_packedLeft == 0) throw _where.Corrupt("bit-packed run runs past the end of the data");
            _pos += (int)available;
        }
    }
}
