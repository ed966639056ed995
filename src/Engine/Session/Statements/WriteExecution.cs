using QueryEngine.Engine.Catalog;
using QueryEngine.Engine.Columnar;
using QueryEngine.Engine.Common;
using QueryEngine.Engine.Execution;
using QueryEngine.Engine.Execution.Plan;
using QueryEngine.Engine.Storage;
using QueryEngine.Engine.Writing;
using QueryEngine.Engine.Writing.Bucketing;

namespace QueryEngine.Engine.Session.Statements;

/// <summary>
/// Runs one write all-or-nothing: abandoned writes are recovered first, a journal is started, the query's batches
/// (after <c>convert</c>) are written to staged files, and <c>commit</c> (the metastore transaction) makes them part of
/// the table. The files of a new target are moved into place before the commit (nobody reads the target yet). An
/// INSERT writes pending files in their final folders (<see cref="StagedFiles.InPlace"/>): scans read them exactly when
/// the commit has recorded the write, so the commit alone switches readers from the old table to the new one; they are
/// renamed to their published names after it, for other tools. Any failure or cancellation before the commit succeeds
/// deletes every file the write made.
/// </summary>
internal sealed class WriteExecution(QuerySession session, string queryId)
{
    public sealed record Target(string Location, string? Database, string? Table, bool CreatesTarget);

    /// <summary>The outcome: rows and partitions written, statistics, and whether the commit applied the write.</summary>
    /// <param name="Unpublished">Files of a committed INSERT left pending because renaming them failed (read all the same; the next write or start renames them).</param>
    public sealed record Outcome(WrittenData Data, bool Applied, int Unpublished = 0);

    public Outcome Run(
        Target target,
        PhysicalPlan plan,
        Func<RecordBatch, RecordBatch> convert,
        WriteOptions options,
        IReadOnlyList<ColumnInfo> dataColumns,
        Schema dataSchema,
        IReadOnlyList<ColumnInfo> partitionKeys,
        BucketLayout? buckets,
        Func<WrittenData, PartitionedFileWriter, bool> commit,
        CancellationToken cancellation)
    {
        var store = session.StoreFor(target.Location);
        RecoverAbandonedWrites();
        using var journal = BeginJournal(new WriteJournalEntry(queryId, target.Location, target.Database, target.Table, target.CreatesTarget));
        var files = new StagedFiles(store, target.Location, queryId, inPlace: !target.CreatesTarget);
        var writer = new PartitionedFileWriter(files, options, dataColumns, dataSchema, partitionKeys, session.Options.WriteLimits) { Buckets = buckets };
        var committed = false;
        try
        {
            var context = session.NewExecutionContext(cancellation);
            foreach (var batch in QueryExecutor.Execute(plan, context))
            {
                cancellation.ThrowIfCancellationRequested();
                writer.Write(convert(batch));
            }
            var data = writer.Finish();
            cancellation.ThrowIfCancellationRequested();
            // A new target (CTAS, UNLOAD) is invisible until the commit: its files are moved into place first. An
            // INSERT's files go into folders readers already list: they stay staged (hidden) until the commit.
            if (target.CreatesTarget) files.Publish(cancellation);
            cancellation.ThrowIfCancellationRequested();
            var applied = commit(data, writer);
            committed = true;
            if (!applied)
            {
                files.Discard();
                return new Outcome(data, applied);
            }
            var unpublished = target.CreatesTarget ? 0 : PublishCommitted(files, journal);
            return new Outcome(data, applied, unpublished);
        }
        catch (Exception ex) when (!committed && IsCleanable(ex))
        {
            writer.Abandon();
            files.Discard();
            if (target.CreatesTarget) StagedFiles.DeleteIfEmpty(target.Location);
            throw;
        }
    }

    /// <summary>
    /// Renames a committed INSERT's pending files to their published names. Scans already read them (the write is
    /// committed), so a failure here changes no query's result and undoes nothing: the journal is kept (its lock
    /// released) and the next write or start (<see cref="WriteRecovery"/>) renames the rest; without a journal (a
    /// warehouse on S3) the next INSERT into the table does. Returns how many files are left pending.
    /// </summary>
    private static int PublishCommitted(StagedFiles files, IWriteJournal? journal)
    {
        try
        {
            files.Publish(CancellationToken.None);
            return 0;
        }
        catch (StorageException)
        {
            journal?.KeepForRecovery();
            return files.Unpublished;
        }
    }

    /// <summary>
    /// Starts the write's journal: a locked file in a local warehouse, an object with a renewed lease in a warehouse on
    /// an object store; none when the warehouse's store cannot be resolved.
    /// </summary>
    private IWriteJournal? BeginJournal(WriteJournalEntry entry)
    {
        var warehouse = session.Options.Warehouse;
        if (WriteJournal.ObjectStoreFolderOf(warehouse) is { } remote)
        {
            return LeasedWriteJournal.Begin(session.StoreFor(warehouse), remote, entry, session.Options.WriteLimits.JournalLease);
        }
        return WriteJournal.FolderOf(warehouse) is { } folder ? WriteJournal.Begin(folder, entry) : null;
    }

    /// <summary>
    /// Resolves the journals of writes whose process died or whose renames failed (<see cref="WriteRecovery"/>)
    /// before this write starts; a store failure leaves them to the next attempt rather than failing this write.
    /// </summary>
    private void RecoverAbandonedWrites()
    {
        try
        {
            WriteRecovery.Run(session.Catalog, session.StoreFor, session.Options.Warehouse, session.Options.WriteLimits.JournalLease);
        }
        catch (StorageException)
        {
            // Retried by the next write or start.
        }
    }

    private static bool IsCleanable(Exception ex) => ex is not (OutOfMemoryException or StackOverflowException);

    /// <summary>Refuses a target that already holds files (Athena's rule for CTAS and UNLOAD).</summary>
    public static void RequireEmpty(IObjectStore store, string location, SourceSpan? span, string what)
    {
        foreach (var entry in store.List(location, recursive: true))
        {
            if (entry.RelativePath.StartsWith(WriteJournal.FolderName + "/", StringComparison.Ordinal)) continue;
            throw new SemanticException(
                $"{what} location {location} is not empty (it holds {entry.RelativePath}): write to an empty location",
                span,
                code: ErrorCode.AlreadyExists);
        }
    }

    /// <summary>A new query id, or the caller's after checking it is usable in file names.</summary>
    public static string QueryIdOrNew(string? queryId)
    {
        if (queryId is null) return Guid.NewGuid().ToString("N");
        if (queryId.Length is 0 or > 64 || !queryId.All(c => char.IsAsciiLetterOrDigit(c) || c is '-'))
        {
            throw new SemanticException($"Invalid query id '{queryId}': use 1 to 64 letters, digits or '-'");
        }
        return queryId;
    }
}
