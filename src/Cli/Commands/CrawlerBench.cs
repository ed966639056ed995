using System.Diagnostics;
using System.Globalization;
using System.Text;
using QueryEngine.Engine.Storage;
using QueryEngine.Metastore.Crawlers;
using QueryEngine.Metastore.Crawlers.Definitions;
using QueryEngine.Metastore.Store.Sqlite;

namespace QueryEngine.Cli.Commands;

/// <summary>
/// <c>qe crawler bench</c>: writes a lake of many small CSV files in Hive partitions (<c>dt=N/</c>) under a temporary
/// folder, crawls it into a fresh SQLite metastore, re-crawls it (nothing changed), then re-crawls new folders only,
/// and prints each time. The folder is deleted afterwards.
/// </summary>
internal static class CrawlerBench
{
    public static int Run(int files, int partitions, CliConsole console, CancellationToken cancellation)
    {
        var root = Path.Combine(Path.GetTempPath(), "qe-crawl-bench-" + Guid.NewGuid().ToString("N"));
        var lake = Path.Combine(root, "lake");
        try
        {
            var watch = Stopwatch.StartNew();
            Generate(lake, files, partitions);
            var output = console.Output;
            output.Write(string.Create(CultureInfo.InvariantCulture, $"Wrote {files} CSV files in {partitions} partitions in {watch.Elapsed.TotalSeconds:0.00} s\n"));
            using var catalog = new SqliteCatalog(Path.Combine(root, "metastore.db"), root);
            var crawler = new Crawler(catalog, _ => new LocalObjectStore());
            var request = new CrawlRequest("bench", [lake], [], CrawlerName: "bench");
            Time(output, "first crawl", () => crawler.Run(request, cancellation));
            Time(output, "re-crawl, nothing changed", () => crawler.Run(request, cancellation));
            Time(output, "re-crawl, new folders only", () => crawler.Run(request with { Recrawl = RecrawlBehavior.NewFoldersOnly }, cancellation));
            return ExitCodes.Success;
        }
        finally
        {
            try
            {
                Directory.Delete(root, recursive: true);
            }
            catch (IOException)
            {
                // Best effort: the OS cleans its temporary folder.
            }
        }
    }

    private static void Time(TextWriter output, string what, Func<CrawlReport> crawl)
    {
        var watch = Stopwatch.StartNew();
        var report = crawl();
        output.Write(string.Create(CultureInfo.InvariantCulture,
            $"{what}: {watch.Elapsed.TotalSeconds:0.00} s ({report.FilesClassified} files classified, {report.TablesCreated.Count} tables created, {report.PartitionsAdded} partitions added, {report.Skipped.Count} skipped)\n"));
    }

    /// <summary>Files spread evenly over the partitions, each a header and three rows of an id, an amount and a name.</summary>
    private static void Generate(string lake, int files, int partitions)
    {
        var text = new StringBuilder();
        for (var f = 0; f < files; f++)
        {
            var partition = f % partitions;
            var folder = Path.Combine(lake, "sales", string.Create(CultureInfo.InvariantCulture, $"dt={partition:D5}"));
            if (f < partitions) Directory.CreateDirectory(folder);
            text.Clear().Append("id,amount,name\n");
            for (var r = 0; r < 3; r++) text.Append(CultureInfo.InvariantCulture, $"{f * 3 + r},{r * 1.25 + f},name{r}\n");
            File.WriteAllText(Path.Combine(folder, string.Create(CultureInfo.InvariantCulture, $"part-{f:D6}.csv")), text.ToString());
        }
    }
}
