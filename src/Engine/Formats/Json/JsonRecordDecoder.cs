using System.Text.Json;
using QueryEngine.Engine.Columnar;

namespace QueryEngine.Engine.Formats.Json;

/// <summary>A column a JSON scan produces: the key it reads and its type.</summary>
internal sealed record JsonColumn(string Key, DataType Type);

/// <summary>
/// Turns JSON-lines records into column batches. Each record is scanned once to find the value of each wanted key
/// (the last one wins when a key repeats; keys of columns not asked for are skipped unparsed), then each wanted
/// value is decoded into its column's builder.
/// </summary>
internal sealed class JsonRecordDecoder
{
    private static readonly JsonReaderOptions ReaderOptions = new() { CommentHandling = JsonCommentHandling.Skip, MaxDepth = 256 };

    private readonly IReadOnlyList<JsonColumn> _columns;
    private readonly Field[] _keys;
    private readonly bool _caseInsensitive;
    private readonly bool _ignoreMalformed;
    private readonly (int Start, int End)[] _spans;
    private ArrayBuilder[] _builders;

    public JsonRecordDecoder(IReadOnlyList<JsonColumn> columns, JsonOptions options)
    {
        _columns = columns;
        _keys = columns.Select(c => new Field(c.Key, c.Type)).ToArray();
        _caseInsensitive = options.CaseInsensitive;
        _ignoreMalformed = options.IgnoreMalformed;
        _spans = new (int, int)[columns.Count];
        _builders = NewBuilders();
        Rows = 0;
    }

    public int Rows { get; private set; }

    /// <summary>Adds one record; throws <see cref="JsonException"/> for malformed JSON (unless ignored) and
    /// <see cref="JsonValueException"/> for a value that does not fit its column.</summary>
    public void Add(ReadOnlySpan<byte> record)
    {
        if (!TryLocateValues(record, out var error))
        {
            if (!_ignoreMalformed) throw error!;
            foreach (var builder in _builders) builder.AppendNull();
            Rows++;
            return;
        }
        for (var c = 0; c < _columns.Count; c++)
        {
            var (start, end) = _spans[c];
            if (end == 0)
            {
                _builders[c].AppendNull();
                continue;
            }
            var value = record[start..end];
            var reader = new Utf8JsonReader(value, ReaderOptions);
            reader.Read();
            JsonValueDecoder.Decode(ref reader, value, _builders[c], _columns[c].Type, _caseInsensitive);
        }
        Rows++;
    }

    /// <summary>The rows added since the last call, as arrays in column order.</summary>
    public ArrowArray[] Flush()
    {
        var arrays = new ArrowArray[_builders.Length];
        for (var c = 0; c < arrays.Length; c++) arrays[c] = _builders[c].Build();
        _builders = NewBuilders();
        Rows = 0;
        return arrays;
    }

    private bool TryLocateValues(ReadOnlySpan<byte> record, out JsonException? error)
    {
        Array.Clear(_spans);
        error = null;
        try
        {
            var reader = new Utf8JsonReader(record, ReaderOptions);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                error = new JsonException("a JSON-lines record must be a JSON object");
                return false;
            }
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var index = JsonNames.Find(ref reader, _keys, _caseInsensitive);
                reader.Read();
                var start = (int)reader.TokenStartIndex;
                reader.Skip();
                if (index >= 0) _spans[index] = (start, (int)reader.BytesConsumed);
            }
            if (reader.TokenType != JsonTokenType.EndObject || reader.Read())
            {
                error = new JsonException("unexpected text after the record's closing brace");
                return false;
            }
            return true;
        }
        catch (JsonException ex)
        {
            error = ex;
            return false;
        }
    }

    private ArrayBuilder[] NewBuilders()
    {
        var builders = new ArrayBuilder[_columns.Count];
        for (var c = 0; c < builders.Length; c++) builders[c] = ArrayBuilder.Create(_columns[c].Type);
        return builders;
    }
}
