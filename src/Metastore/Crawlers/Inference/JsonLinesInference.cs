using System.Text.Json;
using QueryEngine.Engine.Columnar;
using QueryEngine.Engine.Catalog;

namespace QueryEngine.Metastore.Crawlers.Inference;

/// <summary>
/// Infers the schema of JSON-lines text: each line an object whose keys become columns (lower case); numbers are
/// bigint when integral else double, objects become structs and arrays arrays of their widened element type.
/// </summary>
internal static class JsonLinesInference
{
    private static readonly JsonDocumentOptions Options = new() { CommentHandling = JsonCommentHandling.Skip, MaxDepth = 64 };

    /// <summary>The schema of the sampled records, or null when a line is not a JSON object (or none is).</summary>
    public static InferredSchema? Infer(string text, bool complete, int maxRecords = 1000)
    {
        var schema = new InferredSchema();
        var records = 0;
        var lines = text.Split('\n');
        var usable = complete ? lines.Length : lines.Length - 1; // the sample may end inside a line
        for (var i = 0; i < usable && records < maxRecords; i++)
        {
            var line = lines[i].Trim();
            if (line.Length == 0) continue;
            try
            {
                using var document = JsonDocument.Parse(line, Options);
                if (document.RootElement.ValueKind != JsonValueKind.Object) return null;
                foreach (var property in document.RootElement.EnumerateObject())
                {
                    schema.Add(property.Name.ToLowerInvariant(), TypeOf(property.Value));
                }
                records++;
            }
            catch (JsonException)
            {
                return null;
            }
        }
        return records == 0 ? null : schema;
    }

    private static DataType TypeOf(JsonElement value)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Number:
                return value.TryGetInt64(out _) ? DataType.Int64 : DataType.Float64;
            case JsonValueKind.True:
            case JsonValueKind.False:
                return DataType.Boolean;
            case JsonValueKind.String:
                return DataType.Utf8;
            case JsonValueKind.Array:
                DataType element = DataType.Null;
                foreach (var item in value.EnumerateArray()) element = TypeWidening.Widen(element, TypeOf(item));
                return new ListType(new Field(HiveTypes.ListElementName, element));
            case JsonValueKind.Object:
                var fields = new InferredSchema();
                foreach (var property in value.EnumerateObject()) fields.Add(property.Name.ToLowerInvariant(), TypeOf(property.Value));
                return new StructType([.. fields.Columns]);
            default:
                return DataType.Null;
        }
    }
}
