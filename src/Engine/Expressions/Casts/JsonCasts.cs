using System.Globalization;
using System.Numerics;
using System.Text;
using System.Text.Json;
using QueryEngine.Engine.Columnar;
using QueryEngine.Engine.Common;

namespace QueryEngine.Engine.Expressions.Casts;

/// <summary>
/// Trino's casts to and from JSON. To JSON: boolean, numbers, varchar (a JSON string), and arrays, maps (keys become
/// strings, sorted) and rows (objects keyed by field name) of those. From JSON: boolean, numbers, varchar (scalars only),
/// date and time (from JSON strings), and arrays, maps and rows (from a JSON array by position or an object by name);
/// JSON null is SQL NULL except inside array(json) and map(varchar, json). Errors name the JSON value.
/// </summary>
internal static class JsonCasts
{
    public static CastFunc? Create(DataType from, DataType to)
    {
        if (to is JsonType) return CanWrite(from) ? static (a, _) => ToJson(a) : null;
        if (from is JsonType) return CanRead(to) ? (a, isTry) => FromJson((BinaryArray)a, to, isTry) : null;
        return null;
    }

    /// <summary>Whether a CAST between the types exists when one of them is JSON (the binder's check).</summary>
    public static bool CanCastJson(DataType from, DataType to) => to is JsonType ? CanWrite(from) : CanRead(to);

    /// <summary>Whether values of the type can become JSON.</summary>
    public static bool CanWrite(DataType type) => type switch
    {
        JsonType => true,
        IntervalType or TimeType => false,
        ListType l => CanWrite(l.Element.Type),
        MapType m => (m.Key.Type.Id is TypeId.Utf8 or TypeId.Boolean || m.Key.Type.IsNumeric) && m.Key.Type is not JsonType && CanWrite(m.Value.Type),
        StructType s => s.Fields.All(f => CanWrite(f.Type)),
        _ => type.Id is TypeId.Boolean or TypeId.Utf8 or TypeId.Null || type.IsNumeric,
    };

    /// <summary>Whether JSON can be cast to the type.</summary>
    public static bool CanRead(DataType type) => type switch
    {
        JsonType or TimeType => true,
        IntervalType => false,
        ListType l => CanRead(l.Element.Type),
        MapType m => (m.Key.Type.Id is TypeId.Utf8 or TypeId.Boolean || m.Key.Type.IsNumeric) && m.Key.Type is not JsonType && CanRead(m.Value.Type),
        StructType s => s.Fields.All(f => CanRead(f.Type)),
        _ => type.Id is TypeId.Boolean or TypeId.Utf8 or TypeId.Date32 || type.IsNumeric,
    };

    private static BinaryArray ToJson(ArrowArray input)
    {
        var builder = new BinaryBuilder(JsonType.Instance, input.Length, input.Length * 8);
        var sb = new StringBuilder();
        for (var i = 0; i < input.Length; i++)
        {
            if (input.IsNull(i))
            {
                builder.AppendNull();
                continue;
            }
            sb.Clear();
            Write(input, i, sb);
            builder.Append(sb.ToString());
        }
        return (BinaryArray)builder.Build();
    }

    private static void Write(ArrowArray array, int row, StringBuilder sb)
    {
        if (array.IsNull(row))
        {
            sb.Append("null");
            return;
        }
        switch (array)
        {
            case BinaryArray b when b.Type is JsonType:
                sb.Append(b.GetString(row));
                return;
            case BinaryArray b:
                JsonCanonicalText.WriteString(b.GetString(row), sb);
                return;
            case BooleanArray b:
                sb.Append(b.GetBit(row) ? "true" : "false");
                return;
            case PrimitiveArray<double> d:
                sb.Append(JsonCanonicalText.FormatDouble(d[row]));
                return;
            case PrimitiveArray<float> f:
                sb.Append(JsonCanonicalText.FormatReal(f[row]));
                return;
            case ListArray list:
                sb.Append('[');
                for (var j = list.Offsets[row]; j < list.Offsets[row + 1]; j++)
                {
                    if (j > list.Offsets[row]) sb.Append(',');
                    Write(list.Values, j, sb);
                }
                sb.Append(']');
                return;
            case MapArray map:
                {
                    var entries = new SortedDictionary<string, int>(StringComparer.Ordinal);
                    for (var j = map.Offsets[row]; j < map.Offsets[row + 1]; j++) entries[ValueFormatter.Format(map.Keys, j)] = j;
                    sb.Append('{');
                    var first = true;
                    foreach (var (key, j) in entries)
                    {
                        if (!first) sb.Append(',');
                        first = false;
                        JsonCanonicalText.WriteString(key, sb);
                        sb.Append(':');
                        Write(map.Values, j, sb);
                    }
                    sb.Append('}');
                    return;
                }
            case StructArray st:
                {
                    var fields = ((StructType)st.Type).Fields;
                    sb.Append('{');
                    for (var f = 0; f < fields.Count; f++)
                    {
                        if (f > 0) sb.Append(',');
                        JsonCanonicalText.WriteString(fields[f].Name, sb);
                        sb.Append(':');
                        Write(st.Children[f], row, sb);
                    }
                    sb.Append('}');
                    return;
                }
            default:
                // Integers and decimals print as JSON numbers exactly as SQL prints them.
                sb.Append(ValueFormatter.Format(array, row));
                return;
        }
    }

