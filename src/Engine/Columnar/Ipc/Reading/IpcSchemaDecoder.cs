using QueryEngine.Engine.Columnar.Ipc.FlatBuffers;
using QueryEngine.Engine.Common;

namespace QueryEngine.Engine.Columnar.Ipc.Reading;

/// <summary>
/// A FlatBuffers <c>Schema</c> (Schema.fbs) as an engine schema, plus each field's storage details the batch
/// decoder needs (date and timestamp units, dictionary encodings). Dictionary-encoded fields take their value type:
/// the engine holds the decoded values. Types the engine has no counterpart for are NotSupported errors.
/// </summary>
internal static class IpcSchemaDecoder
{
    public static (Schema Schema, IReadOnlyList<IpcFieldLayout> Layouts) Decode(FbTableReader schema)
    {
        var count = schema.VectorLength(1);
        var fields = new Field[count];
        var layouts = new IpcFieldLayout[count];
        for (var i = 0; i < count; i++) (fields[i], layouts[i]) = DecodeField(schema.TableAt(1, i), 0);
        return (new Schema(fields, Metadata(schema, 2)), layouts);
    }

    /// <summary>The value layout of every dictionary the layouts refer to, by dictionary id.</summary>
    public static Dictionary<long, IpcFieldLayout> DictionaryValueLayouts(IReadOnlyList<IpcFieldLayout> layouts)
    {
        var result = new Dictionary<long, IpcFieldLayout>();
        foreach (var layout in layouts) Collect(layout, result);
        return result;

        static void Collect(IpcFieldLayout layout, Dictionary<long, IpcFieldLayout> into)
        {
            if (layout.Dictionary is { } dictionary) into[dictionary.Id] = layout with { Dictionary = null };
            foreach (var child in layout.Children) Collect(child, into);
        }
    }

    private static IpcDictionaryIndex? DictionaryEncoding(FbTableReader field, string name)
    {
        if (field.Table(4) is not { } encoding) return null;
        var (bits, signed) = encoding.Table(1) is { } index ? (index.Int(0), index.Bool(1)) : (32, true);
        if (bits is not (8 or 16 or 32 or 64)) throw new ProtocolException($"Arrow IPC: dictionary index width {bits} of field '{name}'");
        return new IpcDictionaryIndex(encoding.Long(0), bits, signed);
    }

    /// <summary>Deepest nesting of fields accepted (a hostile schema must not exhaust the stack).</summary>
    private const int MaxDepth = 64;

