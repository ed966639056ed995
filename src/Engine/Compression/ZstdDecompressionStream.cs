using System.Buffers;
using QueryEngine.Engine.Common;

namespace QueryEngine.Engine.Compression;

/// <summary>
/// A read-only stream of the decompressed content of Zstandard frames (one or more, as the <c>zstd</c> tool writes)
/// read from <c>inner</c> in chunks, through the system's libzstd. Invalid data and data that ends inside a frame are
/// reported as <see cref="InvalidDataException"/>s, as <see cref="System.IO.Compression.GZipStream"/> does; an empty
/// input is an empty content.
/// </summary>
internal sealed class ZstdDecompressionStream : ReadOnlyDecompressionStream
{
    private const int ChunkBytes = 1 << 17;

    private readonly Stream _inner;
    private readonly byte[] _chunk;
    private nint _context;
    private int _chunkLength;
    private int _chunkPosition;
    private bool _innerEnded;
    private bool _sawInput;
    private nuint _pending; // libzstd's hint: 0 when the last frame is complete

    public ZstdDecompressionStream(Stream inner)
    {
        _inner = inner;
        try
        {
            _context = NativeZstd.CreateDStream();
        }
        catch (DllNotFoundException ex)
        {
            throw new NotSupportedQueryException($"zstd compressed files need the system library libzstd.so.1 (Debian package libzstd1): {ex.Message}");
        }
        if (_context == 0) throw new InternalException("cannot create a ZSTD decompression stream");
        _chunk = ArrayPool<byte>.Shared.Rent(ChunkBytes);
    }

    public override unsafe int Read(Span<byte> buffer)
    {
        ObjectDisposedException.ThrowIf(_context == 0, this);
        if (buffer.IsEmpty) return 0;
        while (true)
        {
            if (_chunkPosition == _chunkLength && !_innerEnded) Refill();
            var noMoreInput = _chunkPosition == _chunkLength && _innerEnded;
            if (noMoreInput && (_pending == 0 || !_sawInput)) return 0;
            int produced;
            int consumed;
            nuint hint;
            fixed (byte* src = _chunk)
            fixed (byte* dst = buffer)
            {
                var input = new NativeZstd.StreamBuffer { Data = src + _chunkPosition, Size = (nuint)(_chunkLength - _chunkPosition), Position = 0 };
                var output = new NativeZstd.StreamBuffer { Data = dst, Size = (nuint)buffer.Length, Position = 0 };
                hint = NativeZstd.DecompressStream(_context, &output, &input);
                produced = (int)output.Position;
                consumed = (int)input.Position;
            }
            if (NativeZstd.IsError(hint) != 0) throw new InvalidDataException("the data is not valid Zstandard frames");
            _chunkPosition += consumed;
            _pending = hint;
            if (produced > 0) return produced;
            if (noMoreInput) throw new InvalidDataException("the data ends inside a Zstandard frame (truncated file)");
        }
    }

    private void Refill()
    {
        _chunkPosition = 0;
        _chunkLength = _inner.Read(_chunk, 0, ChunkBytes);
        if (_chunkLength == 0) _innerEnded = true;
        else _sawInput = true;
    }

    protected override void Dispose(bool disposing)
    {
        if (_context != 0)
        {
            NativeZstd.FreeDStream(_context);
            _context = 0;
            ArrayPool<byte>.Shared.Return(_chunk);
            if (disposing) _inner.Dispose();
        }
        base.Dispose(disposing);
    }
}
