using QueryEngine.Engine.Columnar;
using QueryEngine.Engine.Expressions.Evaluation;

namespace QueryEngine.Engine.Expressions.Functions;

/// <summary>
/// Signatures and kernels of the binary/hash, regular expression, URL, JSON, extra string and extra math functions.
/// Every one is strict (NULL in any argument gives NULL) and may raise data errors, which TRY turns into NULL.
/// </summary>
internal static class LibrarySignatures
{
    public static ResolvedFunction? Resolve(string name, IReadOnlyList<DataType> a)
    {
        var n = a.Count;
        switch (name)
        {
            case "to_utf8" when n == 1 && Text(a[0]): return F(name, DataType.Binary, DataType.Utf8);
            case "from_utf8" or "to_hex" or "to_base64" or "to_base64url" when n == 1 && Binary(a[0]): return F(name, DataType.Utf8, DataType.Binary);
            case "from_hex" or "from_base64" or "from_base64url" when n == 1 && Text(a[0]): return F(name, DataType.Binary, DataType.Utf8);
            case "md5" or "sha1" or "sha256" or "sha512" or "xxhash64" when n == 1 && Binary(a[0]): return F(name, DataType.Binary, DataType.Binary);
            case "crc32" when n == 1 && Binary(a[0]): return F(name, DataType.Int64, DataType.Binary);
            case "length" or "$binary_length" when n == 1 && a[0].Id == TypeId.Binary: return F("$binary_length", DataType.Int64, DataType.Binary);

            case "regexp_like" when n == 2 && Text(a[0]) && Text(a[1]): return F(name, DataType.Boolean, DataType.Utf8, DataType.Utf8);
            case "regexp_count" when n == 2 && Text(a[0]) && Text(a[1]): return F(name, DataType.Int64, DataType.Utf8, DataType.Utf8);
            case "regexp_split" when n == 2 && Text(a[0]) && Text(a[1]): return F(name, TextArray, DataType.Utf8, DataType.Utf8);
            case "regexp_extract" when n == 2 && Text(a[0]) && Text(a[1]): return F(name, DataType.Utf8, DataType.Utf8, DataType.Utf8);
            case "regexp_extract" when n == 3 && Text(a[0]) && Text(a[1]) && Integer(a[2]): return F(name, DataType.Utf8, DataType.Utf8, DataType.Utf8, DataType.Int64);
            case "regexp_extract_all" when n == 2 && Text(a[0]) && Text(a[1]): return F(name, TextArray, DataType.Utf8, DataType.Utf8);
            case "regexp_extract_all" when n == 3 && Text(a[0]) && Text(a[1]) && Integer(a[2]): return F(name, TextArray, DataType.Utf8, DataType.Utf8, DataType.Int64);
            case "regexp_replace" when n is 2 or 3 && AllText(a): return new ResolvedFunction(name, Repeat(DataType.Utf8, n), DataType.Utf8);
            case "regexp_position" when n is >= 2 and <= 4 && Text(a[0]) && Text(a[1]) && (n < 3 || Integer(a[2])) && (n < 4 || Integer(a[3])):
                return new ResolvedFunction(name, [DataType.Utf8, DataType.Utf8, .. Repeat(DataType.Int64, n - 2)], DataType.Int32);

            case "url_extract_protocol" or "url_extract_host" or "url_extract_path" or "url_extract_query" or "url_extract_fragment" or "url_encode" or "url_decode"
                when n == 1 && Text(a[0]):
                return F(name, DataType.Utf8, DataType.Utf8);
            case "url_extract_port" when n == 1 && Text(a[0]): return F(name, DataType.Int64, DataType.Utf8);
            case "url_extract_parameter" when n == 2 && AllText(a): return F(name, DataType.Utf8, DataType.Utf8, DataType.Utf8);

            case "json_extract" when n == 2 && JsonOrText(a[0]) && Text(a[1]): return F(name, JsonType.Instance, JsonArg(a[0]), DataType.Utf8);
            case "json_extract_scalar" when n == 2 && JsonOrText(a[0]) && Text(a[1]): return F(name, DataType.Utf8, JsonArg(a[0]), DataType.Utf8);
            case "json_parse" when n == 1 && Text(a[0]): return F(name, JsonType.Instance, DataType.Utf8);
            case "json_format" when n == 1 && JsonOrText(a[0]): return F(name, DataType.Utf8, JsonArg(a[0]));
            case "json_array_length" when n == 1 && JsonOrText(a[0]): return F(name, DataType.Int64, JsonArg(a[0]));
            case "json_size" when n == 2 && JsonOrText(a[0]) && Text(a[1]): return F(name, DataType.Int64, JsonArg(a[0]), DataType.Utf8);
            case "is_json_scalar" when n == 1 && JsonOrText(a[0]): return F(name, DataType.Boolean, JsonArg(a[0]));
            case "json_array_contains" when n == 2 && JsonOrText(a[0]) && JsonScalarType(a[1]) is { } valueType:
                return F(name, DataType.Boolean, JsonArg(a[0]), valueType);
            case "json_array_get" when n == 2 && JsonOrText(a[0]) && Integer(a[1]): return F(name, JsonType.Instance, JsonArg(a[0]), DataType.Int64);

            case "chr" when n == 1 && Integer(a[0]): return F(name, DataType.Utf8, DataType.Int64);
            case "codepoint" when n == 1 && Text(a[0]): return F(name, DataType.Int32, DataType.Utf8);
            case "levenshtein_distance" or "hamming_distance" when n == 2 && AllText(a): return F(name, DataType.Int64, DataType.Utf8, DataType.Utf8);
            case "normalize" when n == 1 && Text(a[0]): return F(name, DataType.Utf8, DataType.Utf8);
            case "normalize" when n == 2 && AllText(a): return F(name, DataType.Utf8, DataType.Utf8, DataType.Utf8);
            case "translate" when n == 3 && AllText(a): return F(name, DataType.Utf8, DataType.Utf8, DataType.Utf8, DataType.Utf8);
            case "split" when n == 2 && AllText(a): return F(name, TextArray, DataType.Utf8, DataType.Utf8);
            case "split" when n == 3 && Text(a[0]) && Text(a[1]) && Integer(a[2]): return F(name, TextArray, DataType.Utf8, DataType.Utf8, DataType.Int64);

            case "sin" or "cos" or "tan" or "asin" or "acos" or "atan" or "sinh" or "cosh" or "tanh" or "radians" or "degrees" when n == 1 && Number(a[0]):
                return F(name, DataType.Float64, DataType.Float64);
            case "atan2" or "log" when n == 2 && Number(a[0]) && Number(a[1]): return F(name, DataType.Float64, DataType.Float64, DataType.Float64);
            case "pi" or "e" or "nan" or "infinity" when n == 0: return F(name, DataType.Float64);
            case "is_nan" or "is_finite" or "is_infinite" when n == 1 && Number(a[0]): return F(name, DataType.Boolean, DataType.Float64);
            case "bitwise_and" or "bitwise_or" or "bitwise_xor" or "bit_count" when n == 2 && Integer(a[0]) && Integer(a[1]):
                return F(name, DataType.Int64, DataType.Int64, DataType.Int64);
            case "bitwise_not" when n == 1 && Integer(a[0]): return F(name, DataType.Int64, DataType.Int64);
            case "from_base" when n == 2 && Text(a[0]) && Integer(a[1]): return F(name, DataType.Int64, DataType.Utf8, DataType.Int64);
            case "to_base" when n == 2 && Integer(a[0]) && Integer(a[1]): return F(name, DataType.Utf8, DataType.Int64, DataType.Int64);
            default:
                return null;
        }
    }

