using QueryEngine.Engine.Formats.Parquet.Encodings;

namespace QueryEngine.Engine.Formats.Parquet.Reading;

/// <summary>
/// A column chunk decoded: one definition level (null when the column is required, or when every entry is defined to the maximum level) and one repetition level (null
/// when not repeated) per entry, and the dense non-null values in entry order. For flat columns an entry is a row.
/// </summary>
internal sealed record DecodedChunk(int Rows, byte[]? Definitions, int MaxDefinition, ValueBuffer Values, byte[]? Repetitions = null)
{
    /// <summary>Level entries (= <see cref="Rows"/> for flat columns).</summary>
    public int Entries => Definitions?.Length ?? Repetitions?.Length ?? Rows;

    /// <summary>The values kept dictionary-encoded (then <see cref="Values"/> is empty), or null.</summary>
    public EncodedValues? Encoded { get; init; }

    /// <summary>Number of dense non-null values, however they are held.</summary>
    public int ValueCount => Encoded?.Count ?? Values.Count;

    /// <summary>Gives the pooled buffers back; the chunk must not be used afterwards.</summary>
    public void Release()
    {
        Values.Release();
        Encoded?.Indices.Release();
    }
}

/// <summary>A chunk's non-null values as indices into its dictionary page's values.</summary>
internal sealed record EncodedValues(ValueBuffer Dictionary, DictionaryIndexCollector Indices)
{
    public int Count => Indices.Count;
}
