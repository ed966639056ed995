using System.Text;
using System.Text.Json;
using QueryEngine.Engine.Columnar;
using QueryEngine.Engine.Common;
using QueryEngine.Engine.Expressions.Evaluation;

namespace QueryEngine.Engine.Expressions.Functions;

/// <summary>
/// Trino's JSON functions over the JSON type or JSON text held in varchar: json_parse gives the canonical JSON value,
/// json_format its text, json_extract the selected value as JSON (compact, members in document order),
/// json_extract_scalar the unquoted scalar. Paths are Trino's simple JSONPath: <c>$</c>, <c>.name</c>, <c>["name"]</c>,
/// <c>[index]</c>. Text that is not JSON gives NULL (json_parse raises an error).
/// </summary>
internal static class JsonFunctions
{
    public static FunctionKernel? Create(string name) => name switch
    {
        "json_extract" => (a, n) => RowKernels.Bytes(a, n, JsonType.Instance, new ExtractOp(a, scalar: false)),
        "json_extract_scalar" => (a, n) => RowKernels.Bytes(a, n, DataType.Utf8, new ExtractOp(a, scalar: true)),
        "json_parse" => (a, n) => RowKernels.Bytes(a, n, JsonType.Instance, new FormatOp(a[0])),
        "json_format" => (a, n) => a[0].Array.Type is JsonType ? Retyped(a[0], n) : RowKernels.Bytes(a, n, DataType.Utf8, new FormatOp(a[0])),
        "json_array_length" => (a, n) => RowKernels.Values<long, SizeOp>(a, n, DataType.Int64, new SizeOp(a, arrayOnly: true)),
        "json_size" => (a, n) => RowKernels.Values<long, SizeOp>(a, n, DataType.Int64, new SizeOp(a, arrayOnly: false)),
        "is_json_scalar" => (a, n) => RowKernels.Booleans(a, n, new IsScalarOp(a[0])),
        "json_array_contains" => (a, n) => RowKernels.Booleans(a, n, new ContainsOp(a)),
        "json_array_get" => (a, n) => RowKernels.Bytes(a, n, JsonType.Instance, new ArrayGetOp(a)),
        _ => null,
    };

    /// <summary>json_format of a JSON value: its (canonical) text, unchanged, as varchar.</summary>
    private static ArrowArray Retyped(Vec json, int rows)
    {
        var a = (BinaryArray)json.Expand(rows);
        return new BinaryArray(DataType.Utf8, a.Offsets, a.Data, a.Length, a.Validity, a.NullCount);
    }

