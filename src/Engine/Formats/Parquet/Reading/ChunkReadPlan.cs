namespace QueryEngine.Engine.Formats.Parquet.Reading;

/// <summary>
/// How the column chunks a row-group scan needs are fetched: byte ranges closer than <see cref="Settings.Gap"/> are
/// coalesced into one read (the gap's bytes are read and ignored, cheaper than another request on an object store)
/// as long as the read stays within <see cref="Settings.MaxRead"/>; each read is then cut into pieces of at most
/// <see cref="Settings.PieceSize"/> so that a large one is fetched as several requests at once.
/// </summary>
internal static class ChunkReadPlan
{
    /// <summary>Coalescing thresholds.</summary>
    /// <param name="Gap">Ranges at most this far apart are read together.</param>
    /// <param name="MaxRead">Largest coalesced read (a single range larger than this is read alone).</param>
    /// <param name="PieceSize">Largest single request of a read.</param>
    internal sealed record Settings(long Gap, long MaxRead, long PieceSize)
    {
        /// <summary>1 MiB gap, 64 MiB reads, 8 MiB requests: what object stores serve well.</summary>
        public static Settings Default { get; } = new(1 << 20, 64L << 20, 8L << 20);
    }

    /// <summary>One coalesced read: where it starts and how long it is; <paramref name="First"/>..<paramref name="End"/> index the sorted ranges it covers.</summary>
    internal readonly record struct Read(long Start, long Length, int First, int End);

    /// <summary>One request of a read: offset and length relative to the read's start.</summary>
    internal readonly record struct Piece(int Read, long Offset, long Length);

    /// <summary>
    /// Coalesces <paramref name="sortedRanges"/> (sorted by start; overlapping ranges are allowed) into reads.
    /// </summary>
    public static List<Read> Coalesce(IReadOnlyList<(long Start, long Length)> sortedRanges, Settings settings)
    {
        var reads = new List<Read>();
        var i = 0;
        while (i < sortedRanges.Count)
        {
            var begin = sortedRanges[i].Start;
            var end = begin + sortedRanges[i].Length;
            var j = i + 1;
            while (j < sortedRanges.Count)
            {
                var (start, length) = sortedRanges[j];
                var newEnd = Math.Max(end, start + length);
                if (start - end > settings.Gap || newEnd - begin > settings.MaxRead) break;
                end = newEnd;
                j++;
            }
            reads.Add(new Read(begin, end - begin, i, j));
            i = j;
        }
        return reads;
    }

    /// <summary>The requests that fetch <paramref name="reads"/>: each read cut into pieces of at most the piece size.</summary>
    public static List<Piece> Pieces(IReadOnlyList<Read> reads, Settings settings)
    {
        var pieces = new List<Piece>();
        for (var r = 0; r < reads.Count; r++)
        {
            for (long offset = 0; offset < reads[r].Length; offset += settings.PieceSize)
            {
                pieces.Add(new Piece(r, offset, Math.Min(settings.PieceSize, reads[r].Length - offset)));
            }
        }
        return pieces;
    }
}
