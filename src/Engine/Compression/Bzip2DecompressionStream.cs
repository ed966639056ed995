namespace QueryEngine.Engine.Compression;

/// <summary>
/// A read-only stream of the decompressed content of bzip2 streams (one or more concatenated, as <c>pbzip2</c> and
/// <c>cat a.bz2 b.bz2</c> make) read from <c>inner</c>, decoded by our own implementation of the format: per block the
/// Huffman-coded MTF/run-length symbols (<see cref="Bzip2BlockDecoder"/>), the inverse Burrows-Wheeler transform and the
/// final run-length expansion, checked against the block CRCs and the stream's combined CRC. Memory is one block (at most
/// 900 kB of data and its 3.6 MB transform vector), whatever the file's size. Invalid and truncated data are reported as
/// <see cref="InvalidDataException"/>s, as <see cref="System.IO.Compression.GZipStream"/> does; an empty input is an
/// empty content.
/// </summary>
internal sealed class Bzip2DecompressionStream : ReadOnlyDecompressionStream
{
    private const ulong BlockMagic = 0x314159265359;
    private const ulong EndOfStreamMagic = 0x177245385090;

    private readonly Bzip2BitReader _bits;
    private readonly Bzip2BlockDecoder _decoder = new();
    private State _state = State.StreamHeader;
    private int _maxBlockBytes;
    private uint _combinedCrc;
    private int _streams;
    private bool _disposed;

    // The block being emitted: the inverse BWT walks _tt from _position; runs of four equal bytes are followed by a count.
    private int _position;
    private int _remaining;
    private int _runByte = -1;
    private int _runLength;
    private int _repeatsPending;
    private uint _blockCrc;
    private uint _expectedBlockCrc;

    public Bzip2DecompressionStream(Stream inner) => _bits = new Bzip2BitReader(inner);

    private enum State
    {
        StreamHeader,
        BlockHeader,
        Emitting,
        End,
    }

    public override int Read(Span<byte> buffer)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var written = 0;
        while (written < buffer.Length)
        {
            switch (_state)
            {
                case State.StreamHeader:
                    if (!ReadStreamHeader()) _state = State.End;
                    else _state = State.BlockHeader;
                    break;
                case State.BlockHeader:
                    ReadBlockOrEnd();
                    break;
                case State.Emitting:
                    var target = buffer[written..];
                    var n = Emit(target);
                    _blockCrc = Bzip2Crc.Update(_blockCrc, target[..n]);
                    written += n;
                    if (_remaining == 0 && _repeatsPending == 0) FinishBlock();
                    break;
                default:
                    return written;
            }
        }
        return written;
    }

    /// <summary>Reads "BZh1".."BZh9"; false at the end of the input (an empty input, or after the last stream).</summary>
    private bool ReadStreamHeader()
    {
        if (_bits.AtEndOfInput()) return false;
        if (_bits.Read(8) != 'B' || !_bits.TryRead(8, out var z) || z != 'Z' || !_bits.TryRead(8, out var h) || h != 'h')
        {
            throw new InvalidDataException(_streams == 0
                ? "the data does not start with a bzip2 stream header (BZh)"
                : "the data after the end of a bzip2 stream is not another bzip2 stream");
        }
        var level = (int)_bits.Read(8) - '0';
        if (level is < 1 or > 9) throw new InvalidDataException($"the bzip2 block size level {level} is not 1 to 9");
        _maxBlockBytes = level * 100_000;
        _combinedCrc = 0;
        _streams++;
        return true;
    }

    private void ReadBlockOrEnd()
    {
        var magic = ((ulong)_bits.Read(24) << 24) | _bits.Read(24);
        if (magic == EndOfStreamMagic)
        {
            var stored = _bits.Read(32);
            if (stored != _combinedCrc) throw new InvalidDataException($"the bzip2 stream CRC is 0x{stored:x8} but the data gives 0x{_combinedCrc:x8}");
            _bits.AlignToByte();
            _state = State.StreamHeader;
            return;
        }
        if (magic != BlockMagic) throw new InvalidDataException($"expected a bzip2 block or end-of-stream marker, found 0x{magic:x12}");
        _expectedBlockCrc = _bits.Read(32);
        var length = _decoder.Decode(_bits, _maxBlockBytes, out var origin);
        _position = _decoder.Transform[origin];
        _remaining = length;
        _runByte = -1;
        _runLength = 0;
        _repeatsPending = 0;
        _blockCrc = uint.MaxValue;
        _state = State.Emitting;
    }

    /// <summary>Writes the block's next bytes: the inverse BWT's output with runs (four bytes and a count) expanded.</summary>
    private int Emit(Span<byte> target)
    {
        var tt = _decoder.Transform;
        var block = _decoder.Block;
        var n = 0;
        while (n < target.Length)
        {
            if (_repeatsPending > 0)
            {
                var count = Math.Min(_repeatsPending, target.Length - n);
                target.Slice(n, count).Fill((byte)_runByte);
                n += count;
                _repeatsPending -= count;
                continue;
            }
            if (_remaining == 0) break;
            var value = block[_position];
            _position = tt[_position];
            _remaining--;
            if (_runLength == 4)
            {
                _repeatsPending = value;
                _runLength = 0;
                continue;
            }
            target[n++] = value;
            if (value == _runByte)
            {
                _runLength++;
            }
            else
            {
                _runByte = value;
                _runLength = 1;
            }
        }
        return n;
    }

    private void FinishBlock()
    {
        var crc = ~_blockCrc;
        if (crc != _expectedBlockCrc) throw new InvalidDataException($"a bzip2 block's CRC is 0x{_expectedBlockCrc:x8} but its data gives 0x{crc:x8}");
        _combinedCrc = ((_combinedCrc << 1) | (_combinedCrc >> 31)) ^ crc;
        _state = State.BlockHeader;
    }

    protected override void Dispose(bool disposing)
    {
        if (!_disposed && disposing)
        {
            _disposed = true;
            _decoder.Dispose();
            _bits.Dispose();
        }
        base.Dispose(disposing);
    }
}
