using QueryEngine.Engine.Formats.Parquet.Metadata;

namespace QueryEngine.Engine.Formats.Parquet.Writing;

/// <summary>
/// Collects the page index of one column chunk while its data pages are written: a <see cref="PageLocation"/> per
/// page for the <see cref="OffsetIndex"/>, and per-page null flag, bounds and null count for the
/// <see cref="ColumnIndex"/>. Byte-array bounds longer than <see cref="MaxBoundBytes"/> are shortened: the minimum
/// to a prefix, the maximum to a prefix whose last byte is incremented (kept whole when no such prefix exists), cut
/// at a UTF-8 character boundary for strings. No column index is made when a page with values has no bounds (only NaN).
/// </summary>
internal sealed class PageIndexBuilder(WriterColumn column)
{
    /// <summary>Longest min/max kept for byte arrays.</summary>
    public const int MaxBoundBytes = 64;

    private readonly OffsetIndex _offsets = new();
    private readonly ColumnIndex _index = new() { NullCounts = [] };
    private bool _boundsMissing;

    /// <summary>
    /// Records a data page written at <paramref name="offset"/> (its header) of <paramref name="size"/> bytes with header,
    /// starting at row <paramref name="firstRow"/> and holding <paramref name="levels"/> level entries (one per row for a
    /// flat column); a page is a null page when none of its entries has a value.
    /// </summary>
    public void Add(long offset, int size, long firstRow, int levels, Statistics stats)
    {
        _offsets.PageLocations.Add(new PageLocation(offset, size, firstRow));
        var nulls = stats.NullCount ?? 0;
        var allNull = nulls == levels;
        _index.NullPages.Add(allNull);
        _index.NullCounts!.Add(nulls);
        if (allNull || stats.MinValue is null || stats.MaxValue is null)
        {
            if (!allNull) _boundsMissing = true;
            _index.MinValues.Add([]);
            _index.MaxValues.Add([]);
            return;
        }
        _index.MinValues.Add(ShortenMin(stats.MinValue));
        _index.MaxValues.Add(ShortenMax(stats.MaxValue));
    }

    public OffsetIndex OffsetIndex => _offsets;

    /// <summary>The column index, or null when some page's bounds are unknown.</summary>
    public ColumnIndex? BuildColumnIndex()
    {
        if (_boundsMissing) return null;
        _index.BoundaryOrder = Order();
        return _index;
    }

    private BoundaryOrder Order()
    {
        var ascending = true;
        var descending = true;
        var previous = -1;
        for (var i = 0; i < _index.NullPages.Count; i++)
        {
            if (_index.NullPages[i]) continue;
            if (previous >= 0)
            {
                var min = ColumnStatistics.Compare(column.Physical, _index.MinValues[previous], _index.MinValues[i]);
                var max = ColumnStatistics.Compare(column.Physical, _index.MaxValues[previous], _index.MaxValues[i]);
                if (min > 0 || max > 0) ascending = false;
                if (min < 0 || max < 0) descending = false;
            }
            previous = i;
        }
        return ascending ? BoundaryOrder.Ascending : descending ? BoundaryOrder.Descending : BoundaryOrder.Unordered;
    }

    private bool IsByteArray => column.Physical == PhysicalType.ByteArray;

    private bool IsString => column.Element.LogicalType?.Kind == LogicalTypeKind.String;

    private byte[] ShortenMin(byte[] value)
    {
        if (!IsByteArray || value.Length <= MaxBoundBytes) return value;
        return value[..CharBoundary(value, MaxBoundBytes)];
    }

    private byte[] ShortenMax(byte[] value)
    {
        if (!IsByteArray || value.Length <= MaxBoundBytes) return value;
        var length = CharBoundary(value, MaxBoundBytes);
        // Increment the last byte that can grow; for strings only an ASCII byte, so the result stays valid UTF-8.
        for (var i = length - 1; i >= 0; i--)
        {
            var b = value[i];
            var grows = IsString ? b < 0x7F : b < 0xFF;
            if (!grows) continue;
            var shortened = value[..(i + 1)];
            shortened[i]++;
            return shortened;
        }
        return value;
    }

    /// <summary>The largest length up to <paramref name="limit"/> that does not cut a UTF-8 character (any length for binary).</summary>
    private int CharBoundary(byte[] value, int limit)
    {
        if (!IsString) return limit;
        var length = limit;
        // A continuation byte (10xxxxxx) at the cut means the character started before it.
        while (length > 0 && (value[length] & 0xC0) == 0x80) length--;
        return length;
    }
}
