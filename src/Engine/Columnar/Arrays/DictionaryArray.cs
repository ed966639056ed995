namespace QueryEngine.Engine.Columnar;

/// <summary>
/// Dictionary-encoded utf8 or binary values: row i is <see cref="Dictionary"/>[<see cref="Indices"/>[i]] unless it is
/// null (its index is then 0 and meaningless). The dictionary holds no nulls, may hold entries no row uses, and is
/// shared (never copied) by every array cut from the same Parquet column chunk. Its <see cref="ArrowArray.Type"/> is the
/// value type, so schemas do not change; code that does not know this class calls <see cref="Materialize"/> (or
/// <see cref="Flat(ArrowArray)"/>) and gets the equal <see cref="BinaryArray"/>.
/// </summary>
public sealed class DictionaryArray : ArrowArray
{
    public DictionaryArray(BinaryArray dictionary, int[] indices, int length, byte[]? validity = null, int nullCount = -1)
        : base(dictionary.Type, length, validity, nullCount)
    {
        if (indices.Length < length) throw new ArgumentException("fewer indices than rows", nameof(indices));
        if (dictionary.NullCount != 0) throw new ArgumentException("a dictionary holds no nulls", nameof(dictionary));
        Dictionary = dictionary;
        Indices = indices;
    }

    public BinaryArray Dictionary { get; }

    /// <summary>One index into <see cref="Dictionary"/> per row (at least <see cref="ArrowArray.Length"/> entries).</summary>
    public int[] Indices { get; }

    /// <summary><paramref name="array"/> itself, or the flat equivalent when it is dictionary-encoded.</summary>
    public static ArrowArray Flat(ArrowArray array) => array is DictionaryArray dictionary ? dictionary.Materialize() : array;

    /// <summary>The rows of <paramref name="batch"/> with every dictionary-encoded column materialized (the same batch when there is none).</summary>
    public static RecordBatch Flat(RecordBatch batch) => Flat(batch, []);

    /// <summary>
    /// The rows of <paramref name="batch"/> with every dictionary-encoded column materialized except those at the
    /// positions in <paramref name="keepEncoded"/> (the same batch when nothing changes).
    /// </summary>
    public static RecordBatch Flat(RecordBatch batch, IReadOnlyList<int> keepEncoded)
    {
        var columns = Flat(batch.Columns, keepEncoded);
        return ReferenceEquals(columns, batch.Columns) ? batch : new RecordBatch(batch.Schema, columns, batch.RowCount);
    }

    /// <summary>
    /// <paramref name="columns"/> with every dictionary-encoded one materialized except those at the positions in
    /// <paramref name="keepEncoded"/> (the same list when nothing changes).
    /// </summary>
    public static IReadOnlyList<ArrowArray> Flat(IReadOnlyList<ArrowArray> columns, IReadOnlyList<int> keepEncoded)
    {
        ArrowArray[]? flat = null;
        for (var i = 0; i < columns.Count; i++)
        {
            if (columns[i] is not DictionaryArray dictionary || Contains(keepEncoded, i)) continue;
            flat ??= [.. columns];
            flat[i] = dictionary.Materialize();
        }
        return flat ?? columns;
    }

    private static bool Contains(IReadOnlyList<int> positions, int position)
    {
        for (var i = 0; i < positions.Count; i++)
        {
            if (positions[i] == position) return true;
        }
        return false;
    }

    /// <summary>The values as a flat <see cref="BinaryArray"/>: one gather of the dictionary's bytes (null rows are empty).</summary>
    public BinaryArray Materialize()
    {
        var length = Length;
        var indices = Indices.AsSpan(0, length);
        var dictionaryOffsets = Dictionary.Offsets;
        var source = Dictionary.Data;
        var validity = Validity;
        var offsets = new int[length + 1];
        long total = 0;
        for (var i = 0; i < indices.Length; i++)
        {
            var j = indices[i];
            var size = validity is not null && (validity[i >> 3] & (1 << (i & 7))) == 0 ? 0 : dictionaryOffsets[j + 1] - dictionaryOffsets[j];
            total += size;
            offsets[i + 1] = (int)Math.Min(total, int.MaxValue);
        }
        if (total > Array.MaxLength) throw new Common.ResourceExhaustedException($"a dictionary-encoded column of {length} rows decodes to more than 2 GiB");
        var data = new byte[total];
        var target = data.AsSpan();
        for (var i = 0; i < indices.Length; i++)
        {
            var start = offsets[i];
            var size = offsets[i + 1] - start;
            if (size == 0) continue;
            var from = dictionaryOffsets[indices[i]];
            source.AsSpan(from, size).CopyTo(target.Slice(start, size));
        }
        return new BinaryArray(Type, offsets, data, length, validity, NullCount);
    }

    public override object? GetValue(int index) => IsNull(index) ? null : Dictionary.GetValue(Indices[index]);

    /// <summary>The selected rows, still encoded over the same dictionary (index -1 gives a null row).</summary>
    public override ArrowArray Take(ReadOnlySpan<int> indices)
    {
        var result = new int[indices.Length];
        var source = Indices;
        var missing = false;
        for (var i = 0; i < indices.Length; i++)
        {
            var j = indices[i];
            if (j < 0)
            {
                missing = true;
                continue;
            }
            result[i] = source[j];
        }
        var validity = TakeValidity(indices);
        if (validity is null && missing) validity = PrimitiveArray<byte>.NullsForMissing(indices);
        return new DictionaryArray(Dictionary, result, indices.Length, validity);
    }

    public override ArrowArray Slice(int offset, int length)
    {
        if ((uint)offset > (uint)Length || (uint)length > (uint)(Length - offset)) throw new ArgumentOutOfRangeException(nameof(offset));
        var indices = Indices.AsSpan(offset, length).ToArray();
        byte[]? validity = null;
        if (Validity is { } source)
        {
            validity = new byte[Bitmap.BytesFor(length)];
            for (var i = 0; i < length; i++)
            {
                if (Bitmap.Get(source, offset + i)) Bitmap.Set(validity, i);
            }
        }
        return new DictionaryArray(Dictionary, indices, length, validity);
    }
}
