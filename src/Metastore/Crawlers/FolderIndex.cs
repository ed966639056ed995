using QueryEngine.Engine.Storage;

namespace QueryEngine.Metastore.Crawlers;

/// <summary>The folders (relative to a target, "" for the target itself) that hold at least one listed object, at any depth.</summary>
internal sealed class FolderIndex
{
    private readonly HashSet<string> _folders = new(StringComparer.Ordinal);

    public FolderIndex(IEnumerable<ObjectInfo> objects)
    {
        foreach (var obj in objects)
        {
            var path = obj.RelativePath;
            _folders.Add("");
            for (var slash = path.IndexOf('/', StringComparison.Ordinal); slash >= 0; slash = path.IndexOf('/', slash + 1)) _folders.Add(path[..slash]);
        }
    }

    public bool HasObjects(string relativeFolder) => _folders.Contains(relativeFolder);

    /// <summary>Whether a '/'-separated relative path lies in <paramref name="folder"/> ("" holds everything).</summary>
    public static bool IsUnder(string relativePath, string folder) =>
        folder.Length == 0 || (relativePath.Length > folder.Length && relativePath[folder.Length] == '/' && relativePath.StartsWith(folder, StringComparison.Ordinal));
}