    private static JsonDocument? Parse(ReadOnlySpan<byte> text)
    {
        try
        {
            return JsonDocument.Parse(text.ToArray());
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private abstract record PathStep;

    private sealed record MemberStep(string Name) : PathStep;

    private sealed record IndexStep(int Index) : PathStep;

    private static List<PathStep> ParsePath(ReadOnlySpan<byte> utf8)
    {
        var path = Encoding.UTF8.GetString(utf8).Trim();
        if (path.Length == 0 || path[0] != '$') throw InvalidPath(path);
        var steps = new List<PathStep>();
        var i = 1;
        while (i < path.Length)
        {
            if (path[i] == '.')
            {
                var start = ++i;
                while (i < path.Length && (char.IsLetterOrDigit(path[i]) || path[i] is '_' or '$' or '-')) i++;
                if (i == start) throw InvalidPath(path);
                steps.Add(new MemberStep(path[start..i]));
            }
            else if (path[i] == '[')
            {
                var close = path.IndexOf(']', i);
                if (close < 0) throw InvalidPath(path);
                var inside = path[(i + 1)..close].Trim();
                if (inside.Length >= 2 && inside[0] == '"' && inside[^1] == '"') steps.Add(new MemberStep(inside[1..^1]));
                else if (int.TryParse(inside, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var index)) steps.Add(new IndexStep(index));
                else throw InvalidPath(path);
                i = close + 1;
            }
            else
            {
                throw InvalidPath(path);
            }
        }
        return steps;
    }

    private static ExecutionException InvalidPath(string path) => new($"Invalid JSON path: '{path}'");

    private static bool TryNavigate(JsonElement root, List<PathStep> steps, out JsonElement result)
    {
        result = root;
        foreach (var step in steps)
        {
            switch (step)
            {
                case MemberStep m when result.ValueKind == JsonValueKind.Object && result.TryGetProperty(m.Name, out var child):
                    result = child;
                    break;
                case IndexStep x when result.ValueKind == JsonValueKind.Array && x.Index < result.GetArrayLength():
                    result = result[x.Index];
                    break;
                default:
                    return false;
            }
        }
        return true;
    }

    /// <summary>The element as compact JSON text, members in document order (as Trino's json_extract copies them).</summary>
    private static void WriteCompact(JsonElement element, Utf8ColumnWriter output)
    {
        var sb = new StringBuilder();
        JsonCanonicalText.Write(element, sb, sortKeys: false);
        output.Write(Encoding.UTF8.GetBytes(sb.ToString()));
    }

    private readonly struct ExtractOp(Vec[] args, bool scalar) : IRowBytes
    {
        private readonly StringArg _json = new(args[0]);
        private readonly StringArg _path = new(args[1]);

        public bool Write(int row, Utf8ColumnWriter output)
        {
            var steps = ParsePath(_path[row]);
            using var document = Parse(_json[row]);
            if (document is null || !TryNavigate(document.RootElement, steps, out var value)) return false;
            if (!scalar)
            {
                WriteCompact(value, output);
                return true;
            }
            switch (value.ValueKind)
            {
                case JsonValueKind.String:
                    output.Write(Encoding.UTF8.GetBytes(value.GetString()!));
                    return true;
                case JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False:
                    output.Write(Encoding.UTF8.GetBytes(value.GetRawText()));
                    return true;
                default:
                    return false;
            }
        }
    }

    /// <summary>json_parse (and json_format of text): the canonical JSON text, or an error naming text that is not JSON.</summary>
    private readonly struct FormatOp(Vec input) : IRowBytes
    {
        private readonly StringArg _input = new(input);

        public bool Write(int row, Utf8ColumnWriter output)
        {
            var canonical = JsonCanonicalText.TryCanonicalize(_input[row])
                ?? throw new ExecutionException($"Cannot convert '{Encoding.UTF8.GetString(_input[row])}' to JSON", ErrorCode.InvalidCast);
            output.Write(Encoding.UTF8.GetBytes(canonical));
            return true;
        }
    }

    /// <summary>
    /// json_array_get(json, index): the element at a zero-based index (negative counts from the end), NULL when out of
    /// range or not an array. As Trino documents, a string element comes back unquoted.
    /// </summary>
    private readonly struct ArrayGetOp(Vec[] args) : IRowBytes
    {
        private readonly StringArg _json = new(args[0]);
        private readonly PrimitiveArg<long> _index = new(args[1]);

        public bool Write(int row, Utf8ColumnWriter output)
        {
            using var document = Parse(_json[row]);
            if (document is null || document.RootElement.ValueKind != JsonValueKind.Array) return false;
            var length = document.RootElement.GetArrayLength();
            var index = _index[row];
            if (index < 0) index += length;
            if (index < 0 || index >= length) return false;
            var element = document.RootElement[(int)index];
            if (element.ValueKind == JsonValueKind.String)
            {
                output.Write(Encoding.UTF8.GetBytes(element.GetString()!));
                return true;
            }
            WriteCompact(element, output);
            return true;
        }
    }

    private readonly struct SizeOp(Vec[] args, bool arrayOnly) : IRowValue<long>
    {
        private readonly StringArg _json = new(args[0]);
        private readonly bool _hasPath = args.Length == 2;
        private readonly StringArg _path = args.Length == 2 ? new(args[1]) : default;

        public bool Compute(int row, out long value)
        {
            value = 0;
            var steps = _hasPath ? ParsePath(_path[row]) : [];
            using var document = Parse(_json[row]);
            if (document is null || !TryNavigate(document.RootElement, steps, out var element)) return false;
            switch (element.ValueKind)
            {
                case JsonValueKind.Array:
                    value = element.GetArrayLength();
                    return true;
                case JsonValueKind.Object when !arrayOnly:
                    foreach (var _ in element.EnumerateObject()) value++;
                    return true;
                default:
                    return !arrayOnly;
            }
        }
    }

    private readonly struct IsScalarOp(Vec input) : IRowValue<bool>
    {
        private readonly StringArg _input = new(input);

        public bool Compute(int row, out bool value)
        {
            using var document = Parse(_input[row]) ?? throw new ExecutionException($"Invalid JSON value: '{Encoding.UTF8.GetString(_input[row])}'");
            value = document.RootElement.ValueKind is not (JsonValueKind.Object or JsonValueKind.Array);
            return true;
        }
    }

    /// <summary>json_array_contains(json, value): whether the top-level array has an element equal to the value (NULL when not an array).</summary>
    private readonly struct ContainsOp(Vec[] args) : IRowValue<bool>
    {
        private readonly StringArg _json = new(args[0]);
        private readonly Vec _value = args[1];

        public bool Compute(int row, out bool value)
        {
            value = false;
            using var document = Parse(_json[row]);
            if (document is null || document.RootElement.ValueKind != JsonValueKind.Array) return false;
            var index = _value.IsConstant ? 0 : row;
            foreach (var element in document.RootElement.EnumerateArray())
            {
                var equal = _value.Array switch
                {
                    BooleanArray b => element.ValueKind is JsonValueKind.True or JsonValueKind.False && element.GetBoolean() == b.IsTrue(index),
                    PrimitiveArray<long> l => element.ValueKind == JsonValueKind.Number && element.TryGetInt64(out var x) && x == l[index],
                    PrimitiveArray<double> d => element.ValueKind == JsonValueKind.Number && element.TryGetDouble(out var y) && y == d[index],
                    BinaryArray s => element.ValueKind == JsonValueKind.String && element.ValueEquals(s.GetBytes(index)),
                    _ => false,
                };
                if (equal)
                {
                    value = true;
                    return true;
                }
            }
            return true;
        }
    }
}