    private static ArrowArray FromJson(BinaryArray input, DataType to, bool isTry)
    {
        var builder = ArrayBuilder.Create(to, input.Length);
        for (var i = 0; i < input.Length; i++)
        {
            if (input.IsNull(i))
            {
                builder.AppendNull();
                continue;
            }
            using var document = JsonCanonicalText.TryParse(input.GetBytes(i));
            object? value;
            try
            {
                if (document is null) throw Reason("the value is not JSON");
                value = Read(document.RootElement, to, topLevel: true);
            }
            catch (ExecutionException e)
            {
                if (!isTry) throw new ExecutionException($"Cannot cast JSON '{input.GetString(i)}' to {to.SqlName}: {e.Message}", ErrorCode.InvalidCast);
                value = null;
            }
            builder.AppendValue(value);
        }
        return builder.Build();
    }

    /// <summary>The element as a boxed value of <paramref name="type"/> (see <see cref="DataType"/> for the representations).</summary>
    private static object? Read(JsonElement e, DataType type, bool topLevel)
    {
        if (type is JsonType) return topLevel && e.ValueKind == JsonValueKind.Null ? null : JsonCanonicalText.ToText(e);
        if (e.ValueKind == JsonValueKind.Null) return null;
        switch (type)
        {
            case ListType list:
                {
                    if (e.ValueKind != JsonValueKind.Array) throw Expected("a JSON array", e);
                    var items = new object?[e.GetArrayLength()];
                    var k = 0;
                    foreach (var item in e.EnumerateArray()) items[k++] = Read(item, list.Element.Type, topLevel: false);
                    return items;
                }
            case MapType map:
                {
                    if (e.ValueKind != JsonValueKind.Object) throw Expected("a JSON object", e);
                    var entries = new List<KeyValuePair<object?, object?>>();
                    foreach (var property in e.EnumerateObject())
                    {
                        var key = ReadKey(property.Name, map.Key.Type);
                        entries.Add(new KeyValuePair<object?, object?>(key, Read(property.Value, map.Value.Type, topLevel: false)));
                    }
                    return entries.ToArray();
                }
            case StructType row:
                return ReadRow(e, row);
        }
        return ReadScalar(e, type);
    }

    private static object?[] ReadRow(JsonElement e, StructType row)
    {
        var values = new object?[row.Fields.Count];
        if (e.ValueKind == JsonValueKind.Array)
        {
            if (e.GetArrayLength() != row.Fields.Count) throw Reason($"a JSON array of {e.GetArrayLength()} elements does not fit a row of {row.Fields.Count} fields");
            var k = 0;
            foreach (var item in e.EnumerateArray())
            {
                values[k] = Read(item, row.Fields[k].Type, topLevel: false);
                k++;
            }
            return values;
        }
        if (e.ValueKind != JsonValueKind.Object) throw Expected("a JSON array or object", e);
        foreach (var property in e.EnumerateObject())
        {
            for (var f = 0; f < row.Fields.Count; f++)
            {
                if (string.Equals(row.Fields[f].Name, property.Name, StringComparison.OrdinalIgnoreCase))
                {
                    values[f] = Read(property.Value, row.Fields[f].Type, topLevel: false);
                }
            }
        }
        return values;
    }

    private static object? ReadKey(string key, DataType type)
    {
        if (type.Id == TypeId.Utf8) return key;
        using var document = JsonDocument.Parse(JsonSerializer.SerializeToUtf8Bytes(key));
        return ReadScalar(document.RootElement, type) ?? throw Reason("a map key cannot be null");
    }

