namespace QueryEngine.Metastore.Jobs;

/// <summary>Where jobs keep their bookmarks (files already processed per source table) and their run history.</summary>
public interface IJobStore
{
    /// <summary>Records a run as running (creating the job on its first run) and returns the run's id.</summary>
    long StartJobRun(string job, bool bookmark, DateTimeOffset start);

    /// <summary>
    /// Records how a run ended; with <paramref name="processed"/>, adds those files to the job's bookmark in the same
    /// transaction, so the bookmark advances exactly when the run is recorded as finished.
    /// </summary>
    void FinishJobRun(long runId, DateTimeOffset end, JobRunStatus status, long rowsWritten, string? error, IReadOnlyList<BookmarkedFile>? processed);

    /// <summary>The files the job's successful bookmarked runs have processed (empty for an unknown job).</summary>
    IReadOnlyList<BookmarkedFile> GetJobBookmark(string job);

    /// <summary>Forgets the job's bookmark, so its next run processes every file; its history stays.</summary>
    void ResetJobBookmark(string job);

    /// <summary>The job's runs, newest first.</summary>
    IReadOnlyList<JobRun> ListJobRuns(string job, int limit = 100);

    /// <summary>Every job in name order, with its number of runs and its latest run.</summary>
    IReadOnlyList<JobSummary> ListJobs();

    /// <summary>Deletes a job with its bookmark and run history and returns how many runs it had; the name may be used again (a new job).</summary>
    int DeleteJob(string job);
}
