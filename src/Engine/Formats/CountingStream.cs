using QueryEngine.Engine.Catalog;

namespace QueryEngine.Engine.Formats;

/// <summary>
/// Read-only pass-through that counts the bytes read (reporting them to the scan), remembers the last 8 bytes and
/// notices gzip member headers (1f 8b 08) after the first byte, so a gzip reader can check the trailer of a
/// single-member file.
/// </summary>
internal sealed class CountingStream(Stream inner, ScanContext? context) : Stream
{
    private readonly byte[] _tail = new byte[8];
    private int _tailLength;

    public long BytesRead { get; private set; }

    /// <summary>True when a second gzip member header may follow the first (the data holds 1f 8b 08 past byte 0).</summary>
    public bool SawMemberHeader { get; private set; }

    /// <summary>The last up to 8 bytes read, oldest first.</summary>
    public ReadOnlySpan<byte> Tail => _tail.AsSpan(0, _tailLength);

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException("CountingStream does not support Length");

    public override long Position
    {
        get => BytesRead;
        set => throw new NotSupportedException("CountingStream does not support setting Position");
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var n = inner.Read(buffer);
        if (n <= 0) return n;
        var data = buffer[..n];
        if (!SawMemberHeader) SawMemberHeader = FindHeader(data);
        if (n >= 8)
        {
            data[^8..].CopyTo(_tail);
            _tailLength = 8;
        }
        else
        {
            var keep = Math.Min(_tailLength, 8 - n);
            _tail.AsSpan(_tailLength - keep, keep).CopyTo(_tail);
            data.CopyTo(_tail.AsSpan(keep));
            _tailLength = keep + n;
        }
        BytesRead += n;
        context?.AddBytesRead(n);
        return n;
    }

    private bool FindHeader(ReadOnlySpan<byte> data)
    {
        // Headers spanning two reads: look at the previous tail bytes too.
        Span<byte> joined = stackalloc byte[4];
        var prev = Tail;
        for (var k = 1; k <= 2 && k <= prev.Length; k++)
        {
            var need = 3 - k;
            if (data.Length < need) continue;
            prev[^k..].CopyTo(joined);
            data[..need].CopyTo(joined[k..]);
            if (joined[..3].SequenceEqual(GzipMagic) && BytesRead - k > 0) return true;
        }
        var from = BytesRead == 0 ? 1 : 0;
        return data.Length > from && data[from..].IndexOf(GzipMagic) >= 0;
    }

    private static ReadOnlySpan<byte> GzipMagic => [0x1f, 0x8b, 0x08];

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException("CountingStream does not support Seek");

    public override void Flush()
    {
    }

    public override void SetLength(long value) => throw new NotSupportedException("CountingStream does not support SetLength");

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException("CountingStream does not support Write");

    protected override void Dispose(bool disposing)
    {
        if (disposing) inner.Dispose();
        base.Dispose(disposing);
    }
}
