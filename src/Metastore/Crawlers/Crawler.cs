using System.Collections.Concurrent;
using System.Diagnostics;
using QueryEngine.Engine.Catalog;
using QueryEngine.Engine.Common;
using QueryEngine.Engine.Formats;
using QueryEngine.Engine.Storage;
using QueryEngine.Metastore.Crawlers.Classification;
using QueryEngine.Metastore.Crawlers.Inference;
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
        var partitionsAdded = 0;
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
                else if (existing.PartitionKeys.SequenceEqual(definition.PartitionKeys))
                {
                    catalog.AlterTable(request.Database, name, definition with { CreateTime = existing.CreateTime, Version = existing.Version });
                    updated.Add(name);
                }
                else
                {
                    // Hive cannot change partition keys in place: the table is defined anew (its files stay).
                    catalog.DropTable(request.Database, name, ifExists: true);
                    catalog.CreateTable(definition with { CreateTime = existing.CreateTime }, ifNotExists: false);
                    updated.Add(name);
                }
                partitionsAdded += AddPartitions(table, definition);
            }
        }
        return new CrawlReport(created, updated, unchanged, partitionsAdded, classified, skipped, watch.Elapsed);
    }

    /// <summary>Registers the table's partitions that the catalog does not have yet, in one transaction.</summary>
    private int AddPartitions(PlannedTable table, TableInfo definition)
    {
        if (table.Partitions.Count == 0) return 0;
        var partitions = new List<PartitionInfo>(table.Partitions.Count);
        foreach (var partition in table.Partitions)
        {
            var location = StorageLocations.Combine(definition.Storage.Location!, partition.RelativeFolder[(table.RelativeRoot.Length == 0 ? 0 : table.RelativeRoot.Length + 1)..]) + "/";
            partitions.Add(new PartitionInfo(definition.Database, definition.Name, partition.Values, definition.Storage with { Location = location })
            {
                CreateTime = DateTimeOffset.UtcNow,
                Parameters = new Dictionary<string, string>
                {
                    ["objectCount"] = partition.Files.Count.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    ["sizeKey"] = partition.Files.Sum(f => f.Object.Size).ToString(System.Globalization.CultureInfo.InvariantCulture),
                },
            });
        }
        return catalog.AddPartitions(definition.Database, definition.Name, partitions, ifNotExists: true);
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
                if (file.Classification == FileClassification.Parquet) file = file with { Schema = ParquetSchemas.Read(store, obj) };
                var reason = file.Classification switch
                {
                    FileClassification.Unknown when file.Compression is FileCompression.Bzip2 or FileCompression.Zstd =>
                        $"{ClassificationNames.Name(file.Compression)}-compressed files cannot be classified yet",
                    FileClassification.Unknown => "unrecognized format (not Avro, ORC, Parquet, JSON lines or delimited text)",
                    FileClassification.Avro or FileClassification.Orc =>
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