    private static object? ReadScalar(JsonElement e, DataType type)
    {
        if (type is TimeType time)
        {
            if (e.ValueKind != JsonValueKind.String) throw Expected("a JSON string", e);
            return TimeText.TryParse(e.GetString()!, out var picos, out _) ? TimeText.Round(picos, time.Precision) : throw Reason("not a time");
        }
        switch (type.Id)
        {
            case TypeId.Boolean:
                return e.ValueKind switch
                {
                    JsonValueKind.True => true,
                    JsonValueKind.False => false,
                    JsonValueKind.Number => e.GetDouble() != 0,
                    JsonValueKind.String when TextParsing.TryParseBoolean(Encoding.UTF8.GetBytes(e.GetString()!), out var b) => b,
                    _ => throw Expected("a JSON boolean", e),
                };
            case TypeId.Int8 or TypeId.Int16 or TypeId.Int32 or TypeId.Int64:
                {
                    var value = ReadInteger(e);
                    var (min, max) = type.Id switch
                    {
                        TypeId.Int8 => (sbyte.MinValue, sbyte.MaxValue),
                        TypeId.Int16 => (short.MinValue, short.MaxValue),
                        TypeId.Int32 => (int.MinValue, int.MaxValue),
                        _ => (long.MinValue, long.MaxValue),
                    };
                    if (value < min || value > max) throw Reason($"out of range for {type.SqlName}");
                    return type.Id switch
                    {
                        TypeId.Int8 => (sbyte)value,
                        TypeId.Int16 => (short)value,
                        TypeId.Int32 => (int)value,
                        _ => (object)(long)value,
                    };
                }
            case TypeId.Float64:
                return ReadDouble(e);
            case TypeId.Float32:
                return (float)ReadDouble(e);
            case TypeId.Decimal128:
                {
                    var d = (DecimalType)type;
                    var text = e.ValueKind switch
                    {
                        JsonValueKind.Number => e.GetRawText(),
                        JsonValueKind.String => e.GetString()!,
                        JsonValueKind.True => "1",
                        JsonValueKind.False => "0",
                        _ => throw Expected("a JSON number", e),
                    };
                    return TextParsing.TryParseDecimal(Encoding.UTF8.GetBytes(text), d.Precision, d.Scale, out var unscaled) switch
                    {
                        TextParsing.DecimalParse.Ok => unscaled,
                        TextParsing.DecimalParse.Overflow => throw Reason($"out of range for {type.SqlName}"),
                        _ => throw Expected("a JSON number", e),
                    };
                }
            case TypeId.Utf8:
                return e.ValueKind switch
                {
                    JsonValueKind.String => e.GetString(),
                    JsonValueKind.Number => NumberText(e),
                    JsonValueKind.True => "true",
                    JsonValueKind.False => "false",
                    _ => throw Expected("a JSON scalar", e),
                };
            case TypeId.Date32:
                {
                    if (e.ValueKind != JsonValueKind.String) throw Expected("a JSON string", e);
                    return TextParsing.TryParseDate(Encoding.UTF8.GetBytes(e.GetString()!), out var days) ? days : throw Reason("not a date");
                }
            default:
                throw Reason($"JSON cannot be cast to {type.SqlName}");
        }
    }

    /// <summary>A JSON number's text as Trino casts it to varchar: integers as written, other numbers as a double prints.</summary>
    private static string NumberText(JsonElement e)
    {
        var raw = e.GetRawText();
        return JsonCanonicalText.IsIntegerText(raw) ? raw : JsonCanonicalText.FormatDouble(e.GetDouble());
    }

    /// <summary>An integer from a JSON number (fractions rounded half away from zero), string or boolean.</summary>
    private static BigInteger ReadInteger(JsonElement e)
    {
        switch (e.ValueKind)
        {
            case JsonValueKind.Number:
                {
                    var raw = e.GetRawText();
                    if (JsonCanonicalText.IsIntegerText(raw)) return BigInteger.Parse(raw, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
                    var d = e.GetDouble();
                    return new BigInteger(Math.Round(d, MidpointRounding.AwayFromZero));
                }
            case JsonValueKind.String:
                {
                    var text = e.GetString()!;
                    return TextParsing.TryParseInt64(Encoding.UTF8.GetBytes(text), out var value) ? value : throw Expected("a JSON number", e);
                }
            case JsonValueKind.True:
                return BigInteger.One;
            case JsonValueKind.False:
                return BigInteger.Zero;
            default:
                throw Expected("a JSON number", e);
        }
    }

    private static double ReadDouble(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.Number => e.GetDouble(),
        JsonValueKind.String when TextParsing.TryParseDouble(Encoding.UTF8.GetBytes(e.GetString()!), out var d) => d,
        JsonValueKind.True => 1,
        JsonValueKind.False => 0,
        _ => throw Expected("a JSON number", e),
    };

    /// <summary>Why a JSON value does not fit the target type; <see cref="FromJson"/> adds the value and the type.</summary>
    private static ExecutionException Reason(string why) => new(why, ErrorCode.InvalidCast);

    private static ExecutionException Expected(string what, JsonElement e) =>
        Reason($"expected {what} but got {JsonCanonicalText.ToText(e)}");
}
