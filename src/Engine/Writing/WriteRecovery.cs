using System.Text.Json;
using QueryEngine.Engine.Catalog;
using QueryEngine.Engine.Storage;

namespace QueryEngine.Engine.Writing;

/// <summary>
/// Cleans up after writes whose process died (run at start-up): every journal in
/// <c>&lt;warehouse&gt;/.qe-staging/</c> that no live process holds is resolved. A write the metastore committed
/// (its table records the query id) is finished: files still staged are moved into place. Any other write is undone:
/// its published files (<c>&lt;queryid&gt;_*</c> and bucket files <c>BBBBBB_0_&lt;queryid&gt;*</c> under the target) and staging folder are deleted, and the folder a
/// CTAS or UNLOAD created is removed when left empty.
/// </summary>
public static class WriteRecovery
{
    /// <summary>Resolves abandoned writes; returns how many were resolved.</summary>
    public static int Run(ICatalog catalog, Func<string, IObjectStore> stores, string warehouse)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(stores);
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
            return;
        }
        foreach (var file in store.List(entry.Target, recursive: true))
        {
            if (StagedFiles.IsFileOf(file.Name, entry.QueryId) && !file.RelativePath.StartsWith(WriteJournal.FolderName + "/", StringComparison.Ordinal))
            {
                store.Delete(file.Path);
            }
        }
        StagedFiles.DeleteStaging(store, entry.Target, entry.QueryId);
        if (entry.CreatesTarget) StagedFiles.DeleteIfEmpty(entry.Target);
    }
}
