using System.Globalization;
using System.Text;
using System.Text.Json;
using QueryEngine.Engine.Columnar;
using QueryEngine.Engine.Common;

namespace QueryEngine.Engine.Formats.Json;

/// <summary>
/// Decodes one JSON value (the reader positioned on its first token) into a builder of the column's type, as the
/// Hive and openx JSON SerDes read them: numbers and numeric strings into numeric columns, any scalar into a string
/// column as its text (objects and arrays as their JSON text), objects into structs (fields by name) and maps (keys
/// parsed to the key type), arrays into lists; NULL for <c>null</c>. A value that cannot be converted throws
/// <see cref="JsonValueException"/>.
/// </summary>
internal static class JsonValueDecoder
{
    public static void Decode(ref Utf8JsonReader reader, ReadOnlySpan<byte> json, ArrayBuilder builder, DataType type, bool caseInsensitive)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            builder.AppendNull();
            return;
        }
        switch (type.Id)
        {
            case TypeId.Utf8 when type is JsonType:
                DecodeJson(ref reader, json, (BinaryBuilder)builder);
                return;
            case TypeId.Decimal128 when type is TimestampType:
                throw new NotSupportedQueryException($"JSON: {type.SqlName} is not supported in JSON files (timestamp(0..6) is)");
            case TypeId.Int64 when type is TimeType time:
                {
                    if (reader.TokenType != JsonTokenType.String || !TimeText.TryParse(Unescaped(ref reader), out var picos, out _)) throw Mismatch(ref reader, type);
                    ((PrimitiveBuilder<long>)builder).Append(TimeText.Round(picos, time.Precision));
                    return;
                }
            case TypeId.Utf8:
                DecodeString(ref reader, json, (BinaryBuilder)builder);
                return;
            case TypeId.Binary:
                ((BinaryBuilder)builder).Append(Text(ref reader, type));
                return;
            case TypeId.Boolean:
                DecodeBoolean(ref reader, (BooleanBuilder)builder);
                return;
            case TypeId.Int8:
                ((PrimitiveBuilder<sbyte>)builder).Append(checked((sbyte)Integer(ref reader, type, sbyte.MinValue, sbyte.MaxValue)));
                return;
            case TypeId.Int16:
                ((PrimitiveBuilder<short>)builder).Append(checked((short)Integer(ref reader, type, short.MinValue, short.MaxValue)));
                return;
            case TypeId.Int32:
                ((PrimitiveBuilder<int>)builder).Append(checked((int)Integer(ref reader, type, int.MinValue, int.MaxValue)));
                return;
            case TypeId.Int64:
                ((PrimitiveBuilder<long>)builder).Append(Integer(ref reader, type, long.MinValue, long.MaxValue));
                return;
            case TypeId.Float32:
                ((PrimitiveBuilder<float>)builder).Append((float)Floating(ref reader, type));
                return;
            case TypeId.Float64:
                ((PrimitiveBuilder<double>)builder).Append(Floating(ref reader, type));
                return;
            case TypeId.Decimal128:
                DecodeDecimal(ref reader, (PrimitiveBuilder<Int128>)builder, (DecimalType)type);
                return;
            case TypeId.Date32:
                DecodeDate(ref reader, (PrimitiveBuilder<int>)builder, type);
                return;
            case TypeId.Timestamp:
                DecodeTimestamp(ref reader, (PrimitiveBuilder<long>)builder, type);
                return;
            case TypeId.List:
                DecodeList(ref reader, json, (ListBuilder)builder, (ListType)type, caseInsensitive);
                return;
            case TypeId.Map:
                DecodeMap(ref reader, json, (MapBuilder)builder, (MapType)type, caseInsensitive);
                return;
            case TypeId.Struct:
                DecodeStruct(ref reader, json, (StructBuilder)builder, (StructType)type, caseInsensitive);
                return;
            case TypeId.Null:
                reader.Skip();
                builder.AppendNull();
                return;
            default:
                throw new JsonValueException($"columns of type {type.SqlName} cannot be read from JSON yet");
        }
    }

    /// <summary>A JSON column: the value itself (a string keeps its quotes) as canonical JSON text.</summary>
    private static void DecodeJson(ref Utf8JsonReader reader, ReadOnlySpan<byte> json, BinaryBuilder builder)
    {
        var start = (int)reader.TokenStartIndex;
        int end;
        switch (reader.TokenType)
        {
            case JsonTokenType.StartObject:
            case JsonTokenType.StartArray:
                reader.Skip();
                end = (int)reader.TokenStartIndex + 1;
                break;
            case JsonTokenType.String:
                end = start + reader.ValueSpan.Length + 2;
                break;
            default:
                end = start + reader.ValueSpan.Length;
                break;
        }
        builder.Append(JsonCanonicalText.TryCanonicalize(json[start..end]) ?? throw new JsonValueException("a JSON value could not be read"));
    }

    /// <summary>Strings as they are, other scalars as their JSON text, objects and arrays as their (compact) JSON text.</summary>
    private static void DecodeString(ref Utf8JsonReader reader, ReadOnlySpan<byte> json, BinaryBuilder builder)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.String:
                if (!reader.ValueIsEscaped)
                {
                    builder.Append(reader.ValueSpan);
                    return;
                }
                builder.Append(reader.GetString()!);
                return;
            case JsonTokenType.StartObject:
            case JsonTokenType.StartArray:
                var start = (int)reader.TokenStartIndex;
                reader.Skip();
                builder.Append(json[start..((int)reader.TokenStartIndex + 1)]);
                return;
            default:
                builder.Append(reader.ValueSpan);
                return;
        }
    }

    private static void DecodeBoolean(ref Utf8JsonReader reader, BooleanBuilder builder)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.True:
                builder.Append(true);
                return;
            case JsonTokenType.False:
                builder.Append(false);
                return;
            case JsonTokenType.String when TextValueParser.TryParseBoolean(Unescaped(ref reader), out var value):
                builder.Append(value);
                return;
            default:
                throw Mismatch(ref reader, DataType.Boolean);
        }
    }

    private static long Integer(ref Utf8JsonReader reader, DataType type, long min, long max)
    {
        long value;
        var ok = reader.TokenType switch
        {
            JsonTokenType.Number => reader.TryGetInt64(out value),
            JsonTokenType.String => TextValueParser.TryParseInt64(Unescaped(ref reader), out value),
            _ => (value = 0) != 0,
        };
        if (!ok || value < min || value > max) throw Mismatch(ref reader, type);
        return value;
    }

    private static double Floating(ref Utf8JsonReader reader, DataType type)
    {
        if (reader.TokenType == JsonTokenType.Number && reader.TryGetDouble(out var number)) return number;
        if (reader.TokenType == JsonTokenType.String && TextValueParser.TryParseDouble(Unescaped(ref reader), out var parsed)) return parsed;
        throw Mismatch(ref reader, type);
    }

    private static void DecodeDecimal(ref Utf8JsonReader reader, PrimitiveBuilder<Int128> builder, DecimalType type)
    {
        if (reader.TokenType is JsonTokenType.Number or JsonTokenType.String
            && TextValueParser.TryParseDecimal(Unescaped(ref reader), type.Precision, type.Scale, out var value))
        {
            builder.Append(value);
            return;
        }
        throw Mismatch(ref reader, type);
    }

    private static void DecodeDate(ref Utf8JsonReader reader, PrimitiveBuilder<int> builder, DataType type)
    {
        var text = Unescaped(ref reader);
        var ok = reader.TokenType switch
        {
            JsonTokenType.String => TextValueParser.TryParseDate(text, out var days) && Append(builder, days),
            JsonTokenType.Number => TextValueParser.TryParseEpochDays(text, out var epochDays) && Append(builder, epochDays),
            _ => false,
        };
        if (!ok) throw Mismatch(ref reader, type);
    }

    /// <summary>Timestamps as text (<c>YYYY-MM-DD HH:MM:SS[.f]</c>, ISO 'T' form) or as milliseconds since the epoch.</summary>
    private static void DecodeTimestamp(ref Utf8JsonReader reader, PrimitiveBuilder<long> builder, DataType type)
    {
        var text = Unescaped(ref reader);
        var ok = reader.TokenType switch
        {
            JsonTokenType.String => TextValueParser.TryParseTimestamp(text, out var micros) && Append(builder, micros),
            JsonTokenType.Number => TextValueParser.TryParseEpochMillis(text, out var epochMicros) && Append(builder, epochMicros),
            _ => false,
        };
        if (!ok) throw Mismatch(ref reader, type);
    }

    private static void DecodeList(ref Utf8JsonReader reader, ReadOnlySpan<byte> json, ListBuilder builder, ListType type, bool caseInsensitive)
    {
        if (reader.TokenType != JsonTokenType.StartArray) throw Mismatch(ref reader, type);
        while (Read(ref reader) && reader.TokenType != JsonTokenType.EndArray)
        {
            Decode(ref reader, json, builder.Values, type.Element.Type, caseInsensitive);
        }
        builder.EndList();
    }

    private static void DecodeMap(ref Utf8JsonReader reader, ReadOnlySpan<byte> json, MapBuilder builder, MapType type, bool caseInsensitive)
    {
        if (reader.TokenType != JsonTokenType.StartObject) throw Mismatch(ref reader, type);
        while (Read(ref reader) && reader.TokenType != JsonTokenType.EndObject)
        {
            AppendKey(ref reader, builder.Keys, type.Key.Type);
            Read(ref reader);
            Decode(ref reader, json, builder.Values, type.Value.Type, caseInsensitive);
        }
        builder.EndMap();
    }

    /// <summary>Map keys are property names: parsed as the key type's text (a string key as it is).</summary>
    private static void AppendKey(ref Utf8JsonReader reader, ArrayBuilder keys, DataType type)
    {
        var text = Unescaped(ref reader);
        switch (type.Id)
        {
            case TypeId.Utf8:
            case TypeId.Binary:
                ((BinaryBuilder)keys).Append(text);
                return;
            case TypeId.Int32 when TextValueParser.TryParseInt32(text, out var i32):
                ((PrimitiveBuilder<int>)keys).Append(i32);
                return;
            case TypeId.Int64 when TextValueParser.TryParseInt64(text, out var i64):
                ((PrimitiveBuilder<long>)keys).Append(i64);
                return;
            case TypeId.Int16 when TextValueParser.TryParseInt16(text, out var i16):
                ((PrimitiveBuilder<short>)keys).Append(i16);
                return;
            case TypeId.Int8 when TextValueParser.TryParseInt8(text, out var i8):
                ((PrimitiveBuilder<sbyte>)keys).Append(i8);
                return;
            case TypeId.Boolean when TextValueParser.TryParseBoolean(text, out var b):
                ((BooleanBuilder)keys).Append(b);
                return;
            case TypeId.Date32 when TextValueParser.TryParseDate(text, out var days):
                ((PrimitiveBuilder<int>)keys).Append(days);
                return;
            default:
                throw new JsonValueException($"map key \"{Encoding.UTF8.GetString(text)}\" is not a valid {type.SqlName}");
        }
    }

    private static void DecodeStruct(ref Utf8JsonReader reader, ReadOnlySpan<byte> json, StructBuilder builder, StructType type, bool caseInsensitive)
    {
        if (reader.TokenType != JsonTokenType.StartObject) throw Mismatch(ref reader, type);
        var fields = type.Fields;
        Span<bool> seen = fields.Count <= 64 ? stackalloc bool[fields.Count] : new bool[fields.Count];
        while (Read(ref reader) && reader.TokenType != JsonTokenType.EndObject)
        {
            var index = JsonNames.Find(ref reader, fields, caseInsensitive);
            Read(ref reader);
            if (index < 0 || seen[index])
            {
                reader.Skip();
                continue;
            }
            seen[index] = true;
            Decode(ref reader, json, builder.Children[index], fields[index].Type, caseInsensitive);
        }
        for (var i = 0; i < fields.Count; i++)
        {
            if (!seen[i]) builder.Children[i].AppendNull();
        }
        builder.EndStruct();
    }

    private static bool Read(ref Utf8JsonReader reader)
    {
        if (!reader.Read()) throw new JsonValueException("unexpected end of the JSON text");
        return true;
    }

    private static bool Append<T>(PrimitiveBuilder<T> builder, T value)
        where T : unmanaged
    {
        builder.Append(value);
        return true;
    }

    /// <summary>The token's text without JSON escapes (a copy only when it has escapes).</summary>
    private static ReadOnlySpan<byte> Unescaped(ref Utf8JsonReader reader)
    {
        if (!reader.ValueIsEscaped) return reader.ValueSpan;
        var buffer = new byte[reader.ValueSpan.Length];
        var written = reader.CopyString(buffer);
        return buffer.AsSpan(0, written);
    }

    private static ReadOnlySpan<byte> Text(ref Utf8JsonReader reader, DataType type) =>
        reader.TokenType == JsonTokenType.String ? Unescaped(ref reader) : throw Mismatch(ref reader, type);

    private static JsonValueException Mismatch(ref Utf8JsonReader reader, DataType type)
    {
        var what = reader.TokenType switch
        {
            JsonTokenType.StartObject => "an object",
            JsonTokenType.StartArray => "an array",
            JsonTokenType.String => "\"" + Shorten(Encoding.UTF8.GetString(Unescaped(ref reader))) + "\"",
            _ => Shorten(Encoding.UTF8.GetString(reader.ValueSpan)),
        };
        return new JsonValueException(string.Create(CultureInfo.InvariantCulture, $"{what} is not a valid {type.SqlName}"));
    }

    private static string Shorten(string text) => text.Length <= 60 ? text : text[..57] + "...";
}
