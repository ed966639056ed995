using System.Buffers;
using QueryEngine.Engine.Common;

namespace QueryEngine.Engine.Formats.Csv;

/// <summary>
/// A sliding window over a <see cref="TextInput"/>: bytes [<see cref="Position"/>, <see cref="Length"/>) of
/// <see cref="Data"/> are unread; <see cref="Offset"/> is the input offset of <see cref="Data"/>[0]. Refilling moves the
/// unread tail to the front and grows the buffer when a single record does not fit.
/// </summary>
internal sealed class TextBuffer : IDisposable
{
    /// <summary>A record longer than this is treated as corrupt input (a missing line terminator or unclosed quote).</summary>
    public const int MaxRecordBytes = 1 << 30;

    /// <summary>Past the soft limit, reads are this small: just enough to finish the last record.</summary>
    private const int TailRead = 64 << 10;

    private readonly TextInput _input;
    private readonly long _softLimit;

    /// <param name="input">The input, positioned at <paramref name="startOffset"/>.</param>
    /// <param name="startOffset">Input offset of the first byte read.</param>
    /// <param name="size">Initial buffer size.</param>
    /// <param name="softLimit">Input offset the reader needs to get to (a range end); reads stay small beyond it.</param>
    public TextBuffer(TextInput input, long startOffset, int size, long softLimit = long.MaxValue)
    {
        _input = input;
        _softLimit = softLimit;
        Offset = startOffset;
        Data = ArrayPool<byte>.Shared.Rent(size);
    }

    public byte[] Data { get; private set; }

    public int Length { get; private set; }

    public int Position { get; set; }

    public long Offset { get; private set; }

    /// <summary>True once the input is exhausted: <see cref="Data"/> holds everything that is left.</summary>
    public bool AtEnd { get; private set; }

    public ReadOnlySpan<byte> Unread => Data.AsSpan(Position, Length - Position);

    /// <summary>Keeps the unread bytes and reads more; returns false when nothing more could be read.</summary>
    public bool Fill()
    {
        if (AtEnd) return false;
        if (Position > 0)
        {
            Buffer.BlockCopy(Data, Position, Data, 0, Length - Position);
            Offset += Position;
            Length -= Position;
            Position = 0;
        }
        if (Length == Data.Length)
        {
            if (Data.Length >= MaxRecordBytes)
            {
                throw new CorruptDataException(_input.Location, Offset, $"a record is longer than {MaxRecordBytes} bytes (missing line terminators or an unclosed quote?)");
            }
            var bigger = ArrayPool<byte>.Shared.Rent(Math.Min(MaxRecordBytes, Data.Length * 2));
            Buffer.BlockCopy(Data, 0, bigger, 0, Length);
            ArrayPool<byte>.Shared.Return(Data);
            Data = bigger;
        }
        var before = Length;
        var wanted = _softLimit - (Offset + Length);
        var free = Data.Length - Length;
        var target = Length + (int)Math.Min(free, Math.Max(wanted, TailRead));
        while (Length < target)
        {
            var n = _input.Read(Data.AsSpan(Length, target - Length));
            if (n == 0)
            {
                AtEnd = true;
                break;
            }
            Length += n;
        }
        return Length > before;
    }

    /// <summary>Skips past the next <paramref name="lines"/> line terminators; false when the input ends first.</summary>
    public bool SkipLines(int lines)
    {
        while (lines > 0)
        {
            var idx = Unread.IndexOf((byte)'\n');
            if (idx >= 0)
            {
                Position += idx + 1;
                lines--;
                continue;
            }
            Position = Length;
            if (!Fill()) return false;
        }
        return true;
    }

    public void Dispose()
    {
        ArrayPool<byte>.Shared.Return(Data);
        Data = [];
    }
}
