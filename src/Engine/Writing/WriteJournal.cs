using System.Text.Json;
using QueryEngine.Engine.Common;

namespace QueryEngine.Engine.Writing;

/// <summary>What a journal records about one write: its id, the folder it writes under, and the table it commits to (none for UNLOAD).</summary>
public sealed record WriteJournalEntry(string QueryId, string Target, string? Database, string? Table, bool CreatesTarget);

/// <summary>
/// The journal of one running write: <c>&lt;warehouse&gt;/.qe-staging/&lt;queryid&gt;.json</c>, created before the first
/// file and held open with an exclusive lock until the write is committed or undone, then deleted. A journal
/// whose lock nobody holds belongs to a process that died: <see cref="WriteRecovery"/> finishes or undoes its write.
/// </summary>
internal sealed class WriteJournal : IWriteJournal
{
    public const string FolderName = ".qe-staging";

    private readonly FileStream _stream;
    private readonly string _path;
    private bool _keep;

    private WriteJournal(FileStream stream, string path)
    {
        _stream = stream;
        _path = path;
    }

    /// <summary>The journal folder of a local warehouse, or null when the warehouse is not a local folder.</summary>
    public static string? FolderOf(string warehouse)
    {
        var scheme = Storage.StorageLocations.GetScheme(warehouse);
        if (scheme is not null && scheme != "file") return null;
        return Path.Combine(Storage.LocalObjectStore.ToLocalPath(warehouse), FolderName);
    }

    /// <summary>The journal folder of a warehouse on an object store (<c>&lt;warehouse&gt;/.qe-staging/</c>), or null for a local warehouse.</summary>
    public static string? ObjectStoreFolderOf(string warehouse)
    {
        var scheme = Storage.StorageLocations.GetScheme(warehouse);
        return scheme is null or "file" ? null : Storage.StorageLocations.Combine(warehouse, FolderName);
    }

    public static WriteJournal Begin(string folder, WriteJournalEntry entry)
    {
        try
        {
            Directory.CreateDirectory(folder);
            var path = Path.Combine(folder, entry.QueryId + ".json");
            // FileShare.None takes an exclusive lock that lasts as long as this process keeps the file open.
            var stream = new FileStream(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None);
            JsonSerializer.Serialize(stream, entry, WriteJournalJson.Default.WriteJournalEntry);
            stream.Flush(flushToDisk: true);
            return new WriteJournal(stream, path);
        }
        catch (IOException ex)
        {
            throw new StorageException($"cannot start the write journal of query {entry.QueryId} in {folder}: {ex.Message}", ex);
        }
        catch (UnauthorizedAccessException ex)
        {
            throw new StorageException($"cannot start the write journal of query {entry.QueryId} in {folder}: permission denied", ex);
        }
    }

    /// <summary>Releases the lock but keeps the journal: a committed write whose files could not all be moved is finished by the next recovery.</summary>
    public void KeepForRecovery()
    {
        _keep = true;
        _stream.Dispose();
    }

    /// <summary>Ends the write: releases the lock and deletes the journal (unless kept for recovery).</summary>
    public void Dispose()
    {
        _stream.Dispose();
        if (_keep) return;
        try
        {
            File.Delete(_path);
        }
        catch (IOException)
        {
            // A journal that outlives its write is resolved by the next recovery (the write is committed or undone by then).
        }
        catch (UnauthorizedAccessException)
        {
            // Same.
        }
    }
}

[System.Text.Json.Serialization.JsonSerializable(typeof(WriteJournalEntry))]
internal sealed partial class WriteJournalJson : System.Text.Json.Serialization.JsonSerializerContext;
