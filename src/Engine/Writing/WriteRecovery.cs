using System.Text.Json;
using QueryEngine.Engine.Catalog;
using QueryEngine.Engine.Formats;
using QueryEngine.Engine.Storage;

namespace QueryEngine.Engine.Writing;

/// <summary>
/// Cleans up after writes whose process died or whose renames failed after their commit (run at start-up and before
/// every write): every journal in <c>&lt;warehouse&gt;/.qe-staging/</c> that no live process holds is resolved. A write
/// the metastore committed (its table records the query id) is rolled forward: files still staged or pending are
/// moved to their published names. Any other write is rolled back: its files (<c>&lt;queryid&gt;_*</c> and bucket
/// files <c>BBBBBB_0_&lt;queryid&gt;*</c> under the target, published or pending) and staging folder are deleted, and the
/// folder a CTAS or UNLOAD created is removed when left empty. In a warehouse on an object store the journals are
/// objects (<see cref="LeasedWriteJournal"/>): one whose lease ran out (not renewed for <see cref="WriteLimits.JournalLease"/>)
/// is resolved the same way.
/// </summary>
public static class WriteRecovery
{
    /// <summary>Resolves abandoned writes (on an object store: journals unrenewed for the default lease); returns how many were resolved.</summary>
    public static int Run(ICatalog catalog, Func<string, IObjectStore> stores, string warehouse) =>
        Run(catalog, stores, warehouse, WriteLimits.Default.JournalLease);

