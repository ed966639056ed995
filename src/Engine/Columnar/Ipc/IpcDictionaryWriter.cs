namespace QueryEngine.Engine.Columnar.Ipc;

/// <summary>
/// Encodes the record batches of one IPC stream with some string (utf8 or binary) columns dictionary-encoded
/// (Columnar.rst "Dictionary-encoded Layout", IPC "Dictionary Messages"): each such column gets a dictionary id; the
/// record batches carry int32 indices, and before each record batch come the dictionary batches it needs: the
/// first defines the dictionary, later ones are deltas holding only values not seen before. When a dictionary
/// would grow past <see cref="MaxDictionaryValues"/>, it is replaced by a new one (a dictionary batch that is not a
/// delta) holding only the values of the batch at hand (all of them, even beyond the maximum). Replacement is allowed in the stream format, which Flight
/// uses; IPC files forbid it, so this writer is for streams only.
/// </summary>
public sealed class IpcDictionaryWriter
{
    private readonly IpcCompression _compression;
    private readonly ValueDictionary?[] _dictionaries;

    /// <param name="fields">The stream's fields, as <see cref="IpcSchemaMapping.Fields(Schema)"/> gives them.</param>
    /// <param name="encode">Which top-level columns to dictionary-encode; each must be utf8 or binary.</param>
    public IpcDictionaryWriter(IReadOnlyList<IpcField> fields, IReadOnlyList<int> encode, IpcCompression compression = IpcCompression.None, int maxDictionaryValues = 1 << 16)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxDictionaryValues, 1);
        _compression = compression;
        MaxDictionaryValues = maxDictionaryValues;
        _dictionaries = new ValueDictionary?[fields.Count];
        var encoded = new IpcField[fields.Count];
        for (var i = 0; i < fields.Count; i++) encoded[i] = fields[i];
        foreach (var column in encode)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(column);
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(column, fields.Count);
            var field = fields[column];
            if (field.Type.Kind is not (IpcTypeKind.Utf8 or IpcTypeKind.Binary))
            {
                throw new ArgumentException($"column {column} ('{field.Name}') is {field.Type.Kind}: only utf8 and binary columns are dictionary-encoded", nameof(encode));
            }
            _dictionaries[column] = new ValueDictionary();
            encoded[column] = field with { Dictionary = new IpcDictionaryEncoding(column) };
        }
        Fields = encoded;
    }

    /// <summary>The fields of the schema message: the encoded ones carry their <see cref="IpcField.Dictionary"/>.</summary>
    public IReadOnlyList<IpcField> Fields { get; }

    public int MaxDictionaryValues { get; }

    /// <summary>The dictionaries the writer keeps in step with the reader (for tests): values per dictionary id.</summary>
    public int DictionarySize(int column) => _dictionaries[column]?.Count ?? throw new ArgumentException($"column {column} is not dictionary-encoded", nameof(column));

    /// <summary>The messages of one batch, in order: dictionary batches (new values only), then the record batch.</summary>
    public IReadOnlyList<IpcMessage> Encode(RecordBatch batch)
    {
        if (batch.Columns.Count != _dictionaries.Length)
        {
            throw new ArgumentException($"the batch has {batch.Columns.Count} columns, the schema {_dictionaries.Length}", nameof(batch));
        }
        var messages = new List<IpcMessage>(2);
        var body = new IpcBodyBuilder(_compression);
        for (var c = 0; c < _dictionaries.Length; c++)
        {
            var column = batch.Columns[c];
            if (_dictionaries[c] is not { } dictionary)
            {
                IpcArrayEncoder.Encode(column, body);
                continue;
            }
            var values = column as BinaryArray
                ?? throw new ArgumentException($"column {c} is {column.GetType().Name}, not a string or binary array", nameof(batch));
            var indices = new int[values.Length];
            var (firstNew, isDelta) = Index(dictionary, values, indices);
            // The first dictionary batch is sent even when empty (all nulls): readers need the dictionary to exist.
            if (dictionary.Count > firstNew || !isDelta) messages.Add(DictionaryMessage(c, dictionary, values.Type, firstNew, isDelta));
            IpcArrayEncoder.Encode(new PrimitiveArray<int>(DataType.Int32, indices, values.Length, values.Validity, values.NullCount), body);
        }
        messages.Add(IpcMessageEncoder.RecordBatch(batch.RowCount, body));
        return messages;
    }

    /// <summary>
    /// Fills the indices of a column; returns the position of the first value added to the dictionary and whether
    /// the dictionary batch to send is a delta (false when the dictionary was replaced or is new).
    /// </summary>
    private (int FirstNew, bool IsDelta) Index(ValueDictionary dictionary, BinaryArray values, int[] indices)
    {
        var isDelta = dictionary.Sent;
        var firstNew = dictionary.Count;
        if (!TryIndex(dictionary, values, indices, MaxDictionaryValues))
        {
            // Too many distinct values: start over with only this batch's values, sent as a replacement.
            dictionary.Clear();
            isDelta = false;
            firstNew = 0;
            // A batch with more distinct values than the maximum still gets them all (one dictionary per batch).
            _ = TryIndex(dictionary, values, indices, int.MaxValue);
        }
        dictionary.Sent = true;
        return (firstNew, isDelta);
    }

    private static bool TryIndex(ValueDictionary dictionary, BinaryArray values, int[] indices, int max)
    {
        var offsets = values.Offsets;
        var data = values.Data;
        var validity = values.Validity;
        for (var i = 0; i < indices.Length; i++)
        {
            if (validity is not null && (validity[i >> 3] & (1 << (i & 7))) == 0)
            {
                indices[i] = 0;
                continue;
            }
            var index = dictionary.IndexOf(data.AsSpan(offsets[i], offsets[i + 1] - offsets[i]), max);
            if (index < 0) return false;
            indices[i] = index;
        }
        return true;
    }

    private IpcMessage DictionaryMessage(long id, ValueDictionary dictionary, DataType type, int from, bool isDelta)
    {
        var body = new IpcBodyBuilder(_compression);
        var values = dictionary.Values(type, from);
        IpcArrayEncoder.Encode(values, body);
        return IpcMessageEncoder.DictionaryBatch(id, values.Length, body, isDelta);
    }
}
