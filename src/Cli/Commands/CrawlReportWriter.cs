using System.Globalization;
using QueryEngine.Metastore.Crawlers;

namespace QueryEngine.Cli.Commands;

/// <summary>Prints what a crawl did: one line per outcome, then what was logged and skipped.</summary>
internal static class CrawlReportWriter
{
    public static void Write(TextWriter output, string targets, string database, CrawlReport report)
    {
        output.Write(string.Create(CultureInfo.InvariantCulture,
            $"Crawled {targets} into database {database} in {report.Elapsed.TotalSeconds:0.00} s: {report.FilesClassified} files classified\n"));
        Tables(output, "created", report.TablesCreated);
        Tables(output, "updated", report.TablesUpdated);
        Tables(output, "unchanged", report.TablesUnchanged);
        Tables(output, "deprecated", report.TablesDeprecated);
        Tables(output, "deleted", report.TablesDeleted);
        if (report.PartitionsAdded > 0) output.Write(string.Create(CultureInfo.InvariantCulture, $"Partitions added: {report.PartitionsAdded}\n"));
        if (report.PartitionsRemoved > 0) output.Write(string.Create(CultureInfo.InvariantCulture, $"Partitions removed: {report.PartitionsRemoved}\n"));
        if (report.Log.Count > 0)
        {
            output.Write("Logged:\n");
            foreach (var line in report.Log) output.Write($"  {line}\n");
        }
        if (report.Skipped.Count > 0)
        {
            output.Write($"Skipped {report.Skipped.Count} file(s):\n");
            foreach (var (path, reason) in report.Skipped) output.Write($"  {path}: {reason}\n");
        }
    }

    private static void Tables(TextWriter output, string what, IReadOnlyList<string> tables)
    {
        if (tables.Count > 0) output.Write($"Tables {what} ({tables.Count}): {string.Join(", ", tables)}\n");
    }
}
