namespace QueryEngine.Engine.Formats;

/// <summary>Tuning of file scans.</summary>
public sealed record FileTableSourceOptions
{
    public static FileTableSourceOptions Default { get; } = new();

    /// <summary>
    /// Uncompressed text files without quoted newlines are split into byte ranges of this size (default 32 MiB),
    /// each a separate scan task; a range reads the records that start inside it.
    /// </summary>
    public long SplitSize { get; init; } = 32L << 20;

    /// <summary>Read buffer per running scan task (default 2 MiB); grows when a single record is larger.</summary>
    public int BufferSize { get; init; } = 2 << 20;

    /// <summary>Bytes of the first file read to estimate the average record length (default 64 KiB).</summary>
    public int SampleSize { get; init; } = 64 << 10;

    /// <summary>Which listed files of a catalog table are read (all when null); see <see cref="Catalog.IScanFileFilter"/>.</summary>
    public Catalog.IScanFileFilter? FileFilter { get; init; }

    /// <summary>
    /// The ids of the writes the catalog has committed to the table being scanned, asked after its files are listed
    /// and only when pending INSERT files were listed (<see cref="TableFiles.List"/>); null: pending files are skipped.
    /// Set per table by <see cref="Catalog.FileTableSourceFactory"/>.
    /// </summary>
    public Func<IReadOnlyCollection<string>>? CommittedWrites { get; init; }

    /// <summary>The bucketing of the table being scanned, for bucket pruning (<see cref="Catalog.TableBucketing"/>); set per table.</summary>
    public Catalog.TableBucketing? Bucketing { get; init; }
}
