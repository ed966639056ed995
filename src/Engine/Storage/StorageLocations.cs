namespace QueryEngine.Engine.Storage;

/// <summary>Helpers for location strings (plain paths and URIs).</summary>
public static class StorageLocations
{
    /// <summary>
    /// The URI scheme of a location in lower case (<c>s3</c>, <c>file</c>, ...), or null for a plain path.
    /// Windows drive letters (<c>C:\data</c>) are plain paths.
    /// </summary>
    public static string? GetScheme(string location)
    {
        ArgumentNullException.ThrowIfNull(location);
        var colon = location.IndexOf(':', StringComparison.Ordinal);
        if (colon < 2) return null;
        for (var i = 0; i < colon; i++)
        {
            var c = location[i];
            var ok = char.IsAsciiLetter(c) || (i > 0 && (char.IsAsciiDigit(c) || c is '+' or '-' or '.'));
            if (!ok) return null;
        }
        return location[..colon].ToLowerInvariant();
    }

    /// <summary>Joins a folder location and a relative '/'-separated path.</summary>
    public static string Combine(string folder, string relative)
    {
        if (folder.Length == 0) return relative;
        return folder.EndsWith('/') || folder.EndsWith(Path.DirectorySeparatorChar) ? folder + relative : folder + "/" + relative;
    }
}
