namespace QueryEngine.Engine.Storage;

/// <summary>
/// Recursive listings made ahead of a scan, indexed by every folder they contain, so that the listing of any folder
/// under a listed location is found without listing the store again. Filled before the scan, then only read (from
/// any thread). Locations are compared as text without trailing slashes.
/// </summary>
public sealed class PrelistedLocations
{
    private readonly Dictionary<string, IReadOnlyList<ObjectInfo>> _exact = new(StringComparer.Ordinal);

    /// <summary>The objects under each folder of a listed location: the object and where its path below that folder starts.</summary>
    private readonly Dictionary<string, List<(ObjectInfo Object, int RelativeStart)>> _byFolder = new(StringComparer.Ordinal);

    /// <summary>How many listings were added.</summary>
    public int Count => _exact.Count;

    /// <summary>Records the recursive listing of <paramref name="location"/> (as the store returned it).</summary>
    public void Add(string location, IReadOnlyList<ObjectInfo> objects)
    {
        ArgumentNullException.ThrowIfNull(location);
        ArgumentNullException.ThrowIfNull(objects);
        var key = Normalize(location);
        _exact[key] = objects;
        foreach (var obj in objects)
        {
            var relative = obj.RelativePath;
            for (var slash = relative.IndexOf('/', StringComparison.Ordinal); slash > 0; slash = relative.IndexOf('/', slash + 1))
            {
                Index(key + "/" + relative[..slash], obj, slash + 1);
            }
            // The file itself, listed by its own location, is that file.
            Index(key + "/" + relative, obj, relative.LastIndexOf('/') + 1);
        }
    }

    private void Index(string location, ObjectInfo obj, int relativeStart)
    {
        if (!_byFolder.TryGetValue(location, out var under)) _byFolder[location] = under = [];
        under.Add((obj, relativeStart));
    }

    /// <summary>
    /// The recursive listing of <paramref name="location"/> when it is a listed location or anything under one (a
    /// folder or file the listing holds; empty when it holds nothing there); false when no listing covers it.
    /// </summary>
    public bool TryList(string location, out IReadOnlyList<ObjectInfo> objects)
    {
        ArgumentNullException.ThrowIfNull(location);
        var key = Normalize(location);
        if (_exact.TryGetValue(key, out var listed))
        {
            objects = listed;
            return true;
        }
        if (_byFolder.TryGetValue(key, out var under))
        {
            var result = new ObjectInfo[under.Count];
            for (var i = 0; i < result.Length; i++)
            {
                var (obj, start) = under[i];
                result[i] = obj with { RelativePath = obj.RelativePath[start..] };
            }
            objects = result;
            return true;
        }
        objects = [];
        for (var slash = key.LastIndexOf('/'); slash > 0; slash = key.LastIndexOf('/', slash - 1))
        {
            if (_exact.ContainsKey(key[..slash])) return true;
        }
        return false;
    }

    /// <summary>Whether <paramref name="location"/> is <paramref name="root"/> or a folder under it (as text).</summary>
    public static bool IsUnder(string location, string root)
    {
        ArgumentNullException.ThrowIfNull(location);
        ArgumentNullException.ThrowIfNull(root);
        var l = Normalize(location);
        var r = Normalize(root);
        return l.Length == r.Length ? string.Equals(l, r, StringComparison.Ordinal)
            : l.Length > r.Length && l[r.Length] == '/' && l.StartsWith(r, StringComparison.Ordinal);
    }

    private static string Normalize(string location) => location.Length > 1 ? location.TrimEnd('/') : location;
}
