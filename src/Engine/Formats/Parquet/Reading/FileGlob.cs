using QueryEngine.Engine.Storage;

namespace QueryEngine.Engine.Formats.Parquet.Reading;

/// <summary>
/// Lists the files a path or glob names: without wildcards, a file or a folder read recursively (hidden names
/// skipped); with them, the files under the folder before the first wildcard whose remaining path matches
/// (<see cref="GlobPattern"/>: <c>*</c> and <c>?</c> within one segment, <c>**</c> across segments, <c>[abc]</c> sets,
/// <c>{a,b}</c>). Sorted by path.
/// </summary>
internal static class FileGlob
{
    public static IReadOnlyList<DataFile> List(IObjectStore store, string pattern)
    {
        if (!GlobPattern.HasWildcard(pattern)) return TableFiles.List(store, pattern, []);
        var wildcard = pattern.AsSpan().IndexOfAny("*?[{");
        var slash = pattern.LastIndexOf('/', wildcard);
        var folder = slash < 0 ? "." : pattern[..(slash + 1)];
        var regex = GlobPattern.Compile(pattern[(slash + 1)..]);
        var result = new List<DataFile>();
        foreach (var obj in store.List(folder, recursive: true))
        {
            if (TableFiles.IsHidden(obj.RelativePath)) continue;
            if (regex.IsMatch(obj.RelativePath)) result.Add(new DataFile(obj, []));
        }
        return result;
    }
}
