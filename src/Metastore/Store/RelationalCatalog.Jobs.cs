using System.Data.Common;
using QueryEngine.Metastore.Jobs;

namespace QueryEngine.Metastore.Store;

/// <summary>Job bookmarks and run history in the JOBS, JOB_BOOKMARKS and JOB_RUNS tables (migration 4).</summary>
public abstract partial class RelationalCatalog : IJobStore
{
    public long StartJobRun(string job, bool bookmark, DateTimeOffset start)
    {
        var key = JobRules.NormalizeName(job);
        long runId = 0;
        Write(transaction =>
        {
            var id = FindJobId(transaction, key) ?? DbCommands.ScalarInt64(
                transaction,
                "INSERT INTO JOBS (NAME, CREATE_TIME) VALUES (@name, @created) RETURNING JOB_ID",
                ("@name", key),
                ("@created", start.ToUnixTimeMilliseconds()))!.Value;
            runId = DbCommands.ScalarInt64(
                transaction,
                "INSERT INTO JOB_RUNS (JOB_ID, START_TIME, STATUS, BOOKMARK) VALUES (@job, @start, @status, @bookmark) RETURNING RUN_ID",
                ("@job", id),
                ("@start", start.ToUnixTimeMilliseconds()),
                ("@status", JobStatusName(JobRunStatus.Running)),
                ("@bookmark", bookmark))!.Value;
        });
        return runId;
    }

    public void FinishJobRun(long runId, DateTimeOffset end, JobRunStatus status, long rowsWritten, string? error, IReadOnlyList<BookmarkedFile>? processed)
    {
        Write(transaction =>
        {
            var jobId = DbCommands.ScalarInt64(transaction, "SELECT JOB_ID FROM JOB_RUNS WHERE RUN_ID = @run", ("@run", runId))
                ?? throw new Engine.Common.InternalException($"job run {runId} is not recorded");
            DbCommands.Execute(
                transaction,
                "UPDATE JOB_RUNS SET END_TIME = @end, STATUS = @status, ROWS_WRITTEN = @rows, FILES_READ = @files, ERROR = @error WHERE RUN_ID = @run",
                ("@end", end.ToUnixTimeMilliseconds()),
                ("@status", JobStatusName(status)),
                ("@rows", rowsWritten),
                ("@files", processed?.Count ?? 0),
                ("@error", error),
                ("@run", runId));
            if (processed is { Count: > 0 }) AdvanceBookmark(transaction, jobId, processed);
        });
    }

