using QueryEngine.Engine.Common;

namespace QueryEngine.Engine.Storage;

/// <summary>
/// <see cref="IObjectStore"/> over the local file system. Accepts plain paths (absolute or relative to the current
/// directory) and <c>file:</c> URIs (<c>file:///data/t</c>, Hadoop's <c>file:/data/t</c>, <c>file://localhost/data/t</c>).
/// Listed paths are absolute local paths. Folders play the role of prefixes: listing a folder lists the files under
/// it; <see cref="Delete"/> of a folder removes it with everything under it.
/// </summary>
public sealed class LocalObjectStore : IObjectStore
{
    /// <summary>Turns a location (plain path or <c>file:</c> URI) into an absolute local path.</summary>
    public static string ToLocalPath(string location)
    {
        ArgumentNullException.ThrowIfNull(location);
        var path = location;
        if (location.StartsWith("file:", StringComparison.OrdinalIgnoreCase))
        {
            path = location[5..];
            if (path.StartsWith("//", StringComparison.Ordinal))
            {
                path = path[2..];
                if (path.StartsWith("localhost/", StringComparison.OrdinalIgnoreCase)) path = path[9..];
                else if (!path.StartsWith('/')) throw new StorageException($"{location}: file URIs with a host are not supported");
            }
            path = Uri.UnescapeDataString(path);
            // file:///C:/data -> C:/data on Windows.
            if (path.Length >= 3 && path[0] == '/' && char.IsAsciiLetter(path[1]) && path[2] == ':') path = path[1..];
        }
        else if (StorageLocations.GetScheme(location) is { } scheme)
        {
            throw new NotSupportedQueryException($"location {location}: storage scheme '{scheme}' is not supported by the local file store");
        }
        if (path.Length == 0) throw new StorageException("empty location");
        try
        {
            return Path.GetFullPath(path);
        }
        catch (Exception ex) when (ex is ArgumentException or NotSupportedException or PathTooLongException)
        {
            throw new StorageException($"{location}: invalid path: {ex.Message}", ex);
        }
    }

    public IReadOnlyList<ObjectInfo> List(string prefixOrDirectory, bool recursive)
    {
        var root = ToLocalPath(prefixOrDirectory);
        return Guard(prefixOrDirectory, "cannot list", () =>
        {
            if (File.Exists(root))
            {
                var file = new FileInfo(root);
                return [new ObjectInfo(file.FullName, file.Name, file.Length, new DateTimeOffset(file.LastWriteTimeUtc))];
            }
            var dir = new DirectoryInfo(root);
            if (!dir.Exists) return [];
            var options = new EnumerationOptions
            {
                RecurseSubdirectories = recursive,
                IgnoreInaccessible = false,
                AttributesToSkip = 0,
                ReturnSpecialDirectories = false,
            };
            // A file renamed or deleted between the folder read and its stat (a writer's temporary file, an INSERT's
            // pending file being published) makes the listing start over, so that a file renamed during a listing is
            // listed under one of its names; after a few rounds such files are just left out.
            var result = new List<ObjectInfo>();
            for (var round = 0; !TryList(dir, options, result, skipVanished: round == VanishedFileRetries); round++)
            {
                result.Clear();
            }
            result.Sort(static (a, b) => string.CompareOrdinal(a.Path, b.Path));
            return (IReadOnlyList<ObjectInfo>)result;
        });
    }

    /// <summary>How many times a listing starts over because a listed file vanished before its stat.</summary>
    private const int VanishedFileRetries = 8;

    /// <summary>Lists <paramref name="dir"/> into <paramref name="result"/>; false when a file vanished (unless skipped).</summary>
    private static bool TryList(DirectoryInfo dir, EnumerationOptions options, List<ObjectInfo> result, bool skipVanished)
    {
        foreach (var file in dir.EnumerateFiles("*", options))
        {
            var relative = Path.GetRelativePath(dir.FullName, file.FullName);
            if (Path.DirectorySeparatorChar != '/') relative = relative.Replace(Path.DirectorySeparatorChar, '/');
            long length;
            DateTime modified;
            try
            {
                length = file.Length;
                modified = file.LastWriteTimeUtc;
            }
            catch (FileNotFoundException)
            {
                if (!skipVanished) return false;
                continue;
            }
            result.Add(new ObjectInfo(file.FullName, relative, length, new DateTimeOffset(modified)));
        }
        return true;
    }

