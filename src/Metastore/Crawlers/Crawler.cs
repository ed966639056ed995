using System.Collections.Concurrent;
using System.Diagnostics;
using QueryEngine.Engine.Catalog;
using QueryEngine.Engine.Common;
using QueryEngine.Engine.Formats;
using QueryEngine.Engine.Storage;
using QueryEngine.Metastore.Crawlers.Classification;
using QueryEngine.Metastore.Crawlers.Definitions;
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
        var progress = new CrawlProgress();
        var exclusions = new GlobMatcher(request.Exclusions);
        // An event crawl (folders given) is a new-folders crawl of just those folders.
        var newFoldersOnly = request.Recrawl == RecrawlBehavior.NewFoldersOnly || request.Folders is not null;
        // As in Glue, crawling new folders only never changes or removes what the catalog has.
        var policy = newFoldersOnly ? new SchemaChangePolicy(SchemaUpdateBehavior.Log, DeletedObjectBehavior.Log) : request.SchemaChange;
        if (catalog.GetDatabase(request.Database) is null) catalog.CreateDatabase(new DatabaseInfo(request.Database, $"created by crawler {request.CrawlerName}"), ifNotExists: true);
        var writer = new CatalogWriter(catalog, request, policy.Update, progress);
        var deleted = new DeletedObjects(catalog, request, policy.Delete, progress);

        foreach (var target in request.Targets)
        {
            cancellation.ThrowIfCancellationRequested();
            var store = stores(target);
            if (request.Folders is not null && !request.Folders.ContainsKey(target)) continue;
            var owned = OwnedTables.Find(catalog, request.Database, request.CrawlerName, target);
            List<ObjectInfo> listed;
            if (request.Folders is { } folders)
            {
                listed = ListFolders(store, target, folders[target], exclusions);
            }
            else
            {
                listed = List(store, target, exclusions);
            }
            var toRead = newFoldersOnly ? NewFolders(listed, owned) : listed;
            var files = Classify(store, toRead, request.Csv ?? CsvClassifierOptions.Default, progress.Skipped, cancellation);
            progress.FilesClassified += files.Count;
            if (newFoldersOnly) files = AddToKnownTables(files, owned, writer);

            var layoutSkipped = new List<(CrawledFile File, string Reason)>();
            var tables = TableLayout.Plan(files, TargetName(target), request.CombineCompatibleSchemas, layoutSkipped);
            foreach (var (file, reason) in layoutSkipped) progress.Skipped.Add((file.Object.Path, reason));
            var written = new HashSet<string>(StringComparer.Ordinal);
            foreach (var table in tables) written.Add(writer.Write(table, target));
            // Only a listing of the whole target tells which tables' files are gone.
            if (request.Folders is null) deleted.Apply(target, owned, written, new FolderIndex(listed));
        }
        return progress.ToReport(watch.Elapsed);
    }

    /// <summary>The target's files a crawl considers: not hidden (<see cref="TableFiles.IsHidden"/>) and not excluded.</summary>
    private static List<ObjectInfo> List(IObjectStore store, string target, GlobMatcher exclusions)
    {
        var listed = new List<ObjectInfo>();
        foreach (var obj in store.List(target, recursive: true))
        {
            if (!TableFiles.IsHidden(obj.RelativePath) && !exclusions.Excludes(obj.RelativePath)) listed.Add(obj);
        }
        return listed;
    }

    /// <summary>
    /// The files under some folders of a target (relative to it; "" is the whole target), with paths relative to the
    /// target; a folder under another one listed is not listed twice.
    /// </summary>
    private static List<ObjectInfo> ListFolders(IObjectStore store, string target, IReadOnlyList<string> folders, GlobMatcher exclusions)
    {
        var sorted = folders.Select(f => f.Trim('/')).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var listed = new List<ObjectInfo>();
        string? previous = null;
        foreach (var folder in sorted)
        {
            if (previous is not null && FolderIndex.IsUnder(folder, previous)) continue;
            previous = folder;
            var location = folder.Length == 0 ? target : StorageLocations.Combine(target, folder);
            foreach (var obj in store.List(location, recursive: true))
            {
                var relative = folder.Length == 0 ? obj.RelativePath : folder + "/" + obj.RelativePath;
                if (!TableFiles.IsHidden(relative) && !exclusions.Excludes(relative)) listed.Add(obj with { RelativePath = relative });
            }
        }
        return listed;
    }

    /// <summary>The files outside the folders the catalog already has: unpartitioned tables' folders and partitions' folders.</summary>
    private List<ObjectInfo> NewFolders(List<ObjectInfo> listed, List<OwnedTable> owned)
    {
        var known = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (table, root) in owned)
        {
            if (table.PartitionKeys.Count == 0)
            {
                known.Add(root);
                continue;
            }
            foreach (var partition in catalog.ListPartitions(table.Database, table.Name))
            {
                if (OwnedTables.RelativeFolder(OwnedTables.Folder(table.Storage.Location!), partition.Storage?.Location) is { } folder)
                {
                    known.Add(root.Length == 0 ? folder : folder.Length == 0 ? root : root + "/" + folder);
                }
            }
        }
        var result = new List<ObjectInfo>();
        foreach (var obj in listed)
        {
            if (!InKnownFolder(obj.RelativePath, known)) result.Add(obj);
        }
        return result;
    }

    private static bool InKnownFolder(string relativePath, HashSet<string> known)
    {
        if (known.Contains("")) return true;
        for (var slash = relativePath.IndexOf('/', StringComparison.Ordinal); slash >= 0; slash = relativePath.IndexOf('/', slash + 1))
        {
            if (known.Contains(relativePath[..slash])) return true;
        }
        return false;
    }

    /// <summary>Adds the new files under known partitioned tables to them as partitions; returns the other files.</summary>
    private static List<CrawledFile> AddToKnownTables(List<CrawledFile> files, List<OwnedTable> owned, CatalogWriter writer)
    {
        var rest = new List<CrawledFile>();
        var byTable = new Dictionary<OwnedTable, List<CrawledFile>>();
        foreach (var file in files)
        {
            var table = owned.Find(o => o.Table.PartitionKeys.Count > 0 && FolderIndex.IsUnder(file.RelativePath, o.RelativeRoot));
            if (table is null)
            {
                rest.Add(file);
                continue;
            }
            if (!byTable.TryGetValue(table, out var list)) byTable[table] = list = [];
            list.Add(file);
        }
        foreach (var (table, list) in byTable) writer.AddNewFolders(table, list);
        return rest;
    }

    private List<CrawledFile> Classify(IObjectStore store, List<ObjectInfo> listed, CsvClassifierOptions csv, List<(string, string)> skipped, CancellationToken cancellation)
    {
        var candidates = new List<ObjectInfo>(listed.Count);
        foreach (var obj in listed)
        {
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
                var sample = FileSampler.Sample(store, obj);
                var file = FileClassifier.Classify(sample, csv);
                file = file.Classification switch
                {
                    FileClassification.Parquet => ParquetSchemas.Read(store, obj) is var (schema, rows) ? file with { Schema = schema, Records = rows } : file,
                    FileClassification.Csv => file with { Records = RecordCounts.Estimate(sample, obj.Size, file.Dialect!.HasHeader) },
                    FileClassification.Json => file with { Records = RecordCounts.Estimate(sample, obj.Size, header: false) },
                    FileClassification.Avro => file with { Schema = AvroSchemas.Read(sample.Raw, obj.Path) },
                    // The engine cannot read ORC yet: the table is recorded (classification orc) without columns.
                    FileClassification.Orc => file with { Schema = new InferredSchema() },
                    _ => file,
                };
                var reason = file.Classification switch
                {
                    FileClassification.Unknown => "unrecognized format (not Avro, ORC, Parquet, JSON lines or delimited text)",
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
