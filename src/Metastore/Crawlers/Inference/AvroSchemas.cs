using System.Text;
using System.Text.Json;
using QueryEngine.Engine.Catalog;
using QueryEngine.Engine.Columnar;
using QueryEngine.Engine.Common;

namespace QueryEngine.Metastore.Crawlers.Inference;

/// <summary>
/// An Avro object container file's schema, from its header (Avro 1.11 spec, "Object Container Files"): the magic
/// <c>Obj\x01</c>, then the file metadata as an Avro map of bytes whose <c>avro.schema</c> entry is the writer's
/// schema as JSON. The top-level record's fields become columns (lower case): null, boolean, int, long, float,
/// double, bytes, string; records as struct, arrays, maps (string keys), enums as string, fixed as binary, unions
/// with null as their other branch; the logical types date, timestamp-millis/micros and decimal. Unions of several
/// non-null branches, which Hive calls uniontype and the engine cannot read, become string.
/// </summary>
internal static class AvroSchemas
{
    private static ReadOnlySpan<byte> Magic => "Obj\u0001"u8;

    /// <summary>The columns of the file whose first bytes are <paramref name="header"/>.</summary>
    public static InferredSchema Read(ReadOnlySpan<byte> header, string path)
    {
        if (!header.StartsWith(Magic)) throw Corrupt(path, 0, "no Avro magic bytes");
        var position = Magic.Length;
        string? schemaJson = null;
        while (true)
        {
            var count = ReadLong(header, ref position, path);
            if (count == 0) break;
            if (count < 0)
            {
                count = -count;
                ReadLong(header, ref position, path); // the block's size in bytes
            }
            for (long i = 0; i < count; i++)
            {
                var key = Encoding.UTF8.GetString(ReadBytes(header, ref position, path));
                var value = ReadBytes(header, ref position, path);
                if (key == "avro.schema") schemaJson = Encoding.UTF8.GetString(value);
            }
        }
        if (schemaJson is null) throw Corrupt(path, position, "the Avro header has no avro.schema entry");
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(schemaJson);
        }
        catch (JsonException ex)
        {
            throw Corrupt(path, 0, $"the Avro schema is not valid JSON: {ex.Message}");
        }
        using (document)
        {
            var named = new Dictionary<string, DataType>(StringComparer.Ordinal);
            var top = Convert(document.RootElement, null, named, path);
            var schema = new InferredSchema();
            if (top is StructType record)
            {
                foreach (var field in record.Fields) schema.Add(field.Name.ToLowerInvariant(), field.Type);
            }
            else
            {
                // A file of plain values: one column, as Hive's AvroSerDe reads it.
                schema.Add("col1", top);
            }
            return schema;
        }
    }

    private static DataType Convert(JsonElement schema, string? space, Dictionary<string, DataType> named, string path)
    {
        switch (schema.ValueKind)
        {
            case JsonValueKind.String:
                return Named(schema.GetString()!, space, named, path);
            case JsonValueKind.Array:
                DataType? only = null;
                var branches = 0;
                foreach (var branch in schema.EnumerateArray())
                {
                    var type = Convert(branch, space, named, path);
                    if (type.Id == TypeId.Null) continue;
                    only = type;
                    branches++;
                }
                return branches switch
                {
                    0 => DataType.Null,
                    1 => only!,
                    _ => DataType.Utf8,
                };
            case JsonValueKind.Object:
                return Complex(schema, space, named, path);
            default:
                throw Corrupt(path, 0, $"unexpected Avro schema element {schema.GetRawText()}");
        }
    }

    private static DataType Complex(JsonElement schema, string? space, Dictionary<string, DataType> named, string path)
    {
        if (!schema.TryGetProperty("type", out var typeElement)) throw Corrupt(path, 0, $"an Avro schema object without \"type\": {schema.GetRawText()}");
        if (typeElement.ValueKind != JsonValueKind.String) return Convert(typeElement, space, named, path);
        var type = typeElement.GetString()!;
        var logical = schema.TryGetProperty("logicalType", out var l) && l.ValueKind == JsonValueKind.String ? l.GetString() : null;
        switch (type)
        {
            case "record" or "error":
            {
                var (fullName, inner) = Name(schema, space);
                var fields = new List<Field>();
                var record = new StructType(fields);
                named[fullName] = record;
                if (!schema.TryGetProperty("fields", out var list) || list.ValueKind != JsonValueKind.Array) throw Corrupt(path, 0, $"Avro record {fullName} has no fields");
                foreach (var field in list.EnumerateArray())
                {
                    var name = field.GetProperty("name").GetString()!;
                    fields.Add(new Field(name.ToLowerInvariant(), Convert(field.GetProperty("type"), inner, named, path)));
                }
                return record;
            }
            case "enum":
                named[Name(schema, space).FullName] = DataType.Utf8;
                return DataType.Utf8;
            case "fixed":
            {
                var result = logical == "decimal" ? Decimal(schema) : DataType.Binary;
                named[Name(schema, space).FullName] = result;
                return result;
            }
            case "array":
                return new ListType(new Field(HiveTypes.ListElementName, Convert(schema.GetProperty("items"), space, named, path)));
            case "map":
                return new MapType(new Field(HiveTypes.MapKeyName, DataType.Utf8, Nullable: false), new Field(HiveTypes.MapValueName, Convert(schema.GetProperty("values"), space, named, path)));
            default:
                var primitive = Named(type, space, named, path);
                return (logical, primitive.Id) switch
                {
                    ("date", TypeId.Int32) => DataType.Date32,
                    ("timestamp-millis" or "timestamp-micros" or "local-timestamp-millis" or "local-timestamp-micros", TypeId.Int64) => DataType.Timestamp,
                    ("decimal", TypeId.Binary) => Decimal(schema),
                    _ => primitive,
                };
        }
    }

    private static DataType Named(string name, string? space, Dictionary<string, DataType> named, string path)
    {
        switch (name)
        {
            case "null": return DataType.Null;
            case "boolean": return DataType.Boolean;
            case "int": return DataType.Int32;
            case "long": return DataType.Int64;
            case "float": return DataType.Float32;
            case "double": return DataType.Float64;
            case "bytes": return DataType.Binary;
            case "string": return DataType.Utf8;
        }
        if (named.TryGetValue(name, out var type)) return type;
        if (space is not null && named.TryGetValue(space + "." + name, out type)) return type;
        throw Corrupt(path, 0, $"the Avro schema refers to an undefined type '{name}'");
    }

    private static DataType Decimal(JsonElement schema)
    {
        var precision = schema.TryGetProperty("precision", out var p) && p.TryGetInt32(out var pv) ? pv : 38;
        var scale = schema.TryGetProperty("scale", out var s) && s.TryGetInt32(out var sv) ? sv : 0;
        return DataType.Decimal(precision, scale);
    }

    /// <summary>A named type's full name and the namespace its own fields resolve names in.</summary>
    private static (string FullName, string? Space) Name(JsonElement schema, string? space)
    {
        var name = schema.TryGetProperty("name", out var n) ? n.GetString() ?? "" : "";
        if (name.Contains('.', StringComparison.Ordinal)) return (name, name[..name.LastIndexOf('.')]);
        var ownSpace = schema.TryGetProperty("namespace", out var ns) && ns.ValueKind == JsonValueKind.String ? ns.GetString() : space;
        return (string.IsNullOrEmpty(ownSpace) ? name : ownSpace + "." + name, ownSpace);
    }

    /// <summary>A zig-zag varint long.</summary>
    private static long ReadLong(ReadOnlySpan<byte> data, ref int position, string path)
    {
        ulong value = 0;
        for (var shift = 0; shift < 64; shift += 7)
        {
            if (position >= data.Length) throw Corrupt(path, position, "the Avro header is cut off");
            var b = data[position++];
            value |= (ulong)(b & 0x7f) << shift;
            if ((b & 0x80) == 0) return (long)(value >> 1) ^ -(long)(value & 1);
        }
        throw Corrupt(path, position, "an Avro varint is longer than 10 bytes");
    }

    private static ReadOnlySpan<byte> ReadBytes(ReadOnlySpan<byte> data, ref int position, string path)
    {
        var length = ReadLong(data, ref position, path);
        if (length < 0 || length > data.Length - position) throw Corrupt(path, position, "the Avro header is cut off or has a bad length");
        var result = data.Slice(position, (int)length);
        position += (int)length;
        return result;
    }

    private static CorruptDataException Corrupt(string path, long offset, string message) => new(path, offset, message);
}