    public ObjectInfo? Stat(string path)
    {
        var full = ToLocalPath(path);
        return Guard(path, "cannot stat", () =>
        {
            var file = new FileInfo(full);
            return file.Exists ? new ObjectInfo(file.FullName, file.Name, file.Length, new DateTimeOffset(file.LastWriteTimeUtc)) : null;
        });
    }

    public Stream OpenRead(string path) => OpenRead(path, 0);

    public Stream OpenRead(string path, long offset)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        var full = ToLocalPath(path);
        return Guard(path, "cannot open", () =>
        {
            // No FileStream buffering: readers pull large blocks themselves.
            var stream = new FileStream(full, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, bufferSize: 0, FileOptions.SequentialScan);
            if (offset > 0) stream.Seek(offset, SeekOrigin.Begin);
            return new StorageReadStream(stream, path);
        });
    }

    public int ReadRange(string path, long offset, Span<byte> destination)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        var full = ToLocalPath(path);
        try
        {
            using var handle = File.OpenHandle(full, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete);
            var total = 0;
            while (total < destination.Length)
            {
                var n = RandomAccess.Read(handle, destination[total..], offset + total);
                if (n == 0) break;
                total += n;
            }
            return total;
        }
        catch (Exception ex) when (IsStorageError(ex))
        {
            throw Wrap(path, "cannot read", ex);
        }
    }

    public Stream Create(string path)
    {
        var full = ToLocalPath(path);
        return Guard(path, "cannot create", () =>
        {
            var dir = Path.GetDirectoryName(full);
            if (!string.IsNullOrEmpty(dir)) Directory.CreateDirectory(dir);
            // Written under a hidden temporary name (readers skip names starting with '.'), renamed when complete.
            var temp = Path.Combine(dir ?? string.Empty, "." + Path.GetFileName(full) + "." + Guid.NewGuid().ToString("N") + ".tmp");
            var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize: 1 << 16);
            return new AtomicWriteStream(stream, temp, full, path);
        });
    }

    public void Delete(string path)
    {
        var full = ToLocalPath(path);
        Guard(path, "cannot delete", () =>
        {
            if (File.Exists(full)) File.Delete(full);
            else if (Directory.Exists(full)) Directory.Delete(full, recursive: true);
            return 0;
        });
    }

    public void Move(string source, string destination)
    {
        var from = ToLocalPath(source);
        var to = ToLocalPath(destination);
        Guard(source, "cannot move", () =>
        {
            var dir = Path.GetDirectoryName(to);
            if (!string.IsNullOrEmpty(dir)) Directory.CreateDirectory(dir);
            File.Move(from, to, overwrite: false);
            return 0;
        });
    }

    internal static bool IsStorageError(Exception ex) => ex is IOException or UnauthorizedAccessException or System.Security.SecurityException;

    internal static StorageException Wrap(string location, string action, Exception ex) => ex switch
    {
        FileNotFoundException or DirectoryNotFoundException => new StorageException($"{action} {location}: no such file or directory", ex, StorageFailure.NotFound),
        UnauthorizedAccessException or System.Security.SecurityException => new StorageException($"{action} {location}: permission denied", ex, StorageFailure.PermissionDenied),
        _ => new StorageException($"{action} {location}: {ex.Message}", ex),
    };

    private static T Guard<T>(string location, string action, Func<T> body)
    {
        try
        {
            return body();
        }
        catch (Exception ex) when (IsStorageError(ex))
        {
            throw Wrap(location, action, ex);
        }
    }
}
