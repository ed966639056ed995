using QueryEngine.Engine.Storage;
using QueryEngine.Metastore.Crawlers.Classification;

namespace QueryEngine.Metastore.Crawlers.Layout;

/// <summary>A data file the crawler classified: its path relative to the crawl target ('/'-separated) and what it holds.</summary>
internal sealed record CrawledFile(ObjectInfo Object, string RelativePath, ClassifiedFile Classified)
{
    /// <summary>The folders between the target and the file.</summary>
    public IReadOnlyList<string> Folders
    {
        get
        {
            var parts = RelativePath.Split('/');
            return parts[..^1];
        }
    }
}
