using System.Globalization;
using QueryEngine.Cli.Arguments;
using QueryEngine.Engine.Catalog;
using QueryEngine.Engine.Storage;
using QueryEngine.Metastore.Crawlers;
using QueryEngine.Metastore.Crawlers.Classification;
using QueryEngine.Metastore.Store.Sqlite;

namespace QueryEngine.Cli.Commands;

/// <summary><c>qe crawl</c>: one crawl of the given locations into the warehouse's metastore, then a summary.</summary>
internal static class CrawlRunner
{
    public static int Run(CrawlCommand command, CliConsole console, CancellationToken cancellation)
    {
        var warehouse = Warehouse.Resolve(command.Warehouse, console.Environment, console.CurrentDirectory);
        using var catalog = SqliteCatalog.OpenWarehouse(warehouse);
        var stores = EngineServices.CreateStores(console.Environment);
        var targets = command.Targets.Select(t => StorageLocations.GetScheme(t) is null ? Path.GetFullPath(t, console.CurrentDirectory) : t).ToArray();
        var header = command.CsvHeader switch
        {
            "present" => CsvHeader.Present,
            "absent" => CsvHeader.Absent,
            _ => CsvHeader.Detect,
        };
        var request = new CrawlRequest(
            CatalogRules.NormalizeName(command.Database, "database"),
            targets,
            command.Exclusions,
            command.TablePrefix,
            new CsvClassifierOptions(command.CsvDelimiter, header),
            command.CombineSchemas);
        var report = new Crawler(catalog, stores.Resolve).Run(request, cancellation);

        var output = console.Output;
        output.Write(string.Create(CultureInfo.InvariantCulture,
            $"Crawled {string.Join(", ", targets)} into database {request.Database} in {report.Elapsed.TotalSeconds:0.00} s: {report.FilesClassified} files classified\n"));
        Write(output, "created", report.TablesCreated);
        Write(output, "updated", report.TablesUpdated);
        Write(output, "unchanged", report.TablesUnchanged);
        if (report.PartitionsAdded > 0) output.Write(string.Create(CultureInfo.InvariantCulture, $"Partitions added: {report.PartitionsAdded}\n"));
        if (report.Skipped.Count > 0)
        {
            output.Write($"Skipped {report.Skipped.Count} file(s):\n");
            foreach (var (path, reason) in report.Skipped) output.Write($"  {path}: {reason}\n");
        }
        return ExitCodes.Success;
    }

    private static void Write(TextWriter output, string what, IReadOnlyList<string> tables)
    {
        if (tables.Count > 0) output.Write($"Tables {what} ({tables.Count}): {string.Join(", ", tables)}\n");
    }
}
