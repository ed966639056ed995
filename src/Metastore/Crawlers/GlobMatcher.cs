using System.Text.RegularExpressions;
using QueryEngine.Engine.Storage;

namespace QueryEngine.Metastore.Crawlers;

/// <summary>Glue's exclude patterns (<see cref="GlobPattern"/>), matched against paths relative to the crawl target.</summary>
internal sealed class GlobMatcher(IEnumerable<string> globs)
{
    private readonly Regex[] _patterns = globs.Select(GlobPattern.Compile).ToArray();

    public bool Excludes(string relativePath)
    {
        foreach (var pattern in _patterns)
        {
            if (pattern.IsMatch(relativePath)) return true;
        }
        return false;
    }
}
