using QueryEngine.Engine.Columnar;
using QueryEngine.Engine.Common;

namespace QueryEngine.Engine.Formats.Csv;

/// <summary>
/// Turns the text of one column's fields into an Arrow array. <see cref="Decode"/> runs once per column per chunk of
/// records (a tight loop over the field index, no per-row virtual call); <see cref="Build"/> hands over the rows
/// decoded since the last build.
/// </summary>
internal abstract class ColumnDecoder
{
    protected ColumnDecoder(string name, DataType type)
    {
        Name = name;
        Type = type;
    }

    public string Name { get; }

    public DataType Type { get; }

    /// <summary>Appends the values of <paramref name="rows"/> records of <paramref name="slot"/>.</summary>
    public abstract void Decode(DecodeContext context, int slot, int rows);

    /// <summary>The decoded rows as an array; the decoder starts over empty.</summary>
    public abstract ArrowArray Build();

    /// <summary>A decoder for a column type.</summary>
    public static ColumnDecoder Create(string name, DataType type, int capacity, CsvOptions options)
    {
        if (type.IsNested) return new NestedDecoder(name, type, options);
        return CreatePrimitive(name, type, capacity, options.NumericDateTimes);
    }

    private static ColumnDecoder CreatePrimitive(string name, DataType type, int capacity, bool numericDateTimes) => type.Id switch
    {
        TypeId.Boolean => new BooleanDecoder(name, capacity),
        TypeId.Int8 => new PrimitiveDecoder<sbyte, Int8Parser>(name, type, capacity, default),
        TypeId.Int16 => new PrimitiveDecoder<short, Int16Parser>(name, type, capacity, default),
        TypeId.Int32 => new PrimitiveDecoder<int, Int32Parser>(name, type, capacity, default),
        TypeId.Int64 => new PrimitiveDecoder<long, Int64Parser>(name, type, capacity, default),
        TypeId.Float32 => new PrimitiveDecoder<float, Float32Parser>(name, type, capacity, default),
        TypeId.Float64 => new PrimitiveDecoder<double, Float64Parser>(name, type, capacity, default),
        TypeId.Decimal128 => new PrimitiveDecoder<Int128, DecimalParser>(name, type, capacity, new DecimalParser(((DecimalType)type).Precision, ((DecimalType)type).Scale)),
        TypeId.Date32 => new PrimitiveDecoder<int, DateParser>(name, type, capacity, new DateParser(numericDateTimes)),
        TypeId.Timestamp => new PrimitiveDecoder<long, TimestampParser>(name, type, capacity, new TimestampParser(numericDateTimes)),
        TypeId.Utf8 => new BytesDecoder(name, type, capacity, base64: false),
        TypeId.Binary => new BytesDecoder(name, type, capacity, base64: true),
        TypeId.Null => new NullDecoder(name),
        _ => throw new NotSupportedQueryException($"column {name}: reading {type.SqlName} values from text files is not supported yet"),
    };
}

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

/// <summary>A column of the null type (Hive <c>void</c>): every row is NULL.</summary>
internal sealed class NullDecoder(string name) : ColumnDecoder(name, DataType.Null)
{
    private int _length;

    public override void Decode(DecodeContext context, int slot, int rows) => _length += rows;

    public override ArrowArray Build()
    {
        var array = new NullArray(_length);
        _length = 0;
        return array;
    }
}
