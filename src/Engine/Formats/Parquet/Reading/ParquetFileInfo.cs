using QueryEngine.Engine.Catalog;
using QueryEngine.Engine.Formats.Parquet.Metadata;
using QueryEngine.Engine.Storage;

namespace QueryEngine.Engine.Formats.Parquet.Reading;

/// <summary>A Parquet file's location, size, decoded footer and schema tree.</summary>
internal sealed record ParquetFileInfo(string Path, long Size, FileMetaData Metadata, ParquetSchema Schema)
{
    private readonly Lock _pageIndexGate = new();
    private bool _pageIndexRead;
    private PageIndexRegion? _pageIndex;

    /// <summary>The file's page index bytes, read once with one request the first time an index is needed (null when none).</summary>
    public PageIndexRegion? PageIndex(IObjectStore store, ScanContext? context)
    {
        lock (_pageIndexGate)
        {
            if (!_pageIndexRead)
            {
                _pageIndex = PageIndexRegion.Read(store, this, context);
                _pageIndexRead = true;
            }
            return _pageIndex;
        }
    }
}