    private static (Field Field, IpcFieldLayout Layout) DecodeField(FbTableReader field, int depth)
    {
        if (depth > MaxDepth) throw new ProtocolException($"Arrow IPC: fields nested deeper than {MaxDepth} levels");
        var name = field.String(0) ?? string.Empty;
        var nullable = field.Bool(1);
        var dictionary = DictionaryEncoding(field, name);
        var kind = field.Byte(2);
        var type = field.Table(3) ?? throw new ProtocolException($"Arrow IPC: field '{name}' has no type");
        var childCount = field.VectorLength(5);
        var children = new (Field Field, IpcFieldLayout Layout)[childCount];
        for (var i = 0; i < childCount; i++) children[i] = DecodeField(field.TableAt(5, i), depth + 1);
        var childLayouts = children.Select(c => c.Layout).ToArray();
        var scale = 1L;
        DataType dataType;
        switch ((IpcTypeKind)kind)
        {
            case IpcTypeKind.Null: dataType = DataType.Null; break;
            case IpcTypeKind.Bool: dataType = DataType.Boolean; break;
            case IpcTypeKind.Utf8: dataType = DataType.Utf8; break;
            case IpcTypeKind.Binary: dataType = DataType.Binary; break;
            case IpcTypeKind.Int:
                {
                    var bits = type.Int(0);
                    if (!type.Bool(1)) throw new NotSupportedQueryException($"Arrow IPC: unsigned {bits}-bit integers (field '{name}') are not supported");
                    dataType = bits switch
                    {
                        8 => DataType.Int8,
                        16 => DataType.Int16,
                        32 => DataType.Int32,
                        64 => DataType.Int64,
                        _ => throw new ProtocolException($"Arrow IPC: integer width {bits} of field '{name}'"),
                    };
                    break;
                }
            case IpcTypeKind.FloatingPoint:
                dataType = type.Short(0) switch
                {
                    1 => DataType.Float32,
                    2 => DataType.Float64,
                    _ => throw new NotSupportedQueryException($"Arrow IPC: half-precision floats (field '{name}') are not supported"),
                };
                break;
            case IpcTypeKind.Decimal:
                {
                    if (type.Int(2, 128) != 128) throw new NotSupportedQueryException($"Arrow IPC: 256-bit decimals (field '{name}') are not supported");
                    var (precision, decimalScale) = (type.Int(0), type.Int(1));
                    if (precision is < 1 or > DecimalType.MaxPrecision || decimalScale < 0 || decimalScale > precision)
                    {
                        throw new NotSupportedQueryException($"Arrow IPC: decimal({precision},{decimalScale}) of field '{name}' is not supported");
                    }
                    dataType = DataType.Decimal(precision, decimalScale);
                }
                break;
            case IpcTypeKind.Date:
                dataType = DataType.Date32;
                if (type.Short(0, 1) == 1) scale = -86_400_000; // Date64 milliseconds, divided down to days
                break;
            case IpcTypeKind.Time:
                {
                    var unit = type.Short(0, 1);
                    if (type.Int(1, 32) != 64 || unit is not (2 or 3))
                    {
                        throw new NotSupportedQueryException($"Arrow IPC: time field '{name}' must be time64 in micro- or nanoseconds");
                    }
                    dataType = new TimeType(unit == 2 ? 6 : 9);
                    scale = unit == 2 ? 1_000_000 : 1_000;
                    break;
                }
            case IpcTypeKind.Timestamp:
                // The unit gives the precision: SECOND 0, MILLISECOND 3, MICROSECOND 6, NANOSECOND 9 (exact, as picoseconds).
                dataType = new TimestampType(type.String(1) is { Length: > 0 } zone ? zone : null, type.Short(0) switch { 0 => 0, 1 => 3, 2 => 6, _ => 9 });
                scale = type.Short(0) switch
                {
                    0 => 1_000_000,
                    1 => 1_000,
                    2 => 1,
                    _ => 1_000, // nanoseconds to picoseconds
                };
                break;
            case IpcTypeKind.Interval:
                if (type.Short(0) != 0) // IntervalUnit: 0 YEAR_MONTH, 1 DAY_TIME, 2 MONTH_DAY_NANO
                {
                    throw new NotSupportedQueryException($"Arrow IPC: interval field '{name}' must be interval(YEAR_MONTH); day-time intervals arrive as durations");
                }
                dataType = IntervalType.YearToMonth;
                break;
            case IpcTypeKind.Duration:
                // INTERVAL DAY TO SECOND holds milliseconds; seconds are multiplied up, finer units divided down.
                dataType = IntervalType.DayToSecond;
                scale = type.Short(0, 1) switch
                {
                    0 => 1_000,
                    1 => 1,
                    2 => -1_000,
                    _ => -1_000_000,
                };
                break;
            case IpcTypeKind.List:
                if (childCount != 1) throw new ProtocolException($"Arrow IPC: list field '{name}' needs one child");
                dataType = new ListType(children[0].Field);
                break;
            case IpcTypeKind.Struct:
                dataType = new StructType(children.Select(c => c.Field).ToArray());
                break;
            case IpcTypeKind.Map:
                {
                    if (childCount != 1 || children[0].Field.Type is not StructType { Fields.Count: 2 } entries)
                    {
                        throw new ProtocolException($"Arrow IPC: map field '{name}' needs one struct child of two fields");
                    }
                    dataType = new MapType(entries.Fields[0], entries.Fields[1], type.Bool(0));
                    break;
                }
            default:
                throw new NotSupportedQueryException($"Arrow IPC: type code {kind} of field '{name}' is not supported");
        }
        var metadata = Metadata(field, 6);
        if (dataType.Id == TypeId.Utf8 && IsJsonExtension(metadata))
        {
            dataType = JsonType.Instance;
            metadata!.Remove(IpcSchemaMapping.ExtensionNameKey);
            metadata.Remove(IpcSchemaMapping.ExtensionMetadataKey);
            if (metadata.Count == 0) metadata = null;
        }
        return (new Field(name, dataType, nullable) { Metadata = metadata }, new IpcFieldLayout(dataType, scale, childLayouts) { Dictionary = dictionary });
    }

    /// <summary>A utf8 field marked with the canonical <c>arrow.json</c> extension holds JSON text.</summary>
    private static bool IsJsonExtension(Dictionary<string, string>? metadata) =>
        metadata is not null
        && metadata.TryGetValue(IpcSchemaMapping.ExtensionNameKey, out var extension)
        && extension == IpcSchemaMapping.JsonExtensionName;

    private static Dictionary<string, string>? Metadata(FbTableReader table, int slot)
    {
        var count = table.VectorLength(slot);
        if (count == 0) return null;
        var result = new Dictionary<string, string>(count, StringComparer.Ordinal);
        for (var i = 0; i < count; i++)
        {
            var kv = table.TableAt(slot, i);
            if (kv.String(0) is { } key) result[key] = kv.String(1) ?? string.Empty;
        }
        return result;
    }
}
