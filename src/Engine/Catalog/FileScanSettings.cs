using QueryEngine.Engine.Storage;

namespace QueryEngine.Engine.Catalog;

/// <summary>
/// What sessions and scans add to a <see cref="FileTableSourceFactory"/>, kept in one record so that adding one
/// setting (<c>with { ... }</c>) always keeps the others: a session's file filter and committed-writes catalog survive
/// a scan's prelisting, and the other way round.
/// </summary>
public sealed record FileScanSettings
{
    public static FileScanSettings None { get; } = new();

    /// <summary>Which listed files of catalog tables the scans read (e.g. a job bookmark), or null for all.</summary>
    public IScanFileFilter? FileFilter { get; init; }

    /// <summary>
    /// The catalog whose committed INSERTs make their pending files readable (see <see cref="Formats.TableFiles.List"/>), or
    /// null: a scan then reads a table as it is before or after an INSERT, never in between.
    /// </summary>
    public ICatalog? CommitsOf { get; init; }

    /// <summary>Recursive listings made before the scan (<see cref="PartitionListing"/>), answered from memory, or null.</summary>
    public PrelistedLocations? Prelisted { get; init; }
}