    public static Evaluator? Compile(string name, Evaluator[] args, DataType type)
    {
        var kernel = BinaryFunctions.Create(name) ?? RegexFunctions.Create(name) ?? UrlFunctions.Create(name)
            ?? JsonFunctions.Create(name) ?? TextFunctions.Create(name) ?? MoreMathFunctions.Create(name);
        return kernel is null ? null : new FunctionEvaluator(type, args, kernel, canFail: true);
    }

    /// <summary>The names this class resolves (for documentation and its test).</summary>
    public static readonly IReadOnlyList<string> Names =
    [
        "to_utf8", "from_utf8", "to_hex", "from_hex", "to_base64", "from_base64", "to_base64url", "from_base64url",
        "md5", "sha1", "sha256", "sha512", "xxhash64", "crc32",
        "regexp_like", "regexp_count", "regexp_split", "regexp_extract", "regexp_extract_all", "regexp_replace", "regexp_position",
        "url_extract_protocol", "url_extract_host", "url_extract_path", "url_extract_query", "url_extract_fragment", "url_extract_port",
        "url_extract_parameter", "url_encode", "url_decode",
        "json_extract", "json_extract_scalar", "json_parse", "json_format", "json_array_length", "json_size", "is_json_scalar", "json_array_contains",
        "json_array_get",
        "chr", "codepoint", "levenshtein_distance", "hamming_distance", "translate", "split", "normalize",
        "sin", "cos", "tan", "asin", "acos", "atan", "sinh", "cosh", "tanh", "radians", "degrees", "atan2", "log", "pi", "e", "nan", "infinity",
        "is_nan", "is_finite", "is_infinite", "bitwise_and", "bitwise_or", "bitwise_xor", "bitwise_not", "bit_count", "from_base", "to_base",
    ];

    private static readonly DataType TextArray = new ListType(new Field("element", DataType.Utf8));

    private static ResolvedFunction F(string name, DataType result, params DataType[] args) => new(name, args, result);

    private static bool Text(DataType t) => t.Id is TypeId.Utf8 or TypeId.Null && t is not JsonType;

    /// <summary>The JSON functions take JSON or JSON text (varchar), as Trino's do.</summary>
    private static bool JsonOrText(DataType t) => t.Id is TypeId.Utf8 or TypeId.Null;

    private static DataType JsonArg(DataType t) => t is JsonType ? JsonType.Instance : DataType.Utf8;

    private static bool Binary(DataType t) => t.Id is TypeId.Binary or TypeId.Null;

    private static bool Integer(DataType t) => t.IsInteger || t.Id == TypeId.Null;

    private static bool Number(DataType t) => t.IsNumeric || t.Id == TypeId.Null;

    private static bool AllText(IReadOnlyList<DataType> a)
    {
        foreach (var t in a)
        {
            if (!Text(t)) return false;
        }
        return true;
    }

    private static DataType[] Repeat(DataType type, int count)
    {
        var result = new DataType[count];
        Array.Fill(result, type);
        return result;
    }

    private static DataType? JsonScalarType(DataType t) => t.Id switch
    {
        _ when t is TimestampType => null,
        TypeId.Boolean => DataType.Boolean,
        TypeId.Int8 or TypeId.Int16 or TypeId.Int32 or TypeId.Int64 => DataType.Int64,
        TypeId.Float32 or TypeId.Float64 or TypeId.Decimal128 => DataType.Float64,
        TypeId.Utf8 or TypeId.Null => DataType.Utf8,
        _ => null,
    };
}
