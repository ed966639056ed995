using System.Buffers;

namespace QueryEngine.Engine.Compression;

/// <summary>
/// Reads a bzip2 stream's bits, most significant bit of each byte first, from an inner stream in chunks. Up to 32 bits
/// per call; running out of input where bits are needed is a truncated stream (<see cref="InvalidDataException"/>).
/// </summary>
internal sealed class Bzip2BitReader : IDisposable
{
    private const int ChunkBytes = 1 << 16;

    private readonly Stream _inner;
    private byte[]? _chunk;
    private int _chunkLength;
    private int _chunkPosition;
    private bool _innerEnded;
    private ulong _bits;
    private int _count;

    public Bzip2BitReader(Stream inner)
    {
        _inner = inner;
        _chunk = ArrayPool<byte>.Shared.Rent(ChunkBytes);
    }

    /// <summary>Reads <paramref name="n"/> (1 to 32) bits as an unsigned number.</summary>
    public uint Read(int n)
    {
        if (_count < n && !Fill(n)) throw new InvalidDataException("the bzip2 data is truncated");
        _count -= n;
        return (uint)(_bits >> _count) & (uint)((1UL << n) - 1);
    }

    /// <summary>Reads <paramref name="n"/> bits, or returns false at the end of the input.</summary>
    public bool TryRead(int n, out uint value)
    {
        if (_count < n && !Fill(n))
        {
            value = 0;
            return false;
        }
        _count -= n;
        value = (uint)(_bits >> _count) & (uint)((1UL << n) - 1);
        return true;
    }

    /// <summary>
    /// The next <paramref name="n"/> (at most 32) bits without consuming them; past the end of the input the missing bits
    /// read as zeros (the caller consumes only what it decodes, and consuming bits that do not exist fails).
    /// </summary>
    public uint Peek(int n)
    {
        if (_count < n) Fill(n);
        return _count >= n
            ? (uint)(_bits >> (_count - n)) & (uint)((1UL << n) - 1)
            : (uint)(_bits << (n - _count)) & (uint)((1UL << n) - 1);
    }

    /// <summary>Consumes <paramref name="n"/> bits already seen through <see cref="Peek"/>.</summary>
    public void Skip(int n)
    {
        if (_count < n) throw new InvalidDataException("the bzip2 data is truncated");
        _count -= n;
    }

    /// <summary>Drops the bits left of the current byte (streams end on a byte boundary).</summary>
    public void AlignToByte() => _count -= _count & 7;

    /// <summary>True when no bits are left at all.</summary>
    public bool AtEndOfInput() => _count == 0 && !Fill(8);

    private bool Fill(int wanted)
    {
        while (_count <= 56)
        {
            if (_chunkPosition == _chunkLength)
            {
                if (_innerEnded || !Refill()) break;
            }
            _bits = (_bits << 8) | _chunk![_chunkPosition++];
            _count += 8;
        }
        return _count >= wanted;
    }

    private bool Refill()
    {
        _chunkLength = _inner.Read(_chunk!, 0, ChunkBytes);
        _chunkPosition = 0;
        if (_chunkLength > 0) return true;
        _innerEnded = true;
        return false;
    }

    public void Dispose()
    {
        if (_chunk is null) return;
        ArrayPool<byte>.Shared.Return(_chunk);
        _chunk = null;
        _inner.Dispose();
    }
}
