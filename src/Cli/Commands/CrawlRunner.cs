using QueryEngine.Cli.Arguments;
using QueryEngine.Engine.Catalog;
using QueryEngine.Engine.Storage;
using QueryEngine.Metastore.Crawlers;
using QueryEngine.Metastore.Crawlers.Classification;

namespace QueryEngine.Cli.Commands;

/// <summary><c>qe crawl</c>: one crawl of the given locations into the warehouse's metastore, then a summary.</summary>
internal static class CrawlRunner
{
    public static int Run(CrawlCommand command, CliConsole console, CancellationToken cancellation)
    {
        var warehouse = Warehouse.Resolve(command.Warehouse, console.Environment, console.CurrentDirectory);
        var catalog = EngineServices.OpenMetastore(command.Metastore, console.Environment, warehouse, console.CurrentDirectory);
        using var lifetime = (IDisposable)catalog;
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

        CrawlReportWriter.Write(console.Output, string.Join(", ", targets), request.Database, report);
        return ExitCodes.Success;
    }
}
