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
/// Runs one write all-or-nothing: a journal is started, the query's batches (after <c>convert</c>) are written to
/// staged files, and <c>commit</c> (the metastore transaction) makes them part of the table. The files of a new target
/// are moved into place before the commit (nobody reads the target yet); an INSERT's files are moved after it, so
/// readers of the existing folders never see uncommitted files. Any failure or cancellation before the commit succeeds
/// deletes every file the write made.
/// </summary>
internal sealed class WriteExecution(QuerySession session, string queryId)
{
    public sealed record Target(string Location, string? Database, string? Table, bool CreatesTarget);

    /// <summary>The outcome: rows and partitions written, statistics, and whether the commit applied the write.</summary>
    public sealed record Outcome(WrittenData Data, bool Applied);

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
        var journalFolder = WriteJournal.FolderOf(session.Options.Warehouse);
        using var journal = journalFolder is null
            ? null
            : WriteJournal.Begin(journalFolder, new WriteJournalEntry(queryId, target.Location, target.Database, target.Table, target.CreatesTarget));
        var files = new StagedFiles(store, target.Location, queryId);
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
            if (!target.CreatesTarget) PublishCommitted(files, journal, target);
            return new Outcome(data, applied);
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
    /// Moves a committed INSERT's staged files into place. The write is already committed, so a failure here undoes
    /// nothing: the journal is kept (its lock released) and the next start's <see cref="WriteRecovery"/> finishes the moves.
    /// </summary>
    private void PublishCommitted(StagedFiles files, WriteJournal? journal, Target target)
    {
        try
        {
            files.Publish(CancellationToken.None);
        }
        catch (StorageException ex)
        {
            journal?.KeepForRecovery();
            throw new StorageException(
                $"Query {queryId} is committed to {target.Database}.{target.Table}, but moving its files into {target.Location} failed ({ex.Message}); " +
                (journal is null
                    ? $"they stay under {files.StagingRoot}"
                    : "the next start (qe sql, qe serve) moves the rest into place"),
                ex);
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
