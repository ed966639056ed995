using System.Buffers;
using System.Buffers.Text;
using QueryEngine.Engine.Columnar;
using QueryEngine.Engine.Common;

namespace QueryEngine.Engine.Formats.Csv;

/// <summary>
/// Arrays, maps and structs in Hive text (LazySimpleSerDe): a value at nesting level L is split by the level's
/// separator (<see cref="CsvOptions.NestingSeparators"/>; a column's value is level 1, so array items are split by
/// <c>collection.delim</c>); a map splits entries at level L and key from value at L + 1 (its values nest at L + 2);
/// the escape byte protects separators. An empty field is an empty array/map; the null marker is NULL at any level; a struct with fewer parts
/// than fields has NULL for the rest; entries with a NULL key are dropped. Nested values are rare in text tables,
/// so this decoder goes through the generic builders value by value.
/// </summary>
internal sealed class NestedDecoder : ColumnDecoder
{
    private readonly ArrayBuilder _builder;
    private readonly byte[] _separators;
    private readonly int _escape;
    private readonly bool _numericDateTimes;
    private byte[] _scratch = new byte[64];

    public NestedDecoder(string name, DataType type, CsvOptions options) : base(name, type)
    {
        if (options.Quote is not null)
        {
            throw new NotSupportedQueryException($"column {name}: {type.SqlName} values cannot be read from quoted CSV");
        }
        _separators = options.NestingSeparators;
        var levels = 1 + LevelsBelow(name, type);
        if (levels >= _separators.Length)
        {
            throw new NotSupportedQueryException($"column {name}: {type.SqlName} is nested deeper than text files support ({_separators.Length - 1} levels)");
        }
        _builder = ArrayBuilder.Create(type);
        _escape = options.Escape is { } e ? e : -1;
        _numericDateTimes = options.NumericDateTimes;
    }

    private static int LevelsBelow(string name, DataType type) => type switch
    {
        ListType l => 1 + LevelsBelow(name, l.Element.Type),
        MapType m when m.Key.Type.IsNested => throw new NotSupportedQueryException($"column {name}: map keys of type {m.Key.Type.SqlName} cannot be read from text"),
        MapType m => 2 + LevelsBelow(name, m.Value.Type),
        StructType s => 1 + s.Fields.Select(f => LevelsBelow(name, f.Type)).DefaultIfEmpty(0).Max(),
        _ => 0,
    };

    public override void Decode(DecodeContext context, int slot, int rows)
    {
        var fields = context.Fields;
        var offset = slot * fields.Capacity;
        for (var r = 0; r < rows; r++)
        {
            var s = fields.Starts[offset + r];
            var e = fields.Ends[offset + r];
            if (e < 0)
            {
                _builder.AppendNull();
                continue;
            }
            var start = s & int.MaxValue;
            var text = new ReadOnlySpan<byte>(context.Buffer, start, e - start);
            if (context.IsNullMarker(text))
            {
                _builder.AppendNull();
                continue;
            }
            AppendNested(_builder, Type, text, 1, context, start);
        }
    }

    public override ArrowArray Build() => _builder.Build();

    private void AppendValue(ArrayBuilder builder, DataType type, ReadOnlySpan<byte> text, int level, DecodeContext context, int start)
    {
        if (context.IsNullMarker(text))
        {
            builder.AppendNull();
            return;
        }
        if (type.IsNested) AppendNested(builder, type, text, level, context, start);
        else AppendLeaf(builder, type, text, context, start, nullable: true);
    }

    private void AppendNested(ArrayBuilder builder, DataType type, ReadOnlySpan<byte> text, int level, DecodeContext context, int start)
    {
        var separator = _separators[level];
        switch (type)
        {
            case ListType list:
                {
                    var lists = (ListBuilder)builder;
                    var from = 0;
                    while (!text.IsEmpty && from <= text.Length)
                    {
                        var end = NextSeparator(text, from, separator);
                        AppendValue(lists.Values, list.Element.Type, text[from..end], level + 1, context, start + from);
                        from = end + 1;
                    }
                    lists.EndList();
                    return;
                }
            case MapType map:
                {
                    var maps = (MapBuilder)builder;
                    var keySeparator = _separators[level + 1];
                    var from = 0;
                    while (!text.IsEmpty && from <= text.Length)
                    {
                        var end = NextSeparator(text, from, separator);
                        var entry = text[from..end];
                        var split = NextSeparator(entry, 0, keySeparator);
                        var key = entry[..split];
                        // Map keys cannot be NULL: entries whose key is NULL or invalid are dropped.
                        if (!context.IsNullMarker(key) && AppendLeaf(maps.Keys, map.Key.Type, key, context, start + from, nullable: false))
                        {
                            if (split < entry.Length) AppendValue(maps.Values, map.Value.Type, entry[(split + 1)..], level + 2, context, start + from + split + 1);
                            else maps.Values.AppendNull();
                        }
                        from = end + 1;
                    }
                    maps.EndMap();
                    return;
                }
            case StructType st:
                {
                    var structs = (StructBuilder)builder;
                    var from = 0;
                    for (var i = 0; i < st.Fields.Count; i++)
                    {
                        if (from > text.Length)
                        {
                            structs.Children[i].AppendNull();
                            continue;
                        }
                        var end = NextSeparator(text, from, separator);
                        AppendValue(structs.Children[i], st.Fields[i].Type, text[from..end], level + 1, context, start + from);
                        from = end + 1;
                    }
                    structs.EndStruct();
                    return;
                }
            default:
                throw new InternalException($"{type.SqlName} is not nested");
        }
    }