    /// <summary>Resolves abandoned writes, on an object store those whose journal went unrenewed for <paramref name="lease"/>; returns how many were resolved.</summary>
    public static int Run(ICatalog catalog, Func<string, IObjectStore> stores, string warehouse, TimeSpan lease)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(stores);
        if (WriteJournal.ObjectStoreFolderOf(warehouse) is { } remote) return RunOnObjectStore(catalog, stores, stores(warehouse), remote, lease);
        if (WriteJournal.FolderOf(warehouse) is not { } folder || !Directory.Exists(folder)) return 0;
        var resolved = 0;
        foreach (var path in Directory.EnumerateFiles(folder, "*.json"))
        {
            FileStream stream;
            try
            {
                stream = new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException)
            {
                continue; // held by a running write
            }
            using (stream)
            {
                WriteJournalEntry? entry;
                try
                {
                    entry = JsonSerializer.Deserialize(stream, WriteJournalJson.Default.WriteJournalEntry);
                }
                catch (JsonException)
                {
                    entry = null; // a journal cut short by a crash before its first file: nothing was written
                }
                if (entry is not null) Resolve(catalog, stores(entry.Target), entry);
            }
            File.Delete(path);
            resolved++;
        }
        return resolved;
    }

    /// <summary>Resolves the journals in <paramref name="folder"/> of an object store whose lease ran out.</summary>
    private static int RunOnObjectStore(ICatalog catalog, Func<string, IObjectStore> stores, IObjectStore store, string folder, TimeSpan lease)
    {
        var resolved = 0;
        foreach (var journal in store.List(folder, recursive: false))
        {
            if (!journal.Name.EndsWith(".json", StringComparison.Ordinal) || !LeaseExpired(journal, lease)) continue;
            if (ReadEntry(store, journal.Path) is { } entry) Resolve(catalog, stores(entry.Target), entry);
            store.Delete(journal.Path);
            resolved++;
        }
        return resolved;
    }

    /// <summary>Whether a journal object went unrenewed for a whole lease (its writer died).</summary>
    private static bool LeaseExpired(ObjectInfo journal, TimeSpan lease) => DateTimeOffset.UtcNow - journal.LastModified >= lease;

    /// <summary>The entry of a journal object, or null when it is unreadable (cut short: nothing was written under it).</summary>
    private static WriteJournalEntry? ReadEntry(IObjectStore store, string path)
    {
        try
        {
            using var stream = store.OpenRead(path);
            return JsonSerializer.Deserialize(stream, WriteJournalJson.Default.WriteJournalEntry);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static void Resolve(ICatalog catalog, IObjectStore store, WriteJournalEntry entry)
    {
        var committed = entry.Database is { } database && entry.Table is { } table &&
                        catalog.GetTable(database, table) is { } info && TableWriteCommit.IsCommitted(info, entry.QueryId);
        var staging = StagedFiles.StagingRootOf(entry.Target, entry.QueryId);
        if (committed)
        {
            foreach (var staged in store.List(staging, recursive: true))
            {
                var destination = StorageLocations.Combine(entry.Target, staged.RelativePath);
                if (store.Stat(destination) is null) store.Move(staged.Path, destination);
            }
            StagedFiles.DeleteStaging(store, entry.Target, entry.QueryId);
            PublishPending(store, entry.Target, [entry.QueryId]);
            return;
        }
        foreach (var file in store.List(entry.Target, recursive: true))
        {
            if (file.RelativePath.StartsWith(WriteJournal.FolderName + "/", StringComparison.Ordinal)) continue;
            var name = WriteFileNames.TryGetPublished(file.Name, out var published) ? published : file.Name;
            if (StagedFiles.IsFileOf(name, entry.QueryId)) store.Delete(file.Path);
        }
        StagedFiles.DeleteStaging(store, entry.Target, entry.QueryId);
        if (entry.CreatesTarget) StagedFiles.DeleteIfEmpty(entry.Target);
    }

    /// <summary>
    /// The writes whose journals are in the warehouse, without changing anything (<c>qe job writes</c>): writes running
    /// now (their journal is locked), committed writes whose files are not all renamed yet (rolled forward by the next
    /// write or start), and writes that died before their commit (rolled back then).
    /// </summary>
    public static IReadOnlyList<UnfinishedWrite> List(ICatalog catalog, Func<string, IObjectStore> stores, string warehouse) =>
        List(catalog, stores, warehouse, WriteLimits.Default.JournalLease);

    /// <summary>As <see cref="List(ICatalog, Func{string, IObjectStore}, string)"/>; on an object store a journal renewed within <paramref name="lease"/> is running.</summary>
    public static IReadOnlyList<UnfinishedWrite> List(ICatalog catalog, Func<string, IObjectStore> stores, string warehouse, TimeSpan lease)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(stores);
        var result = new List<UnfinishedWrite>();
        if (WriteJournal.ObjectStoreFolderOf(warehouse) is { } remote)
        {
            var store = stores(warehouse);
            foreach (var journal in store.List(remote, recursive: false))
            {
                if (!journal.Name.EndsWith(".json", StringComparison.Ordinal)) continue;
                var queryId = journal.Name[..^".json".Length];
                if (!LeaseExpired(journal, lease)) result.Add(new UnfinishedWrite(queryId, null, null, UnfinishedWriteState.Running, 0));
                else result.Add(Describe(catalog, stores, queryId, ReadEntry(store, journal.Path)));
            }
            return result;
        }
        if (WriteJournal.FolderOf(warehouse) is not { } folder || !Directory.Exists(folder)) return result;
        foreach (var path in Directory.EnumerateFiles(folder, "*.json").Order(StringComparer.Ordinal))
        {
            var queryId = Path.GetFileNameWithoutExtension(path);
            WriteJournalEntry? entry;
            try
            {
                using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.None);
                entry = JsonSerializer.Deserialize(stream, WriteJournalJson.Default.WriteJournalEntry);
            }
            catch (IOException)
            {
                result.Add(new UnfinishedWrite(queryId, null, null, UnfinishedWriteState.Running, 0));
                continue;
            }
            catch (JsonException)
            {
                entry = null;
            }
            result.Add(Describe(catalog, stores, queryId, entry));
        }
        return result;
    }

    /// <summary>What a dead write's journal leaves to do: committed (files to rename) or not (files to delete).</summary>
    private static UnfinishedWrite Describe(ICatalog catalog, Func<string, IObjectStore> stores, string queryId, WriteJournalEntry? entry)
    {
        if (entry is null) return new UnfinishedWrite(queryId, null, null, UnfinishedWriteState.NotCommitted, 0);
        var committed = entry.Database is { } database && entry.Table is { } table &&
                        catalog.GetTable(database, table) is { } info && TableWriteCommit.IsCommitted(info, entry.QueryId);
        var store = stores(entry.Target);
        var files = 0;
        foreach (var file in store.List(entry.Target, recursive: true))
        {
            var name = WriteFileNames.TryGetPublished(file.Name, out var published) ? published : file.Name;
            var staged = file.RelativePath.StartsWith(WriteJournal.FolderName + "/", StringComparison.Ordinal);
            if (!StagedFiles.IsFileOf(name, entry.QueryId)) continue;
            // Committed: the files still to rename; not committed: every file to delete.
            if (!committed || staged || name != file.Name) files++;
        }
        var qualified = entry.Database is null ? null : $"{entry.Database}.{entry.Table}";
        return new UnfinishedWrite(entry.QueryId, qualified, entry.Target, committed ? UnfinishedWriteState.Committed : UnfinishedWriteState.NotCommitted, files);
    }

    /// <summary>
    /// Rolls forward the pending files under <paramref name="target"/> of the writes <paramref name="table"/> records as
    /// committed (an INSERT whose renames failed): renamed to their published names. Used before an INSERT when the
    /// warehouse keeps no journals (on S3). Returns how many files were renamed.
    /// </summary>
    public static int PublishPending(IObjectStore store, string target, TableInfo table)
    {
        ArgumentNullException.ThrowIfNull(table);
        return table.Parameters.TryGetValue(TableWriteCommit.QueryIdsParameter, out var ids)
            ? PublishPending(store, target, ids.Split(',', StringSplitOptions.RemoveEmptyEntries))
            : 0;
    }

    private static int PublishPending(IObjectStore store, string target, IReadOnlyCollection<string> committed)
    {
        ArgumentNullException.ThrowIfNull(store);
        var renamed = 0;
        foreach (var file in store.List(target, recursive: true))
        {
            if (!WriteFileNames.TryGetPublished(file.Path, out var published)) continue;
            var name = WriteFileNames.TryGetPublished(file.Name, out var publishedName) ? publishedName : file.Name;
            var ofCommitted = false;
            foreach (var id in committed) ofCommitted |= StagedFiles.IsFileOf(name, id);
            if (!ofCommitted) continue;
            if (store.Stat(published) is null)
            {
                store.Move(file.Path, published);
                renamed++;
            }
            else
            {
                store.Delete(file.Path); // an S3 copy that was not followed by its delete
            }
        }
        return renamed;
    }
}
