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
    public void UnknownJobsAndBadNamesAreClearErrors()
    {
        Assert.Equal("Job 'nope' does not exist (it has never run)", Assert.Throws<NotFoundException>(() => Store.ListJobRuns("nope")).Message);
        Assert.Throws<NotFoundException>(() => Store.ResetJobBookmark("nope"));
        Assert.Contains("may only have", Assert.Throws<SemanticException>(() => Store.StartJobRun("a b", false, T0)).Message, StringComparison.Ordinal);
    }
}
