using QueryEngine.Engine.Storage;

namespace QueryEngine.Engine.Catalog;

/// <summary>
/// Decides which listed files of a catalog table a scan reads (e.g. a job bookmark skipping files already processed).
/// Called once per listed data file, possibly from several scans at once, so implementations must be thread-safe.
/// </summary>
public interface IScanFileFilter
{
    /// <summary>Whether the scan of <paramref name="table"/> (<c>db.table</c>) reads <paramref name="file"/>.</summary>
    bool Include(string table, ObjectInfo file);
}
