using System.Collections.Concurrent;
using System.Diagnostics;
using QueryEngine.Engine.Catalog;
using QueryEngine.Engine.Common;
using QueryEngine.Engine.Formats;
using QueryEngine.Engine.Storage;
using QueryEngine.Metastore.Crawlers.Classification;
using QueryEngine.Metastore.Crawlers.Layout;

namespace QueryEngine.Metastore.Crawlers;

/// <summary>
/// Discovers tables under locations, as a Glue crawler does: lists each target, leaves out hidden files (<c>_SUCCESS</c>,
/// <c>_temporary/</c>, <c>.crc</c>, names starting with '.' or '_'), excluded and empty ones, samples and classifies
/// every other file, plans tables and partitions (<see cref="TableLayout"/>) and writes them to the catalog. A file
/// that cannot be read or classified is reported and skipped; it never aborts the crawl.
/// </summary>
internal sealed class Crawler(ICatalog catalog, Func<string, IObjectStore> stores)
{
    /// <summary>Files sampled at once (S3 requests overlap; local reads are cheap either way).</summary>
    public int Parallelism { get; init; } = 8;

    public CrawlReport Run(CrawlRequest request, CancellationToken cancellation = default)
    {
        var watch = Stopwatch.StartNew();
        var created = new List<string>();
        var updated = new List<string>();
        var unchanged = new List<string>();
        var skipped = new List<(string, string)>();
        var classified = 0;
        var exclusions = new GlobMatcher(request.Exclusions);
        if (catalog.GetDatabase(request.Database) is null) catalog.CreateDatabase(new DatabaseInfo(request.Database, $"created by crawler {request.CrawlerName}"), ifNotExists: true);

        foreach (var target in request.Targets)
        {
            cancellation.ThrowIfCancellationRequested();
            var store = stores(target);
            var files = Classify(store, target, exclusions, request.Csv ?? CsvClassifierOptions.Default, skipped, cancellation);
            classified += files.Count;
            var layoutSkipped = new List<(CrawledFile File, string Reason)>();
            var tables = TableLayout.Plan(files, TargetName(target), request.CombineCompatibleSchemas, layoutSkipped);
            foreach (var (file, reason) in layoutSkipped) skipped.Add((file.Object.Path, reason));
            foreach (var table in tables)
            {
                var name = request.TablePrefix + table.Name;
                var definition = TableDefinitions.ToTable(table, request.Database, name, target, request.CrawlerName);
                var existing = catalog.GetTable(request.Database, name);
                if (existing is null)
                {
                    catalog.CreateTable(definition, ifNotExists: false);
                    created.Add(name);
                }
                else if (TableDefinitions.SameDefinition(existing, definition))
                {
                    unchanged.Add(name);
                }
                else
                {
                    catalog.DropTable(request.Database, name, ifExists: true);
                    catalog.CreateTable(definition with { CreateTime = existing.CreateTime }, ifNotExists: false);
                    updated.Add(name);
                }
            }
        }
        return new CrawlReport(created, updated, unchanged, classified, skipped, watch.Elapsed);
    }

    private List<CrawledFile> Classify(IObjectStore store, string target, GlobMatcher exclusions, CsvClassifierOptions csv, List<(string, string)> skipped, CancellationToken cancellation)
    {
        var candidates = new List<ObjectInfo>();
        foreach (var obj in store.List(target, recursive: true))
        {
            if (TableFiles.IsHidden(obj.RelativePath) || exclusions.Excludes(obj.RelativePath)) continue;
            if (obj.Size == 0)
            {
                skipped.Add((obj.Path, "empty file"));
                continue;
            }
            candidates.Add(obj);
        }
        var results = new CrawledFile?[candidates.Count];
        var problems = new ConcurrentBag<(int Index, string Path, string Reason)>();
        Parallel.For(0, candidates.Count, new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = cancellation }, i =>
        {
            var obj = candidates[i];
            try
            {
                var file = FileClassifier.Classify(FileSampler.Sample(store, obj), csv);
                var reason = file.Classification switch
                {
                    FileClassification.Unknown when file.Compression is FileCompression.Bzip2 or FileCompression.Zstd =>
                        $"{ClassificationNames.Name(file.Compression)}-compressed files cannot be classified yet",
                    FileClassification.Unknown => "unrecognized format (not Avro, ORC, Parquet, JSON lines or delimited text)",
                    FileClassification.Avro or FileClassification.Orc or FileClassification.Parquet =>
                        $"classified as {ClassificationNames.Name(file.Classification)}; reading its schema is not supported yet",
                    _ => null,
                };
                if (reason is null) results[i] = new CrawledFile(obj, obj.RelativePath, file);
                else problems.Add((i, obj.Path, reason));
            }
            catch (QueryException ex)
            {
                problems.Add((i, obj.Path, ex.Message));
            }
        });
        foreach (var (_, path, reason) in problems.OrderBy(p => p.Index)) skipped.Add((path, reason));
        var files = new List<CrawledFile>(candidates.Count);
        foreach (var file in results)
        {
            if (file is not null) files.Add(file);
        }
        return files;
    }

    /// <summary>The last folder name of a target location.</summary>
    private static string TargetName(string target)
    {
        var trimmed = target.TrimEnd('/', '\\');
        var slash = Math.Max(trimmed.LastIndexOf('/'), trimmed.LastIndexOf('\\'));
        return slash < 0 ? trimmed : trimmed[(slash + 1)..];
    }
}
