using QueryEngine.Engine.Thrift;

namespace QueryEngine.Metastore.Hms.Service;

/// <summary>
/// The arguments of one call, read from its args struct by field id: strings, booleans, integers,
/// <c>list&lt;string&gt;</c> and <c>map&lt;string,string&gt;</c> generically, struct (and list-of-struct) arguments by
/// the readers the method registers; anything else is read past. Accessors return null (or the default) for a missing argument.
/// </summary>
internal sealed class HmsArgs
{
    private readonly Dictionary<short, object> _values = [];

    public static HmsArgs Read(BinaryProtocolReader reader, IReadOnlyDictionary<short, Func<BinaryProtocolReader, object>>? structs)
    {
        var args = new HmsArgs();
        reader.ReadStruct((id, type) =>
        {
            object? value;
            switch (type)
            {
                case ThriftType.String: value = reader.ReadString(); break;
                case ThriftType.Bool: value = reader.ReadBool(); break;
                case ThriftType.I16: value = (int)reader.ReadI16(); break;
                case ThriftType.I32: value = reader.ReadI32(); break;
                case ThriftType.I64: value = reader.ReadI64(); break;
                case ThriftType.Struct or ThriftType.List when structs is not null && structs.TryGetValue(id, out var read):
                    value = read(reader);
                    break;
                case ThriftType.List or ThriftType.Set: value = ReadList(reader); break;
                case ThriftType.Map: value = ReadMap(reader); break;
                default: return false;
            }
            if (value is not null) args._values[id] = value;
            return true;
        });
        return args;
    }

    public string? String(short id) => _values.TryGetValue(id, out var value) ? value as string : null;

    /// <summary>A string argument the call cannot do without (a MetaException when missing, as Hive fails on null).</summary>
    public string RequiredString(short id, string name) =>
        String(id) ?? throw new HmsException(HmsErrorKind.MetaException, $"argument {name} is missing");

    /// <summary>A database name or pattern argument, without the <c>@catalog#</c> qualification Hive 3+ clients add.</summary>
    public string? Database(short id) => HmsCatalogNames.Strip(String(id));

    public string RequiredDatabase(short id, string name) =>
        Database(id) ?? throw new HmsException(HmsErrorKind.MetaException, $"argument {name} is missing");

    public bool Bool(short id, bool defaultValue = false) => _values.TryGetValue(id, out var value) && value is bool b ? b : defaultValue;

    public int Int(short id, int defaultValue) => _values.TryGetValue(id, out var value) && value is int i ? i : defaultValue;

    /// <summary>An integer argument of any width (i16, i32 or i64).</summary>
    public long Long(short id, long defaultValue) => _values.TryGetValue(id, out var value)
        ? value switch { long l => l, int i => i, _ => defaultValue }
        : defaultValue;

    public bool Has(short id) => _values.ContainsKey(id);

    public List<string>? StringList(short id) => _values.TryGetValue(id, out var value) ? value as List<string> : null;

    public Dictionary<string, string>? StringMap(short id) =>
        _values.TryGetValue(id, out var value) ? value as Dictionary<string, string> : null;

    public T? Struct<T>(short id)
        where T : class => _values.TryGetValue(id, out var value) ? value as T : null;

    /// <summary>Reads a list generically: <c>list&lt;string&gt;</c> is kept, other element types are read past.</summary>
    private static List<string>? ReadList(BinaryProtocolReader reader)
    {
        var count = reader.ReadListBegin(out var element);
        if (element == ThriftType.String)
        {
            var values = new List<string>(count);
            for (var i = 0; i < count; i++) values.Add(reader.ReadString());
            return values;
        }
        for (var i = 0; i < count; i++) reader.Skip(element);
        return null;
    }

    private static Dictionary<string, string>? ReadMap(BinaryProtocolReader reader)
    {
        var count = reader.ReadMapBegin(out var key, out var value);
        if (key == ThriftType.String && value == ThriftType.String)
        {
            var map = new Dictionary<string, string>(count, StringComparer.Ordinal);
            for (var i = 0; i < count; i++)
            {
                var k = reader.ReadString();
                map[k] = reader.ReadString();
            }
            return map;
        }
        for (var i = 0; i < count; i++)
        {
            reader.Skip(key);
            reader.Skip(value);
        }
        return null;
    }
}
