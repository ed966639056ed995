using QueryEngine.Engine.Common;

namespace QueryEngine.Metastore.Crawlers.Definitions;

/// <summary>
/// A crawler cannot start because one of its runs is still RUNNING, in this process or another (Glue's
/// <c>CrawlerRunningException</c>). Carries the run in the way.
/// </summary>
public sealed class CrawlerRunningException(string crawler, long runId, DateTimeOffset started)
    : QueryException(
        ErrorCode.ConcurrentModification,
        $"Crawler '{crawler}' is already running (run {runId}, started {started.UtcDateTime:yyyy-MM-dd HH:mm:ss} UTC)",
        null,
        "wait for that run to end; a run left RUNNING by a killed process is abandoned after " + CrawlerRules.StaleRunHours + " hours",
        null)
{
    public string Crawler { get; } = crawler;

    public long RunId { get; } = runId;

    public override string Phase => "Crawler error";
}
