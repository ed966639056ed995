namespace QueryEngine.Metastore.Jobs;

/// <summary>How a job run ended (or that it is still running, or died without saying).</summary>
public enum JobRunStatus
{
    Running,
    Succeeded,
    Failed,
}

/// <summary>One recorded run of a job: times, outcome, rows its statements wrote, and the error of a failed run.</summary>
public sealed record JobRun(
    long Id,
    string Job,
    DateTimeOffset StartTime,
    DateTimeOffset? EndTime,
    JobRunStatus Status,
    bool Bookmark,
    long RowsWritten,
    int FilesRead,
    string? Error);

/// <summary>A file of a source table that a job has processed: its path, size and last-modified time when read.</summary>
public sealed record BookmarkedFile(string Table, string Path, long Size, DateTimeOffset LastModified);

/// <summary>A job as <c>qe job list</c> shows it: name, when its first run created it, how many runs it has, and its latest run.</summary>
public sealed record JobSummary(string Name, DateTimeOffset CreateTime, int Runs, JobRun? LastRun);
