using System.Text;

namespace QueryEngine.Engine.Expressions;

/// <summary>
/// The functions the engine implements, by family, as docs/SQL.md lists them. A test checks that every name here
/// resolves in <see cref="FunctionRegistry"/> and that the document shows exactly <see cref="Markdown"/>.
/// </summary>
public static class FunctionCatalog
{
    public static IReadOnlyList<(string Family, IReadOnlyList<string> Names)> Families { get; } =
    [
        ("Conditional", ["if", "coalesce", "nullif", "try", "typeof", "greatest", "least"]),
        ("Math", [
            "abs", "sign", "round", "floor", "ceil", "ceiling", "truncate", "mod", "power", "pow", "sqrt", "cbrt", "exp", "ln", "log", "log2", "log10",
            "sin", "cos", "tan", "asin", "acos", "atan", "atan2", "sinh", "cosh", "tanh", "radians", "degrees", "pi", "e", "nan", "infinity",
            "is_nan", "is_finite", "is_infinite", "bitwise_and", "bitwise_or", "bitwise_xor", "bitwise_not", "bit_count", "from_base", "to_base"]),
        ("String", [
            "length", "char_length", "character_length", "lower", "upper", "trim", "ltrim", "rtrim", "reverse", "concat", "substring", "substr",
            "strpos", "starts_with", "replace", "split_part", "split", "lpad", "rpad", "chr", "codepoint", "translate", "levenshtein_distance",
            "hamming_distance", "normalize"]),
        ("Regular expression", ["regexp_like", "regexp_count", "regexp_extract", "regexp_extract_all", "regexp_replace", "regexp_split", "regexp_position"]),
        ("Binary and hashing", [
            "to_utf8", "from_utf8", "to_hex", "from_hex", "to_base64", "from_base64", "to_base64url", "from_base64url",
            "md5", "sha1", "sha256", "sha512", "xxhash64", "crc32"]),
        ("JSON (over the JSON type or JSON text in varchar)", [
            "json_parse", "json_format", "json_extract", "json_extract_scalar", "json_array_length", "json_array_contains", "json_array_get",
            "json_size", "is_json_scalar"]),
        ("URL", [
            "url_extract_protocol", "url_extract_host", "url_extract_port", "url_extract_path", "url_extract_query", "url_extract_fragment",
            "url_extract_parameter", "url_encode", "url_decode"]),
        ("Date and time", [
            "year", "quarter", "month", "week", "week_of_year", "day", "day_of_month", "day_of_week", "dow", "day_of_year", "doy", "year_of_week", "yow",
            "hour", "minute", "second", "millisecond", "date_add", "date_diff", "date_trunc", "last_day_of_month", "date_format", "date_parse",
            "format_datetime", "parse_datetime", "from_unixtime", "to_unixtime", "from_iso8601_timestamp", "from_iso8601_date", "to_iso8601",
            "timezone_hour", "timezone_minute", "with_timezone", "at_timezone", "now", "current_timezone"]),
        ("Array", [
            "cardinality", "element_at", "contains", "array_position", "array_distinct", "array_sort", "array_max", "array_min", "array_join",
            "array_union", "array_intersect", "array_except", "arrays_overlap", "array_remove", "slice", "flatten", "sequence", "repeat", "zip"]),
        ("Map", ["map", "map_concat", "map_keys", "map_values", "map_entries", "map_from_entries"]),
        ("Lambda (higher-order)", [
            "transform", "filter", "reduce", "any_match", "all_match", "none_match", "zip_with", "map_filter", "transform_keys", "transform_values"]),
        ("Aggregate", [
            "count", "count_if", "sum", "avg", "min", "max", "arbitrary", "any_value", "bool_and", "every", "bool_or", "array_agg", "map_agg",
            "histogram", "stddev", "stddev_samp", "stddev_pop", "variance", "var_samp", "var_pop", "covar_samp", "covar_pop", "corr",
            "regr_slope", "regr_intercept", "geometric_mean", "approx_distinct", "max_by", "min_by", "approx_percentile", "listagg"]),
    ];

    /// <summary>The function list of docs/SQL.md.</summary>
    public static string Markdown()
    {
        var sb = new StringBuilder();
        foreach (var (family, names) in Families)
        {
            sb.Append("- **").Append(family).Append("**: ");
            sb.AppendJoin(", ", names.Select(n => "`" + n + "`"));
            sb.Append('\n');
        }
        return sb.ToString();
    }
}
