using QueryEngine.Engine.Columnar;

namespace QueryEngine.Engine.Formats.Csv;

/// <summary>Fixed-width values parsed by <typeparamref name="TParser"/>; empty fields and the null marker are NULL.</summary>
internal sealed class PrimitiveDecoder<T, TParser> : ColumnDecoder
    where T : unmanaged
    where TParser : struct, IValueParser<T>
{
    private readonly TParser _parser;
    private readonly int _capacity;
    private T[] _values;
    private int _length;
    private LazyValidity _validity;

    public PrimitiveDecoder(string name, DataType type, int capacity, TParser parser) : base(name, type)
    {
        _parser = parser;
        _capacity = Math.Max(capacity, 1);
        _values = new T[_capacity];
    }

    public override void Decode(DecodeContext context, int slot, int rows)
    {
        if (_length + rows > _values.Length)
        {
            Array.Resize(ref _values, Math.Max(_values.Length * 2, _length + rows));
            _validity.EnsureCapacity(_values.Length);
        }
        var fields = context.Fields;
        var offset = slot * fields.Capacity;
        var starts = fields.Starts.AsSpan(offset, rows);
        var ends = fields.Ends.AsSpan(offset, rows);
        var buffer = context.Buffer;
        var values = _values;
        var length = _length;
        ReadOnlySpan<byte> marker = context.NullMarker;
        for (var r = 0; r < rows; r++, length++)
        {
            var s = starts[r];
            var e = ends[r];
            ReadOnlySpan<byte> text;
            if ((s | e) >= 0)
            {
                text = new ReadOnlySpan<byte>(buffer, s, e - s);
            }
            else if (e < 0)
            {
                values[length] = default;
                _validity.MarkNull(length, values.Length);
                continue;
            }
            else
            {
                text = context.Unescape(s & int.MaxValue, e);
            }
            if (text.IsEmpty || (text.Length == marker.Length && text.SequenceEqual(marker)))
            {
                values[length] = default;
                _validity.MarkNull(length, values.Length);
                continue;
            }
            if (!_parser.TryParse(text, out values[length]))
            {
                context.OnInvalid(Name, Type, s, text);
                values[length] = default;
                _validity.MarkNull(length, values.Length);
            }
        }
        _length = length;
    }

    public override ArrowArray Build()
    {
        var validity = _validity.Take(out var nullCount);
        var array = new PrimitiveArray<T>(Type, _values, _length, validity, nullCount);
        _values = new T[_capacity];
        _length = 0;
        return array;
    }
}