    public IReadOnlyList<BookmarkedFile> GetJobBookmark(string job)
    {
        var key = JobRules.NormalizeName(job);
        return Read<IReadOnlyList<BookmarkedFile>>(transaction =>
        {
            if (FindJobId(transaction, key) is not { } id) return [];
            using var command = DbCommands.Create(
                transaction,
                "SELECT TABLE_NAME, FILE_PATH, FILE_SIZE, FILE_MTIME FROM JOB_BOOKMARKS WHERE JOB_ID = @job ORDER BY TABLE_NAME, FILE_PATH",
                ("@job", id));
            using var reader = command.ExecuteReader();
            var files = new List<BookmarkedFile>();
            while (reader.Read())
            {
                files.Add(new BookmarkedFile(reader.GetString(0), reader.GetString(1), reader.GetInt64(2), DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(3))));
            }
            return files;
        });
    }

    public void ResetJobBookmark(string job)
    {
        var key = JobRules.NormalizeName(job);
        Write(transaction =>
        {
            if (FindJobId(transaction, key) is not { } id) throw JobRules.NotFound(key);
            DbCommands.Execute(transaction, "DELETE FROM JOB_BOOKMARKS WHERE JOB_ID = @job", ("@job", id));
        });
    }

    public IReadOnlyList<JobRun> ListJobRuns(string job, int limit = 100)
    {
        var key = JobRules.NormalizeName(job);
        return Read(transaction =>
        {
            if (FindJobId(transaction, key) is not { } id) throw JobRules.NotFound(key);
            return ReadRuns(transaction, id, key, limit);
        });
    }

    public IReadOnlyList<JobSummary> ListJobs() => Read<IReadOnlyList<JobSummary>>(transaction =>
    {
        var jobs = new List<(long Id, string Name, long Created, int Runs)>();
        using (var command = DbCommands.Create(
            transaction,
            "SELECT j.JOB_ID, j.NAME, j.CREATE_TIME, (SELECT COUNT(*) FROM JOB_RUNS r WHERE r.JOB_ID = j.JOB_ID) FROM JOBS j ORDER BY j.NAME"))
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read()) jobs.Add((reader.GetInt64(0), reader.GetString(1), reader.GetInt64(2), Convert.ToInt32(reader.GetValue(3), System.Globalization.CultureInfo.InvariantCulture)));
        }
        var result = new List<JobSummary>(jobs.Count);
        foreach (var job in jobs)
        {
            var last = ReadRuns(transaction, job.Id, job.Name, 1);
            result.Add(new JobSummary(job.Name, DateTimeOffset.FromUnixTimeMilliseconds(job.Created), job.Runs, last.Count > 0 ? last[0] : null));
        }
        return result;
    });

    public int DeleteJob(string job)
    {
        var key = JobRules.NormalizeName(job);
        var runs = 0;
        Write(transaction =>
        {
            if (FindJobId(transaction, key) is not { } id) throw JobRules.NotFound(key);
            DbCommands.Execute(transaction, "DELETE FROM JOB_BOOKMARKS WHERE JOB_ID = @job", ("@job", id));
            runs = DbCommands.Execute(transaction, "DELETE FROM JOB_RUNS WHERE JOB_ID = @job", ("@job", id));
            DbCommands.Execute(transaction, "DELETE FROM JOBS WHERE JOB_ID = @job", ("@job", id));
        });
        return runs;
    }

    /// <summary>Each file replaces the bookmark's entry for its table and path (a rewritten file keeps its newest size and time).</summary>
    private static void AdvanceBookmark(DbTransaction transaction, long jobId, IReadOnlyList<BookmarkedFile> files)
    {
        using var delete = DbCommands.Create(
            transaction,
            "DELETE FROM JOB_BOOKMARKS WHERE JOB_ID = @job AND TABLE_NAME = @table AND FILE_PATH = @path",
            ("@job", jobId));
        var deleteTable = DbCommands.Add(delete, "@table", null);
        var deletePath = DbCommands.Add(delete, "@path", null);
        using var insert = DbCommands.Create(
            transaction,
            "INSERT INTO JOB_BOOKMARKS (JOB_ID, TABLE_NAME, FILE_PATH, FILE_SIZE, FILE_MTIME) VALUES (@job, @table, @path, @size, @mtime)",
            ("@job", jobId));
        var table = DbCommands.Add(insert, "@table", null);
        var path = DbCommands.Add(insert, "@path", null);
        var size = DbCommands.Add(insert, "@size", null);
        var mtime = DbCommands.Add(insert, "@mtime", null);
        foreach (var file in files)
        {
            deleteTable.Value = file.Table;
            deletePath.Value = file.Path;
            delete.ExecuteNonQuery();
            table.Value = file.Table;
            path.Value = file.Path;
            size.Value = file.Size;
            mtime.Value = file.LastModified.ToUnixTimeMilliseconds();
            insert.ExecuteNonQuery();
        }
    }

    private static List<JobRun> ReadRuns(DbTransaction transaction, long jobId, string name, int limit)
    {
        using var command = DbCommands.Create(
            transaction,
            """
            SELECT RUN_ID, START_TIME, END_TIME, STATUS, BOOKMARK, ROWS_WRITTEN, FILES_READ, ERROR
            FROM JOB_RUNS WHERE JOB_ID = @job ORDER BY RUN_ID DESC LIMIT @limit
            """,
            ("@job", jobId),
            ("@limit", limit));
        using var reader = command.ExecuteReader();
        var runs = new List<JobRun>();
        while (reader.Read())
        {
            runs.Add(new JobRun(
                reader.GetInt64(0),
                name,
                DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(1)),
                reader.NullableInt64(2) is { } end ? DateTimeOffset.FromUnixTimeMilliseconds(end) : null,
                Enum.Parse<JobRunStatus>(reader.GetString(3), ignoreCase: true),
                reader.GetBoolean(4),
                reader.GetInt64(5),
                reader.GetInt32(6),
                reader.NullableString(7)));
        }
        return runs;
    }

    private static long? FindJobId(DbTransaction transaction, string name) =>
        DbCommands.ScalarInt64(transaction, "SELECT JOB_ID FROM JOBS WHERE NAME = @name", ("@name", name));

    private static string JobStatusName(JobRunStatus status) => status.ToString().ToUpperInvariant();
}
