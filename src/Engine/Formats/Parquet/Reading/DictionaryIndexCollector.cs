using System.Buffers;
using QueryEngine.Engine.Formats.Parquet.Encodings;
using QueryEngine.Engine.Formats.Parquet.Metadata;

namespace QueryEngine.Engine.Formats.Parquet.Reading;

/// <summary>
/// Keeps the dictionary indices of a byte-array column chunk instead of gathering its values, while every data page
/// is dictionary-encoded. At the first page in another encoding (a writer whose dictionary overflowed falls back to
/// PLAIN) it gathers the indices kept so far into the chunk's values and steps aside: the chunk is then decoded flat.
/// The index array is pooled and goes back on <see cref="Release"/>.
/// </summary>
internal sealed class DictionaryIndexCollector
{
    private int[] _indices;

    public DictionaryIndexCollector(int capacity) => _indices = ArrayPool<int>.Shared.Rent(Math.Max(1, capacity));

    /// <summary>Whether every page so far was dictionary-encoded (the indices are being kept).</summary>
    public bool Active { get; private set; } = true;

    public int Count { get; private set; }

    public int[] Indices => _indices;

    /// <summary>
    /// Keeps the page's indices and returns true when it is dictionary-encoded and the collector still active;
    /// otherwise returns false (after moving what it kept into <paramref name="values"/>) and the caller decodes the page.
    /// </summary>
    public bool TryKeep(ReadOnlySpan<byte> data, ParquetEncoding encoding, int count, ValueBuffer? dictionary, ValueBuffer values, PageError where)
    {
        if (!Active) return false;
        if (count == 0) return true;
        if (encoding is ParquetEncoding.RleDictionary or ParquetEncoding.PlainDictionary && dictionary is not null)
        {
            if (Count + count > _indices.Length) Grow(Count + count);
            PageValueDecoder.DecodeDictionaryIndices(data, count, dictionary.Count, _indices.AsSpan(Count, count), where);
            Count += count;
            return true;
        }
        Active = false;
        if (Count > 0) values.AppendGathered(_indices.AsSpan(0, Count), dictionary!);
        Release();
        return false;
    }

    private void Grow(int needed)
    {
        var larger = ArrayPool<int>.Shared.Rent(Math.Max(needed, _indices.Length * 2));
        _indices.AsSpan(0, Count).CopyTo(larger);
        ArrayPool<int>.Shared.Return(_indices);
        _indices = larger;
    }

    public void Release()
    {
        if (_indices.Length == 0) return;
        ArrayPool<int>.Shared.Return(_indices);
        _indices = [];
        Count = 0;
    }
}
