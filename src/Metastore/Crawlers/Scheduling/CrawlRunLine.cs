using System.Globalization;
using QueryEngine.Metastore.Crawlers.Definitions;

namespace QueryEngine.Metastore.Crawlers.Scheduling;

/// <summary>The one log line a background crawl writes when it ends.</summary>
internal static class CrawlRunLine
{
    public static string Succeeded(string crawler, string trigger, long runId, CrawlReport report)
    {
        var c = StoredCrawlers.Counts(report);
        return string.Create(CultureInfo.InvariantCulture,
            $"crawler {crawler} run {runId} ({trigger}): SUCCEEDED in {report.Elapsed.TotalSeconds:0.00} s; files read {report.FilesClassified}; tables created {c.TablesCreated}, updated {c.TablesUpdated}, deleted {c.TablesDeleted}; partitions added {c.PartitionsAdded}, removed {c.PartitionsRemoved}; files skipped {c.FilesSkipped}");
    }

    public static string Ended(string crawler, string trigger, CrawlRunStatus status, string why) =>
        $"crawler {crawler} ({trigger}): {status.ToString().ToUpperInvariant()}: {why}";

    public static string NotStarted(string crawler, string trigger, string why) => $"crawler {crawler} ({trigger}): not started: {why}";
}
