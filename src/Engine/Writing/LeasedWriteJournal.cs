using System.Text.Json;
using QueryEngine.Engine.Common;
using QueryEngine.Engine.Storage;

namespace QueryEngine.Engine.Writing;

/// <summary>
/// The journal of one running write in a warehouse on an object store (S3), where no file lock outlives its process:
/// the object <c>&lt;warehouse&gt;/.qe-staging/&lt;queryid&gt;.json</c>, rewritten every third of the lease while the write
/// runs, deleted when it ends. A journal not rewritten for a whole lease (its last-modified time older than
/// <see cref="WriteLimits.JournalLease"/>) belongs to a process that died: <see cref="WriteRecovery"/> finishes or undoes
/// its write.
/// </summary>
internal sealed class LeasedWriteJournal : IWriteJournal
{
    private readonly IObjectStore _store;
    private readonly string _path;
    private readonly byte[] _content;
    private readonly TimeSpan _period;
    private readonly ManualResetEventSlim _stopping = new();
    private readonly Thread _renewer;
    private bool _stopped;
    private bool _keep;

    private LeasedWriteJournal(IObjectStore store, string path, byte[] content, TimeSpan lease)
    {
        _store = store;
        _path = path;
        _content = content;
        _period = TimeSpan.FromTicks(Math.Max(lease.Ticks / 3, TimeSpan.FromMilliseconds(50).Ticks));
        // One thread of its own, not timer callbacks on the thread pool: renewals never overlap, and a slow object
        // store cannot pile blocked callbacks onto the pool (which starved the store's own I/O completions).
        _renewer = new Thread(RenewUntilStopped) { IsBackground = true, Name = "qe write journal lease" };
        _renewer.Start();
    }

    /// <summary>The journal's location for a write: <c>&lt;folder&gt;/&lt;queryid&gt;.json</c>.</summary>
    public static string PathOf(string folder, string queryId) => StorageLocations.Combine(folder, queryId + ".json");

    /// <summary>Writes the journal object and starts renewing its lease.</summary>
    public static LeasedWriteJournal Begin(IObjectStore store, string folder, WriteJournalEntry entry, TimeSpan lease)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(entry);
        var path = PathOf(folder, entry.QueryId);
        var content = JsonSerializer.SerializeToUtf8Bytes(entry, WriteJournalJson.Default.WriteJournalEntry);
        try
        {
            Put(store, path, content);
        }
        catch (StorageException ex)
        {
            throw new StorageException($"cannot start the write journal of query {entry.QueryId} at {path}: {ex.Message}", ex);
        }
        return new LeasedWriteJournal(store, path, content, lease);
    }

    public void KeepForRecovery()
    {
        Stop();
        _keep = true;
    }

    public void Dispose()
    {
        Stop();
        if (_keep) return;
        try
        {
            _store.Delete(_path);
        }
        catch (StorageException)
        {
            // A journal that outlives its write is resolved once its lease runs out (the write is committed or undone by then).
        }
    }

    /// <summary>Stops renewing; returns once no renewal is in flight, so none can follow the journal's deletion.</summary>
    private void Stop()
    {
        if (_stopped) return;
        _stopped = true;
        _stopping.Set();
        _renewer.Join();
        _stopping.Dispose();
    }

    /// <summary>Rewrites the journal (a new last-modified time) every third of the lease; a failed renewal is retried at the next tick.</summary>
    private void RenewUntilStopped()
    {
        while (!_stopping.Wait(_period))
        {
            try
            {
                Put(_store, _path, _content);
            }
            catch (Exception ex) when (ex is StorageException or TimeoutException or IOException or OperationCanceledException)
            {
                // Retried at the next tick; the lease is three ticks long. This runs on a thread of its own: an exception
                // escaping it (an S3 request timing out) would end the process.
            }
        }
    }

    private static void Put(IObjectStore store, string path, byte[] content)
    {
        using var stream = store.Create(path);
        stream.Write(content);
    }
}
