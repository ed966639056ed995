namespace QueryEngine.Engine.Storage;

/// <summary>One stored object (a file): its location as the store spells it, size and last-modified time.</summary>
/// <param name="Path">Full location, usable with every other <see cref="IObjectStore"/> call.</param>
/// <param name="RelativePath">The location relative to the listed prefix, '/'-separated (for a listed single file: its name).</param>
/// <param name="Size">Size in bytes.</param>
/// <param name="LastModified">Last modification time (UTC).</param>
public sealed record ObjectInfo(string Path, string RelativePath, long Size, DateTimeOffset LastModified)
{
    /// <summary>The object's entity tag where the store has one (S3), else null: changes whenever the content does.</summary>
    public string? ETag { get; init; }

    /// <summary>The last segment of the path.</summary>
    public string Name
    {
        get
        {
            var slash = RelativePath.LastIndexOf('/');
            return slash < 0 ? RelativePath : RelativePath[(slash + 1)..];
        }
    }
}

/// <summary>
/// A flat store of objects addressed by location strings: local folders today, object stores (S3) later.
/// The contract follows object-store semantics so that both fit: there are no directories, only objects whose
/// locations share a prefix; listing a prefix that matches nothing gives an empty list; writes replace whole objects.
/// Every failure a user can cause (missing object, permissions, I/O errors) is a
/// <see cref="Common.StorageException"/> naming the location. Implementations are thread-safe.
/// </summary>
public interface IObjectStore
{
    /// <summary>
    /// Objects under <paramref name="prefixOrDirectory"/> (a folder location, with or without a trailing '/'),
    /// sorted by path (ordinal). Without <paramref name="recursive"/> only direct children are listed.
    /// A location naming a single object lists that object. A location that does not exist gives an empty list.
    /// </summary>
    IReadOnlyList<ObjectInfo> List(string prefixOrDirectory, bool recursive);

    /// <summary>The object at <paramref name="path"/>, or null when there is none.</summary>
    ObjectInfo? Stat(string path);

    /// <summary>Opens an object for sequential reading from its first byte.</summary>
    Stream OpenRead(string path);

    /// <summary>Opens an object for sequential reading from byte <paramref name="offset"/> to its end (a ranged read).</summary>
    Stream OpenRead(string path, long offset);

    /// <summary>
    /// Reads up to <paramref name="destination"/>.Length bytes at <paramref name="offset"/>; returns the number read,
    /// which is less only at the end of the object (0 at or past it).
    /// </summary>
    int ReadRange(string path, long offset, Span<byte> destination);

    /// <summary>Creates (or replaces) an object; it becomes visible complete when the stream is disposed.</summary>
    Stream Create(string path);

    /// <summary>Deletes an object; deleting a missing object is not an error.</summary>
    void Delete(string path);

    /// <summary>
    /// Moves an object to a new location in the same store, replacing nothing: an object already at
    /// <paramref name="destination"/> is an error. Local files are renamed (atomic); object stores copy (S3: read and re-upload) then delete.
    /// </summary>
    void Move(string source, string destination);
}
