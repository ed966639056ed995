using QueryEngine.Engine.Common;
using QueryEngine.Metastore.Jobs;
using Xunit;

namespace QueryEngine.Metastore.Tests.Store.Jobs;

/// <summary>What every <see cref="IJobStore"/> (SQLite, PostgreSQL) must do with job bookmarks and run history.</summary>
public abstract class JobStoreContractTests : IDisposable
{
    private static readonly DateTimeOffset T0 = DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_000_123);

    protected abstract IJobStore Store { get; }

    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing)
    {
    }

    [Fact]
    public void RunsAreRecordedNewestFirstWithTheirOutcome()
    {
        var first = Store.StartJobRun("Load", bookmark: true, T0);
        Assert.Equal(JobRunStatus.Running, Store.ListJobRuns("load").Single().Status);
        Store.FinishJobRun(first, T0.AddSeconds(2), JobRunStatus.Succeeded, 42, null, [new BookmarkedFile("raw.t", "/d/a.csv", 10, T0)]);
        var second = Store.StartJobRun("load", bookmark: false, T0.AddSeconds(5));
        Store.FinishJobRun(second, T0.AddSeconds(6), JobRunStatus.Failed, 0, "statement 2: boom ✓", null);

        var runs = Store.ListJobRuns("LOAD");
        Assert.Equal(
            [
                new JobRun(second, "load", T0.AddSeconds(5), T0.AddSeconds(6), JobRunStatus.Failed, false, 0, 0, "statement 2: boom ✓"),
                new JobRun(first, "load", T0, T0.AddSeconds(2), JobRunStatus.Succeeded, true, 42, 1, null),
            ],
            runs);
        Assert.Single(Store.ListJobRuns("load", limit: 1));
    }

    [Fact]
    public void TheBookmarkAdvancesOnlyWithTheFilesOfAFinishedRunAndResets()
    {
        Assert.Empty(Store.GetJobBookmark("etl"));
        var run = Store.StartJobRun("etl", bookmark: true, T0);
        Assert.Empty(Store.GetJobBookmark("etl"));
        Store.FinishJobRun(run, T0, JobRunStatus.Succeeded, 2, null, [new BookmarkedFile("raw.a", "/x/1", 5, T0), new BookmarkedFile("raw.b", "/y/1", 6, T0)]);
        var again = Store.StartJobRun("etl", bookmark: true, T0);
        Store.FinishJobRun(again, T0, JobRunStatus.Succeeded, 1, null, [new BookmarkedFile("raw.a", "/x/1", 7, T0.AddSeconds(1)), new BookmarkedFile("raw.a", "/x/2", 8, T0)]);

        Assert.Equal(
            [new BookmarkedFile("raw.a", "/x/1", 7, T0.AddSeconds(1)), new BookmarkedFile("raw.a", "/x/2", 8, T0), new BookmarkedFile("raw.b", "/y/1", 6, T0)],
            Store.GetJobBookmark("ETL"));

        Store.ResetJobBookmark("etl");
        Assert.Empty(Store.GetJobBookmark("etl"));
        Assert.Equal(2, Store.ListJobRuns("etl").Count);
    }

    [Fact]
    public void JobsAreListedByNameWithTheirLatestRunAndDeletedWithTheirHistory()
    {
        Assert.Empty(Store.ListJobs());
        var a1 = Store.StartJobRun("beta", bookmark: true, T0);
        Store.FinishJobRun(a1, T0.AddSeconds(1), JobRunStatus.Succeeded, 3, null, [new BookmarkedFile("raw.t", "/d/a.csv", 10, T0)]);
        var a2 = Store.StartJobRun("beta", bookmark: true, T0.AddSeconds(10));
        var b1 = Store.StartJobRun("alpha", bookmark: false, T0.AddSeconds(20));
        Store.FinishJobRun(b1, T0.AddSeconds(21), JobRunStatus.Failed, 0, "boom", null);

        var jobs = Store.ListJobs();
        Assert.Equal(["alpha", "beta"], jobs.Select(j => j.Name));
        Assert.Equal(1, jobs[0].Runs);
        Assert.Equal(new JobRun(b1, "alpha", T0.AddSeconds(20), T0.AddSeconds(21), JobRunStatus.Failed, false, 0, 0, "boom"), jobs[0].LastRun);
        Assert.Equal(T0.AddSeconds(20), jobs[0].CreateTime);
        Assert.Equal(2, jobs[1].Runs);
        Assert.Equal(new JobRun(a2, "beta", T0.AddSeconds(10), null, JobRunStatus.Running, true, 0, 0, null), jobs[1].LastRun);

        Assert.Equal(2, Store.DeleteJob("BETA"));
        Assert.Equal(["alpha"], Store.ListJobs().Select(j => j.Name));
        Assert.Throws<NotFoundException>(() => Store.ListJobRuns("beta"));
        Assert.Empty(Store.GetJobBookmark("beta"));
        Assert.Throws<NotFoundException>(() => Store.DeleteJob("beta"));
        // The name starts over as a new job; the other job is untouched.
        var again = Store.StartJobRun("beta", bookmark: false, T0.AddSeconds(30));
        Assert.Equal([again], Store.ListJobRuns("beta").Select(r => r.Id));
        Assert.Single(Store.ListJobRuns("alpha"));
    }

    [Fact]
    public void UnknownJobsAndBadNamesAreClearErrors()
    {
        Assert.Equal("Job 'nope' does not exist (it has never run)", Assert.Throws<NotFoundException>(() => Store.ListJobRuns("nope")).Message);
        Assert.Throws<NotFoundException>(() => Store.ResetJobBookmark("nope"));
        Assert.Contains("may only have", Assert.Throws<SemanticException>(() => Store.StartJobRun("a b", false, T0)).Message, StringComparison.Ordinal);
    }
}
