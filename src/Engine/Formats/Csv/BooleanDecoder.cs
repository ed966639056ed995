using QueryEngine.Engine.Columnar;

namespace QueryEngine.Engine.Formats.Csv;

/// <summary>Booleans (<c>true</c>/<c>false</c>, any case) into a bit-packed array.</summary>
internal sealed class BooleanDecoder : ColumnDecoder
{
    private readonly int _capacity;
    private byte[] _bits;
    private int _length;
    private LazyValidity _validity;

    public BooleanDecoder(string name, int capacity) : base(name, DataType.Boolean)
    {
        _capacity = Math.Max(capacity, 1);
        _bits = new byte[Bitmap.BytesFor(_capacity)];
    }

    public override void Decode(DecodeContext context, int slot, int rows)
    {
        var needed = Bitmap.BytesFor(_length + rows);
        if (needed > _bits.Length)
        {
            Array.Resize(ref _bits, Math.Max(needed, _bits.Length * 2));
            _validity.EnsureCapacity(_bits.Length * 8);
        }
        var fields = context.Fields;
        var offset = slot * fields.Capacity;
        ReadOnlySpan<byte> marker = context.NullMarker;
        for (var r = 0; r < rows; r++, _length++)
        {
            var s = fields.Starts[offset + r];
            var e = fields.Ends[offset + r];
            if (e < 0)
            {
                _validity.MarkNull(_length, _bits.Length * 8);
                continue;
            }
            var text = s >= 0 ? new ReadOnlySpan<byte>(context.Buffer, s, e - s) : context.Unescape(s & int.MaxValue, e);
            if (text.IsEmpty || (text.Length == marker.Length && text.SequenceEqual(marker)))
            {
                _validity.MarkNull(_length, _bits.Length * 8);
                continue;
            }
            if (TextValueParser.TryParseBoolean(text, out var value))
            {
                if (value) Bitmap.Set(_bits, _length);
            }
            else
            {
                context.OnInvalid(Name, Type, s, text);
                _validity.MarkNull(_length, _bits.Length * 8);
            }
        }
    }

    public override ArrowArray Build()
    {
        var validity = _validity.Take(out var nullCount);
        var array = new BooleanArray(_bits, _length, validity, nullCount);
        _bits = new byte[Bitmap.BytesFor(_capacity)];
        _length = 0;
        return array;
    }
}
