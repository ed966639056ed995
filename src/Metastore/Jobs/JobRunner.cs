using QueryEngine.Engine.Catalog;
using QueryEngine.Engine.Session;

namespace QueryEngine.Metastore.Jobs;

/// <summary>What one job run did.</summary>
public sealed record JobRunResult(long RunId, int Statements, long RowsWritten, int FilesRead);

/// <summary>
/// Runs a job: its SQL script's statements in order in one session, recorded in the job's run history. With
/// bookmarks, the session's scans skip the files the job's earlier successful runs processed, and the files this
/// run read join the bookmark only when every statement succeeded (in the same metastore transaction that records the
/// run as succeeded). A failed run is recorded with its error, and the error is rethrown.
/// </summary>
public sealed class JobRunner(IJobStore store, Func<IScanFileFilter?, QuerySession> createSession)
{
    private readonly IJobStore _store = store ?? throw new ArgumentNullException(nameof(store));
    private readonly Func<IScanFileFilter?, QuerySession> _createSession = createSession ?? throw new ArgumentNullException(nameof(createSession));

    public JobRunResult Run(string job, string script, bool bookmark, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(script);
        var name = JobRules.NormalizeName(job);
        var filter = bookmark ? new JobBookmark(_store.GetJobBookmark(name)) : null;
        var runId = _store.StartJobRun(name, bookmark, DateTimeOffset.UtcNow);
        long rows = 0;
        var statements = 0;
        try
        {
            var session = _createSession(filter);
            foreach (var result in session.ExecuteEach(script, cancellation))
            {
                statements++;
                rows += result.UpdateCount ?? 0;
            }
        }
        catch (Exception ex)
        {
            _store.FinishJobRun(runId, DateTimeOffset.UtcNow, JobRunStatus.Failed, rows, $"statement {statements + 1}: {ex.Message}", null);
            throw;
        }
        var read = filter?.Read ?? [];
        _store.FinishJobRun(runId, DateTimeOffset.UtcNow, JobRunStatus.Succeeded, rows, null, bookmark ? read : null);
        return new JobRunResult(runId, statements, rows, read.Count);
    }
}
