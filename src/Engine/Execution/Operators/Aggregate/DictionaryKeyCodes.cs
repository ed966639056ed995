using QueryEngine.Engine.Columnar;

namespace QueryEngine.Engine.Execution.Operators.Aggregate;

/// <summary>
/// Group keys that are all dictionary-encoded (<see cref="DictionaryArray"/>), as one small integer per row: the
/// combined code Σ entry(c) × stride(c), where a column's entry is its dictionary index and NULL is the extra entry
/// after the last one. For as long as the batches share the same dictionary instances (every batch of a Parquet column
/// chunk does), <see cref="Groups"/> maps each code to its group id (-1 until the code is first seen), so grouping a row
/// is one array lookup with no hashing. New dictionaries (the next row group or file) start a new, empty map. One
/// instance per group table.
/// </summary>
internal sealed class DictionaryKeyCodes
{
    /// <summary>
    /// The most codes a map may have (64 KB of group ids): beyond this the dictionaries' product is likely sparse, and a
    /// map per dictionary change (and per parallel worker) would cost more than hashing the materialized keys.
    /// </summary>
    public const int MaxCodes = 1 << 14;

    private BinaryArray[] _dictionaries = [];
    private int[] _strides = [];
    private int[] _groups = [];
    private bool _tooMany;
    private int[] _codes = [];

    /// <summary>Group id per combined code of the current dictionaries, -1 where the code has no group yet.</summary>
    public int[] Groups => _groups;

    public long MemoryBytes => (_groups.LongLength + _codes.LongLength) * sizeof(int);

    /// <summary>Whether every key column is dictionary-encoded.</summary>
    public static bool AllEncoded(IReadOnlyList<ArrowArray> keyColumns)
    {
        for (var c = 0; c < keyColumns.Count; c++)
        {
            if (keyColumns[c] is not DictionaryArray) return false;
        }
        return keyColumns.Count > 0;
    }

    /// <summary>
    /// The combined code of each of the first <paramref name="rows"/> rows (key columns all <see cref="DictionaryArray"/>s),
    /// or an empty span when the dictionaries have more than <see cref="MaxCodes"/> combinations. The span is reused by
    /// the next call.
    /// </summary>
    public ReadOnlySpan<int> Codes(IReadOnlyList<ArrowArray> keyColumns, int rows)
    {
        if (!SameDictionaries(keyColumns)) Reset(keyColumns);
        if (_tooMany) return [];
        if (_codes.Length < rows) _codes = new int[rows];
        var codes = _codes.AsSpan(0, rows);
        for (var c = 0; c < keyColumns.Count; c++)
        {
            var column = (DictionaryArray)keyColumns[c];
            AddColumn(codes, column.Indices.AsSpan(0, rows), column.Validity, column.Dictionary.Length, _strides[c], first: c == 0);
        }
        return codes;
    }

    /// <summary>Adds one column's entry × stride to every row's code (the first column sets the codes).</summary>
    private static void AddColumn(Span<int> codes, ReadOnlySpan<int> indices, byte[]? validity, int nullEntry, int stride, bool first)
    {
        if (validity is null)
        {
            if (first && stride == 1)
            {
                indices.CopyTo(codes);
                return;
            }
            for (var i = 0; i < codes.Length; i++) codes[i] = (first ? 0 : codes[i]) + indices[i] * stride;
            return;
        }
        for (var i = 0; i < codes.Length; i++)
        {
            var entry = (validity[i >> 3] & (1 << (i & 7))) == 0 ? nullEntry : indices[i];
            codes[i] = (first ? 0 : codes[i]) + entry * stride;
        }
    }

    private bool SameDictionaries(IReadOnlyList<ArrowArray> keyColumns)
    {
        if (_dictionaries.Length != keyColumns.Count) return false;
        for (var c = 0; c < _dictionaries.Length; c++)
        {
            if (!ReferenceEquals(_dictionaries[c], ((DictionaryArray)keyColumns[c]).Dictionary)) return false;
        }
        return true;
    }

    /// <summary>Starts an empty map for the dictionaries of <paramref name="keyColumns"/>.</summary>
    private void Reset(IReadOnlyList<ArrowArray> keyColumns)
    {
        var dictionaries = new BinaryArray[keyColumns.Count];
        var strides = new int[keyColumns.Count];
        long total = 1;
        for (var c = 0; c < dictionaries.Length; c++)
        {
            dictionaries[c] = ((DictionaryArray)keyColumns[c]).Dictionary;
            strides[c] = (int)Math.Min(total, MaxCodes + 1L);
            total *= dictionaries[c].Length + 1L;
            if (total > MaxCodes) total = MaxCodes + 1L;
        }
        _dictionaries = dictionaries;
        _strides = strides;
        _tooMany = total > MaxCodes;
        if (_tooMany)
        {
            _groups = [];
            return;
        }
        if (_groups.Length == total) Array.Fill(_groups, -1);
        else _groups = CreateEmpty((int)total);
    }

    private static int[] CreateEmpty(int length)
    {
        var groups = new int[length];
        Array.Fill(groups, -1);
        return groups;
    }
}
