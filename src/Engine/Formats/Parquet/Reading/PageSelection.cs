namespace QueryEngine.Engine.Formats.Parquet.Reading;

/// <summary>
/// What a scan task reads of a row group the page index narrowed: the selected rows, and for each projected leaf
/// that has an offset index the pages overlapping them (a leaf without one is read whole).
/// </summary>
internal sealed record PageSelection(RowRanges Ranges, IReadOnlyDictionary<int, SelectedPages> Leaves, int SkippedPages)
{
    /// <summary>
    /// The pages each projected flat leaf must read for <paramref name="ranges"/>; null when a projected column is
    /// nested or repeated (the row group is then read whole).
    /// </summary>
    public static PageSelection? Plan(RowRanges ranges, IReadOnlyList<ColumnSource> sources, Func<ParquetLeaf, ChunkPageIndex?> indexOf)
    {
        var leaves = new Dictionary<int, SelectedPages>();
        var skipped = 0;
        foreach (var source in sources)
        {
            if (source.Nested is not null) return null;
            if (source.Leaf is not { } leaf) continue;
            if (leaf.MaxRepetition > 0) return null;
            if (leaves.ContainsKey(leaf.Index) || indexOf(leaf) is not { } index) continue;
            var pages = new List<int>();
            for (var page = 0; page < index.PageCount; page++)
            {
                if (ranges.Overlaps(index.FirstRow(page), index.EndRow(page))) pages.Add(page);
            }
            skipped += index.PageCount - pages.Count;
            leaves.Add(leaf.Index, new SelectedPages(index, pages.ToArray()));
        }
        return new PageSelection(ranges, leaves, skipped);
    }
}

/// <summary>The pages of one column chunk to read (indexes into its offset index, ascending).</summary>
internal sealed record SelectedPages(ChunkPageIndex Index, int[] Pages)
{
    /// <summary>Rows the selected pages hold.</summary>
    public long Rows
    {
        get
        {
            long total = 0;
            foreach (var page in Pages) total += Index.EndRow(page) - Index.FirstRow(page);
            return total;
        }
    }

    /// <summary>
    /// Position among the decoded rows of the selected pages of row-group row <paramref name="row"/>, which must
    /// lie in a selected page.
    /// </summary>
    public long DecodedIndex(long row)
    {
        long before = 0;
        foreach (var page in Pages)
        {
            var first = Index.FirstRow(page);
            var end = Index.EndRow(page);
            if (row < end)
            {
                if (row < first) break;
                return before + (row - first);
            }
            before += end - first;
        }
        throw new Common.InternalException($"row {row} is not in a selected page");
    }
}
