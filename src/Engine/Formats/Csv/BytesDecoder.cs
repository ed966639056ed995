using System.Buffers;
using System.Buffers.Text;
using QueryEngine.Engine.Columnar;

namespace QueryEngine.Engine.Formats.Csv;

/// <summary>
/// Strings (bytes copied as they are, invalid UTF-8 included) and binary values (base64-decoded when the text is valid
/// base64, else the raw bytes, as Hive's LazyBinary does). An empty field is '' unless the null marker is ''.
/// </summary>
internal sealed class BytesDecoder : ColumnDecoder
{
    private readonly int _capacity;
    private readonly bool _base64;
    private int[] _offsets;
    private byte[] _data;
    private int _dataLength;
    private int _length;
    private LazyValidity _validity;

    public BytesDecoder(string name, DataType type, int capacity, bool base64) : base(name, type)
    {
        _capacity = Math.Max(capacity, 1);
        _base64 = base64;
        _offsets = new int[_capacity + 1];
        _data = new byte[Math.Max(1024, _capacity * 16)];
    }

    public override void Decode(DecodeContext context, int slot, int rows)
    {
        var fields = context.Fields;
        var offset = slot * fields.Capacity;
        var starts = fields.Starts.AsSpan(offset, rows);
        var ends = fields.Ends.AsSpan(offset, rows);
        if (_length + rows + 1 > _offsets.Length)
        {
            Array.Resize(ref _offsets, Math.Max(_offsets.Length * 2, _length + rows + 1));
            _validity.EnsureCapacity(_offsets.Length - 1);
        }

        // Decoded text is never longer than the raw text, so one size check covers the chunk.
        long total = 0;
        for (var r = 0; r < rows; r++)
        {
            if (ends[r] >= 0) total += ends[r] - (starts[r] & int.MaxValue);
        }
        EnsureData(total);

        var buffer = context.Buffer;
        var data = _data;
        var offsets = _offsets;
        var position = _dataLength;
        var length = _length;
        var hasMarker = context.HasNullMarker;
        var marker = context.NullMarker;
        for (var r = 0; r < rows; r++)
        {
            var s = starts[r];
            var e = ends[r];
            if (e < 0)
            {
                offsets[length + 1] = position;
                _validity.MarkNull(length++, offsets.Length - 1);
                continue;
            }
            var text = s >= 0 ? new ReadOnlySpan<byte>(buffer, s, e - s) : context.Unescape(s & int.MaxValue, e);
            if (hasMarker && text.Length == marker.Length && text.SequenceEqual(marker))
            {
                offsets[length + 1] = position;
                _validity.MarkNull(length++, offsets.Length - 1);
                continue;
            }
            var written = _base64 ? DecodeBinary(text, data.AsSpan(position)) : Copy(text, data, position);
            position += written;
            offsets[length + 1] = position;
            length++;
        }
        _dataLength = position;
        _length = length;
    }

    private static int Copy(ReadOnlySpan<byte> text, byte[] data, int position)
    {
        text.CopyTo(data.AsSpan(position));
        return text.Length;
    }

    private static int DecodeBinary(ReadOnlySpan<byte> text, Span<byte> destination)
    {
        if (Base64.DecodeFromUtf8(text, destination, out var consumed, out var written) == OperationStatus.Done && consumed == text.Length) return written;
        text.CopyTo(destination);
        return text.Length;
    }

    private void EnsureData(long extra)
    {
        var needed = _dataLength + extra;
        if (needed <= _data.Length) return;
        if (needed > Array.MaxLength) throw new Common.ResourceExhaustedException($"column {Name}: more than {Array.MaxLength} bytes of text in one batch");
        Array.Resize(ref _data, (int)Math.Min(Array.MaxLength, Math.Max(needed, (long)_data.Length * 2)));
    }

    public override ArrowArray Build()
    {
        var validity = _validity.Take(out var nullCount);
        var array = new BinaryArray(Type, _offsets, _data, _length, validity, nullCount);
        _offsets = new int[_capacity + 1];
        _data = new byte[Math.Max(1024, Math.Min(_dataLength + (_dataLength / 8), Array.MaxLength))];
        _dataLength = 0;
        _length = 0;
        return array;
    }
}
