using QueryEngine.Engine.Columnar;
using QueryEngine.Engine.Common;
using QueryEngine.Engine.Storage;

namespace QueryEngine.Engine.Formats;

/// <summary>A data file of a table and the values of its partition keys (from <c>key=value</c> folders).</summary>
internal sealed record DataFile(ObjectInfo Object, IReadOnlyList<object?> PartitionValues);

/// <summary>Finds the data files of a table location, Hive style.</summary>
internal static class TableFiles
{
    /// <summary>
    /// All files under <paramref name="location"/> (recursively; a location naming a file is that file), except hidden
    /// ones: any path segment starting with '_' or '.' (<c>_SUCCESS</c>, <c>_temporary/</c>, <c>.part.crc</c>) and
    /// <c>*_$folder$</c> markers. With partition keys, a file counts only when its folders name every key
    /// (<c>key=value</c>, names case-insensitive, values %-unescaped); the values are converted to the key types.
    /// With a <paramref name="filter"/>, only the files it includes for <paramref name="table"/> are listed.
    /// <para>
    /// With <paramref name="committedWrites"/>, the pending files of INSERTs (<see cref="WriteFileNames.PendingPrefix"/>)
    /// are read too when the catalog has committed their query id. A write's files are all complete and pending before
    /// its commit and renamed only after it. When a first listing shows pending files, the committed ids are read, the
    /// folder listed again, and the ids read again, until both reads agree (a commit during the listing means another
    /// round): a listing bracketed by two equal reads was taken wholly before or wholly after each write's commit. Before
    /// it: no file of the write was renamed and its pending files are skipped; after it: every file of the write exists,
    /// pending or renamed, and counts once (a file listed under both names, as an S3 copy briefly is, counts under its
    /// published one). So a scan reads a table before or after an INSERT, never a part of one (assuming one listing
    /// sees a file renamed during it under one of its names). A pending file is listed with its published relative
    /// path (partition folders, bookmark keys) and its pending <see cref="ObjectInfo.Path"/>;
    /// <see cref="PendingFileStore"/> reads it under its published name if it is renamed meanwhile.
    /// </para>
    /// </summary>
    public static IReadOnlyList<DataFile> List(
        IObjectStore store, string location, IReadOnlyList<Field> partitionKeys, string table = "", Catalog.IScanFileFilter? filter = null,
        Func<IReadOnlyCollection<string>>? committedWrites = null)
    {
        var objects = store.List(location, recursive: true);
        IReadOnlyCollection<string>? committed = null;
        if (committedWrites is not null && HasPending(objects))
        {
            for (var round = 0; ; round++)
            {
                var before = committedWrites();
                objects = store.List(location, recursive: true);
                committed = committedWrites();
                if (before.SequenceEqual(committed, StringComparer.Ordinal)) break;
                if (round == MaxListingRounds)
                {
                    throw new StorageException(
                        $"cannot list {location}: writes kept committing to {table} during {MaxListingRounds} listings in a row; run the query again");
                }
            }
        }
        var result = new List<DataFile>(objects.Count);
        List<ObjectInfo>? pending = null;
        foreach (var obj in objects)
        {
            if (IsHidden(obj.RelativePath))
            {
                if (committed is not null && WriteFileNames.TryGetPublished(obj.RelativePath, out var published) && !IsHidden(published))
                {
                    (pending ??= []).Add(obj with { RelativePath = published });
                }
                continue;
            }
            Add(obj);
        }
        if (pending is not null) AddCommitted(pending, objects, committed!);
        return result;

        void Add(ObjectInfo obj)
        {
            if (filter is not null && !filter.Include(table, FilterView(obj))) return;
            if (partitionKeys.Count == 0)
            {
                result.Add(new DataFile(obj, []));
                return;
            }
            if (TryGetPartitionValues(obj, partitionKeys, out var values)) result.Add(new DataFile(obj, values));
        }

        void AddCommitted(List<ObjectInfo> files, IReadOnlyList<ObjectInfo> listed, IReadOnlyCollection<string> committed)
        {
            if (committed.Count == 0) return;
            var visible = new HashSet<string>(StringComparer.Ordinal);
            foreach (var obj in listed) visible.Add(obj.RelativePath);
            foreach (var obj in files)
            {
                if (visible.Contains(obj.RelativePath)) continue;
                var name = obj.Name;
                foreach (var queryId in committed)
                {
                    if (!WriteFileNames.IsFileOf(name, queryId)) continue;
                    Add(obj);
                    break;
                }
            }
        }
    }

    /// <summary>How many times a listing is repeated while writes commit to the table during it.</summary>
    private const int MaxListingRounds = 20;

    private static bool HasPending(IReadOnlyList<ObjectInfo> objects)
    {
        foreach (var obj in objects)
        {
            if (WriteFileNames.TryGetPublished(obj.RelativePath, out _)) return true;
        }
        return false;
    }

    /// <summary>A pending file as a file filter (a job bookmark) sees it: under the path it is published at.</summary>
    private static ObjectInfo FilterView(ObjectInfo obj) =>
        WriteFileNames.TryGetPublished(obj.Path, out var published) ? obj with { Path = published } : obj;

    public static bool IsHidden(string relativePath)
    {
        foreach (var segment in relativePath.Split('/'))
        {
            if (segment.Length == 0) continue;
            if (segment[0] is '_' or '.') return true;
        }
        return relativePath.EndsWith("_$folder$", StringComparison.Ordinal) || relativePath.EndsWith(".crc", StringComparison.OrdinalIgnoreCase);
    }

    private static bool TryGetPartitionValues(ObjectInfo obj, IReadOnlyList<Field> keys, out object?[] values)
    {
        values = new object?[keys.Count];
        var found = new bool[keys.Count];
        var remaining = keys.Count;
        var segments = obj.RelativePath.Split('/');
        for (var s = 0; s < segments.Length - 1 && remaining > 0; s++)
        {
            var segment = segments[s];
            var eq = segment.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0) continue;
            var name = PartitionValues.Unescape(segment[..eq]);
            var k = IndexOf(keys, name);
            if (k < 0 || found[k]) continue;
            var text = PartitionValues.Unescape(segment[(eq + 1)..]);
            if (!PartitionValues.TryConvert(text, keys[k].Type, out var value))
            {
                throw new CorruptDataException(obj.Path, 0, $"partition folder {segment}: '{text}' is not a valid {keys[k].Type.SqlName} for partition key {keys[k].Name}");
            }
            values[k] = value;
            found[k] = true;
            remaining--;
        }
        return remaining == 0;
    }

    private static int IndexOf(IReadOnlyList<Field> keys, string name)
    {
        for (var i = 0; i < keys.Count; i++)
        {
            if (string.Equals(keys[i].Name, name, StringComparison.OrdinalIgnoreCase)) return i;
        }
        return -1;
    }
}