    /// <summary>Position of the next unescaped separator at or after <paramref name="from"/>, or the text length.</summary>
    private int NextSeparator(ReadOnlySpan<byte> text, int from, byte separator)
    {
        for (var i = from; i < text.Length; i++)
        {
            var b = text[i];
            if (b == _escape) i++;
            else if (b == separator) return i;
        }
        return text.Length;
    }

    /// <summary>Appends a primitive value; false when it is NULL or invalid (then NULL is appended only if <paramref name="nullable"/>).</summary>
    private bool AppendLeaf(ArrayBuilder builder, DataType type, ReadOnlySpan<byte> text, DecodeContext context, int start, bool nullable)
    {
        if (_escape >= 0 && text.IndexOf((byte)_escape) >= 0)
        {
            if (_scratch.Length < text.Length) _scratch = new byte[Math.Max(text.Length, _scratch.Length * 2)];
            text = _scratch.AsSpan(0, context.Unescape(text, _scratch));
        }
        if (type.Id == TypeId.Utf8)
        {
            ((BinaryBuilder)builder).Append(text);
            return true;
        }
        if (type.Id == TypeId.Binary)
        {
            var decoded = new byte[text.Length];
            var ok = Base64.DecodeFromUtf8(text, decoded, out var consumed, out var written) == OperationStatus.Done && consumed == text.Length;
            ((BinaryBuilder)builder).Append(ok ? decoded.AsSpan(0, written) : text);
            return true;
        }
        if (!text.IsEmpty && type.Id != TypeId.Null)
        {
            if (TryAppendParsed(builder, type, text)) return true;
            context.OnInvalid(Name, type, start, text);
        }
        if (nullable) builder.AppendNull();
        return false;
    }

    private bool TryAppendParsed(ArrayBuilder builder, DataType type, ReadOnlySpan<byte> text)
    {
        switch (type)
        {
            case DecimalType d:
                if (!TextValueParser.TryParseDecimal(text, d.Precision, d.Scale, out var dec)) return false;
                ((PrimitiveBuilder<Int128>)builder).Append(dec);
                return true;
        }
        switch (type.Id)
        {
            case TypeId.Boolean:
                if (!TextValueParser.TryParseBoolean(text, out var b)) return false;
                ((BooleanBuilder)builder).Append(b);
                return true;
            case TypeId.Int8:
                if (!TextValueParser.TryParseInt8(text, out var i8)) return false;
                ((PrimitiveBuilder<sbyte>)builder).Append(i8);
                return true;
            case TypeId.Int16:
                if (!TextValueParser.TryParseInt16(text, out var i16)) return false;
                ((PrimitiveBuilder<short>)builder).Append(i16);
                return true;
            case TypeId.Int32:
                if (!TextValueParser.TryParseInt32(text, out var i32)) return false;
                ((PrimitiveBuilder<int>)builder).Append(i32);
                return true;
            case TypeId.Int64:
                if (!TextValueParser.TryParseInt64(text, out var i64)) return false;
                ((PrimitiveBuilder<long>)builder).Append(i64);
                return true;
            case TypeId.Float32:
                if (!TextValueParser.TryParseSingle(text, out var f32)) return false;
                ((PrimitiveBuilder<float>)builder).Append(f32);
                return true;
            case TypeId.Float64:
                if (!TextValueParser.TryParseDouble(text, out var f64)) return false;
                ((PrimitiveBuilder<double>)builder).Append(f64);
                return true;
            case TypeId.Date32:
                if (!(TextValueParser.TryParseDate(text, out var days) || (_numericDateTimes && TextValueParser.TryParseEpochDays(text, out days)))) return false;
                ((PrimitiveBuilder<int>)builder).Append(days);
                return true;
            case TypeId.Timestamp:
                if (!(TextValueParser.TryParseTimestamp(text, out var micros) || (_numericDateTimes && TextValueParser.TryParseEpochMillis(text, out micros)))) return false;
                ((PrimitiveBuilder<long>)builder).Append(micros);
                return true;
            default:
                throw new NotSupportedQueryException($"column {Name}: {type.SqlName} values cannot be read from text");
        }
    }
}
