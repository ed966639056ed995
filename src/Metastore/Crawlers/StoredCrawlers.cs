using System.Globalization;
using System.Text;
using QueryEngine.Engine.Catalog;
using QueryEngine.Engine.Common;
using QueryEngine.Engine.Storage;
using QueryEngine.Metastore.Crawlers.Definitions;

namespace QueryEngine.Metastore.Crawlers;

/// <summary>Runs stored crawlers and records each run in their history: on demand, or those whose schedule is due.</summary>
/// <param name="clock">Times runs are recorded with and schedules are evaluated against; null for the system clock.</param>
internal sealed class StoredCrawlers(ICatalog catalog, ICrawlerStore store, Func<string, IObjectStore> stores, TimeProvider? clock = null)
{
    private readonly TimeProvider _clock = clock ?? TimeProvider.System;

    /// <summary>Most lines of skipped files and logged changes kept in a run's message.</summary>
    public const int MessageLines = 50;

    /// <summary>
    /// Runs a crawler. Its run is recorded as RUNNING first, then SUCCEEDED with its counts, or FAILED (the error is
    /// rethrown) or CANCELLED; a failed run changes nothing it had not already committed table by table.
    /// </summary>
    /// <exception cref="CrawlerRunningException">A run of this crawler is still going on, here or in another process.</exception>
    public (long RunId, CrawlReport Report) Run(string name, CancellationToken cancellation = default) => Run(name, CrawlRequest.From, null, cancellation);

    /// <summary>
    /// Runs a crawler with the request <paramref name="request"/> makes of its definition (an event crawl narrows it to
    /// some folders); <paramref name="note"/>, when given, heads the run's message.
    /// </summary>
    public (long RunId, CrawlReport Report) Run(string name, Func<CrawlerDefinition, CrawlRequest> request, string? note, CancellationToken cancellation)
    {
        var crawler = store.GetCrawler(name) ?? throw CrawlerRules.NotFound(CrawlerRules.NormalizeName(name));
        var runId = store.StartCrawlRun(crawler.Name, _clock.GetUtcNow());
        try
        {
            var report = new Crawler(catalog, stores).Run(request(crawler), cancellation);
            store.FinishCrawlRun(runId, _clock.GetUtcNow(), CrawlRunStatus.Succeeded, Counts(report), Message(report, note));
            return (runId, report);
        }
        catch (OperationCanceledException)
        {
            store.FinishCrawlRun(runId, _clock.GetUtcNow(), CrawlRunStatus.Cancelled, CrawlRunCounts.None, note is null ? "cancelled" : note + "\ncancelled");
            throw;
        }
        catch (Exception ex) when (ex is QueryException or IOException or UnauthorizedAccessException)
        {
            store.FinishCrawlRun(runId, _clock.GetUtcNow(), CrawlRunStatus.Failed, CrawlRunCounts.None, ex.Message);
            throw;
        }
    }

    /// <summary>
    /// The crawlers whose schedule fired since their last run started (or since they were created) up to
    /// <paramref name="now"/>, by name.
    /// </summary>
    public IReadOnlyList<CrawlerDefinition> Due(DateTimeOffset now)
    {
        var due = new List<CrawlerDefinition>();
        foreach (var crawler in store.ListCrawlers())
        {
            if (crawler.Schedule is null) continue;
            var since = store.ListCrawlRuns(crawler.Name, limit: 1) is [var last, ..] ? last.StartTime : crawler.CreateTime;
            if (CronSchedule.Parse(crawler.Schedule).NextAfter(since) is { } next && next <= now) due.Add(crawler);
        }
        return due;
    }

    public static CrawlRunCounts Counts(CrawlReport report) => new(
        report.TablesCreated.Count,
        report.TablesUpdated.Count,
        report.TablesDeleted.Count + report.TablesDeprecated.Count,
        report.PartitionsAdded,
        report.PartitionsRemoved,
        report.Skipped.Count);

    /// <summary>What a run logged and skipped, one line each (at most <see cref="MessageLines"/>); null when nothing.</summary>
    private static string? Message(CrawlReport report, string? note)
    {
        var lines = new List<string>();
        if (note is not null) lines.Add(note);
        foreach (var table in report.TablesDeprecated) lines.Add($"table {table} deprecated: its files are gone");
        lines.AddRange(report.Log);
        foreach (var (path, reason) in report.Skipped) lines.Add($"skipped {path}: {reason}");
        if (lines.Count == 0) return null;
        var text = new StringBuilder();
        for (var i = 0; i < Math.Min(lines.Count, MessageLines); i++) text.Append(lines[i]).Append('\n');
        if (lines.Count > MessageLines) text.Append(CultureInfo.InvariantCulture, $"... and {lines.Count - MessageLines} more\n");
        return text.ToString().TrimEnd('\n');
    }
}
