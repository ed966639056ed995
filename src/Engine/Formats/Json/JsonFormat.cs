using QueryEngine.Engine.Catalog;
using QueryEngine.Engine.Common;
using QueryEngine.Engine.Formats.Csv;

namespace QueryEngine.Engine.Formats.Json;

/// <summary>Recognizes JSON tables (the openx and Hive JSON SerDes) and reads their SerDe properties.</summary>
internal static class JsonFormat
{
    public const string IgnoreMalformed = "ignore.malformed.json";
    public const string CaseInsensitive = "case.insensitive";
    public const string MappingPrefix = "mapping.";

    public static bool IsJson(StorageInfo storage) =>
        string.Equals(storage.SerdeLibrary, StorageInfo.Formats.OpenXJsonSerde, StringComparison.Ordinal)
        || string.Equals(storage.SerdeLibrary, StorageInfo.Formats.HiveJsonSerde, StringComparison.Ordinal);

    public static JsonOptions OptionsFor(TableInfo table)
    {
        var storage = table.Storage;
        var name = $"{table.Database}.{table.Name}";
        if (!string.IsNullOrEmpty(storage.InputFormat) && !string.Equals(storage.InputFormat, StorageInfo.Formats.TextInput, StringComparison.Ordinal))
        {
            throw new NotSupportedQueryException($"table {name}: input format {HiveTextFormat.ShortName(storage.InputFormat)} is not readable with a JSON SerDe yet");
        }
        var serde = storage.SerdeParameters;
        var mappings = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (key, value) in serde)
        {
            if (key.StartsWith(MappingPrefix, StringComparison.OrdinalIgnoreCase) && key.Length > MappingPrefix.Length) mappings[key[MappingPrefix.Length..]] = value;
        }
        return new JsonOptions(
            Flag(name, serde, IgnoreMalformed, defaultValue: false),
            Flag(name, serde, CaseInsensitive, defaultValue: true),
            mappings,
            TextCompression.Auto);
    }

    private static bool Flag(string table, IReadOnlyDictionary<string, string> serde, string key, bool defaultValue)
    {
        if (!serde.TryGetValue(key, out var text)) return defaultValue;
        return text.Trim().ToLowerInvariant() switch
        {
            "true" => true,
            "false" => false,
            _ => throw new SemanticException($"table {table}: SerDe property {key} must be true or false, not '{text}'"),
        };
    }
}
