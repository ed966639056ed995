using System.Buffers.Binary;
using System.IO.Compression;
using QueryEngine.Engine.Catalog;
using QueryEngine.Engine.Common;
using QueryEngine.Engine.Compression;
using QueryEngine.Engine.Formats.Csv;
using QueryEngine.Engine.Storage;

namespace QueryEngine.Engine.Formats;

/// <summary>
/// The (decompressed) bytes of one text file. Decompression failures become <see cref="CorruptDataException"/>s naming
/// the file and the compressed offset. .NET's inflater reports a truncated gzip file as a normal end of data, so at the
/// end of a single-member gzip file the trailer's size field is checked against the bytes produced.
/// </summary>
internal sealed class TextInput : IDisposable
{
    private readonly CountingStream _raw;
    private readonly Stream _stream;
    private long _produced;
    private bool _ended;

    private TextInput(string location, TextCodec codec, CountingStream raw, Stream stream)
    {
        Location = location;
        Codec = codec;
        _raw = raw;
        _stream = stream;
    }

    public string Location { get; }

    public TextCodec Codec { get; }

    /// <summary>Bytes read from storage so far (compressed bytes for a compressed file).</summary>
    public long StoredBytesRead => _raw.BytesRead;

    /// <summary>Opens a file at <paramref name="offset"/> (compressed files only at 0).</summary>
    public static TextInput Open(IObjectStore store, ObjectInfo file, long offset, TextCodec codec, ScanContext? context)
    {
        if (codec != TextCodec.None && offset != 0) throw new InternalException($"{file.Path}: compressed files are read whole");
        var raw = new CountingStream(store.OpenRead(file.Path, offset), context);
        Stream stream = codec switch
        {
            TextCodec.Gzip => new GZipStream(raw, CompressionMode.Decompress),
            TextCodec.Zlib => new ZLibStream(raw, CompressionMode.Decompress),
            TextCodec.Zstd => new ZstdDecompressionStream(raw),
            TextCodec.Bzip2 => new Bzip2DecompressionStream(raw),
            _ => raw,
        };
        return new TextInput(file.Path, codec, raw, stream);
    }

    /// <summary>
    /// The codec of a file: by name (<c>.gz</c>, <c>.deflate</c>, <c>.zst</c>, <c>.bz2</c>; <c>.csv</c>, <c>.tbl</c> and other text names
    /// are plain) or, with <see cref="TextCompression.Auto"/> and any other name, by the gzip, zstd or bzip2 magic bytes. Names of
    /// codecs that are not readable yet (snappy, lz4, lzo, xz, brotli) are refused.
    /// </summary>
    public static TextCodec Detect(IObjectStore store, ObjectInfo file, TextCompression compression)
    {
        switch (compression)
        {
            case TextCompression.None: return TextCodec.None;
            case TextCompression.Gzip: return TextCodec.Gzip;
        }
        var name = file.Name;
        var dot = name.LastIndexOf('.');
        var extension = dot < 0 ? string.Empty : name[(dot + 1)..].ToLowerInvariant();
        switch (extension)
        {
            case "gz":
            case "gzip":
                return TextCodec.Gzip;
            case "deflate":
                return TextCodec.Zlib;
            case "zst":
            case "zstd":
                return TextCodec.Zstd;
            case "bz2":
            case "bzip2":
                return TextCodec.Bzip2;
            case "snappy":
            case "lz4":
            case "lzo":
            case "xz":
            case "br":
                throw new NotSupportedQueryException($"{file.Path}: .{extension} compressed text files are not supported yet");
            case "csv":
            case "tsv":
            case "psv":
            case "tbl":
            case "txt":
            case "dat":
            case "json":
            case "jsonl":
            case "ndjson":
                // A plain text name: no need to read the first bytes (a request of its own on S3).
                return TextCodec.None;
        }
        if (file.Size < 2) return TextCodec.None;
        Span<byte> magic = stackalloc byte[4];
        var read = store.ReadRange(file.Path, 0, magic[..(int)Math.Min(4, file.Size)]);
        if (read >= 2 && magic[0] == 0x1f && magic[1] == 0x8b) return TextCodec.Gzip;
        if (read == 4 && magic[0] == 0x28 && magic[1] == 0xb5 && magic[2] == 0x2f && magic[3] == 0xfd) return TextCodec.Zstd;
        if (read == 4 && magic[0] == (byte)'B' && magic[1] == (byte)'Z' && magic[2] == (byte)'h' && magic[3] is >= (byte)'1' and <= (byte)'9') return TextCodec.Bzip2;
        return TextCodec.None;
    }

    /// <summary>Reads decompressed bytes; 0 at the end.</summary>
    public int Read(Span<byte> buffer)
    {
        if (_ended) return 0;
        int n;
        try
        {
            n = _stream.Read(buffer);
        }
        catch (InvalidDataException ex)
        {
            throw new CorruptDataException(Location, _raw.BytesRead, $"invalid {CodecName} data: {ex.Message}", ex);
        }
        if (n > 0)
        {
            _produced += n;
            return n;
        }
        _ended = true;
        if (Codec == TextCodec.Gzip) CheckGzipTrailer();
        return 0;
    }

    private string CodecName => Codec switch
    {
        TextCodec.Gzip => "gzip",
        TextCodec.Zstd => "zstd",
        TextCodec.Bzip2 => "bzip2",
        _ => "zlib",
    };

    private void CheckGzipTrailer()
    {
        if (_raw.BytesRead == 0 || _raw.SawMemberHeader) return;
        var tail = _raw.Tail;
        if (tail.Length < 8) throw new CorruptDataException(Location, _raw.BytesRead, "gzip data is truncated");
        var expected = BinaryPrimitives.ReadUInt32LittleEndian(tail[4..]);
        if (expected != unchecked((uint)_produced))
        {
            throw new CorruptDataException(Location, _raw.BytesRead,
                $"gzip data is truncated or corrupt: the trailer announces {expected} bytes (mod 2^32), {_produced} were decompressed");
        }
    }

    public void Dispose() => _stream.Dispose();
}
