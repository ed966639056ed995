using System.Text.RegularExpressions;
using QueryEngine.Metastore.Crawlers.Classification;
using QueryEngine.Metastore.Crawlers.Inference;

namespace QueryEngine.Metastore.Crawlers.Layout;

/// <summary>
/// Decides table boundaries the way Glue crawlers do. Starting at the target, a folder becomes a table when all the
/// data files under it sit at the same depth, share a format, compression (and, for CSV, delimiter and header), and
/// their leaf folders' schemas are similar: every leaf folder has more than 70% of the columns of all of them, and
/// there are at most five distinct schemas. The folder levels between the table root and the files become partition
/// keys: <c>key=value</c> folders give <c>key</c>, others <c>partition_0</c>, <c>partition_1</c>, ... Otherwise each
/// sub-folder is decided on its own; a folder whose files all sit in its one plain (not <c>key=value</c>) sub-folder
/// passes the decision down to it; files lying beside sub-folders of a folder that is not a table are reported and
/// skipped (a table's location is read recursively, so they cannot belong to a table above their siblings).
/// </summary>
internal static partial class TableLayout
{
    public const double SimilarityThreshold = 0.7;
    public const int MaxDistinctSchemas = 5;

    /// <summary>Plans the tables of a target; <paramref name="skipped"/> gets the files that fit no table, with why.</summary>
    /// <param name="combineCompatibleSchemas">Glue's CombineCompatibleSchemas grouping: ignore schema similarity.</param>
    public static List<PlannedTable> Plan(IReadOnlyList<CrawledFile> files, string targetName, bool combineCompatibleSchemas, List<(CrawledFile File, string Reason)> skipped)
    {
        var tables = new List<PlannedTable>();
        Decide(files, [], targetName, combineCompatibleSchemas, tables, skipped);
        return tables;
    }

    private static void Decide(IReadOnlyList<CrawledFile> files, string[] folder, string folderName, bool combine, List<PlannedTable> tables, List<(CrawledFile, string)> skipped)
    {
        if (files.Count == 0) return;
        if (SoleChildFolder(files, folder.Length) is { } only && !only.Contains('=', StringComparison.Ordinal)
            && files.All(f => f.Folders.Count == folder.Length + 1))
        {
            // One plain sub-folder holding all the files: that folder is the table, not its only partition.
            Decide(files, [.. folder, only], only, combine, tables, skipped);
            return;
        }
        if (TryTable(files, folder, folderName, combine) is { } table)
        {
            tables.Add(table);
            return;
        }
        var depth = folder.Length;
        var byChild = new SortedDictionary<string, List<CrawledFile>>(StringComparer.Ordinal);
        foreach (var file in files)
        {
            var folders = file.Folders;
            if (folders.Count == depth)
            {
                skipped.Add((file, "it lies beside folders whose data does not form one table with it"));
                continue;
            }
            var child = folders[depth];
            if (!byChild.TryGetValue(child, out var list)) byChild[child] = list = [];
            list.Add(file);
        }
        foreach (var (child, list) in byChild) Decide(list, [.. folder, child], child, combine, tables, skipped);
    }

    private static string? SoleChildFolder(IReadOnlyList<CrawledFile> files, int depth)
    {
        string? only = null;
        foreach (var file in files)
        {
            var folders = file.Folders;
            if (folders.Count == depth) return null;
            if (only is null) only = folders[depth];
            else if (only != folders[depth]) return null;
        }
        return only;
    }

    private static PlannedTable? TryTable(IReadOnlyList<CrawledFile> files, string[] root, string name, bool combine)
    {
        var first = files[0];
        var levels = first.Folders.Count - root.Length;
        foreach (var file in files)
        {
            if (file.Folders.Count - root.Length != levels || !Compatible(first.Classified, file.Classified)) return null;
        }
        var leaves = files.GroupBy(f => string.Join('/', f.Folders), StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal).ToList();
        var leafSchemas = leaves.Select(leaf =>
        {
            var schema = new InferredSchema();
            foreach (var file in leaf) schema.Merge(file.Classified.Schema!);
            return schema;
        }).ToList();
        var union = new InferredSchema();
        foreach (var schema in leafSchemas) union.Merge(schema);
        if (!combine && leaves.Count > 1 && !Similar(leafSchemas, union)) return null;

        var keys = PartitionKeys(leaves.Select(l => l.First().Folders.Skip(root.Length).ToArray()).ToList(), levels, union);
        var partitions = new List<PlannedPartition>();
        if (levels > 0)
        {
            foreach (var leaf in leaves)
            {
                var segments = leaf.First().Folders.Skip(root.Length).ToArray();
                var values = segments.Select(PartitionValue).ToArray();
                partitions.Add(new PlannedPartition(values, leaf.Key, leaf.ToList()));
            }
        }
        var dialect = first.Classified.Dialect is { } d ? d with { Quoted = files.Any(f => f.Classified.Dialect!.Quoted) } : null;
        return new PlannedTable(
            string.Join('/', root), TableName(name), first.Classified.Classification, first.Classified.Compression,
            dialect, union, keys, partitions, files);
    }

    private static bool Compatible(ClassifiedFile a, ClassifiedFile b)
    {
        if (a.Classification != b.Classification || a.Compression != b.Compression || a.Schema is null || b.Schema is null) return false;
        if (a.Dialect is { } x && b.Dialect is { } y)
        {
            // Quoting is not compared: a table with any quoted file is read with OpenCSVSerde.
            return x.Delimiter == y.Delimiter && x.HasHeader == y.HasHeader && x.TrailingDelimiter == y.TrailingDelimiter;
        }
        return true;
    }

    private static bool Similar(List<InferredSchema> leaves, InferredSchema union)
    {
        var all = union.Names();
        var distinct = new HashSet<string>(StringComparer.Ordinal);
        foreach (var leaf in leaves)
        {
            var names = leaf.Names();
            if ((double)names.Count(all.Contains) / all.Count <= SimilarityThreshold) return false;
            distinct.Add(string.Join(',', leaf.Columns.Select(c => c.Name.ToLowerInvariant() + ":" + c.Type.SqlName)));
        }
        return distinct.Count <= MaxDistinctSchemas;
    }

    /// <summary>
    /// Key names per level: <c>key</c> when every folder of the level is <c>key=value</c> with the same key, else (or when
    /// the name is taken by a column or an earlier key) <c>partition_i</c>.
    /// </summary>
    private static List<string> PartitionKeys(List<string[]> leafFolders, int levels, InferredSchema columns)
    {
        var keys = new List<string>(levels);
        for (var level = 0; level < levels; level++)
        {
            string? key = null;
            var hive = true;
            foreach (var folders in leafFolders)
            {
                var eq = folders[level].IndexOf('=', StringComparison.Ordinal);
                var name = eq > 0 ? folders[level][..eq].ToLowerInvariant() : null;
                if (name is null || (key is not null && key != name)) hive = false;
                key ??= name;
            }
            var keyName = hive && key is not null ? ColumnName(key) : $"partition_{level}";
            if (keys.Contains(keyName, StringComparer.Ordinal) || columns.IndexOf(keyName) >= 0) keyName = $"partition_{level}";
            keys.Add(keyName);
        }
        return keys;
    }

    public static string PartitionValue(string folder)
    {
        var eq = folder.IndexOf('=', StringComparison.Ordinal);
        return Uri.UnescapeDataString(eq > 0 ? folder[(eq + 1)..] : folder);
    }

    /// <summary>A folder name as a table name: lower case, other characters as '_'.</summary>
    public static string TableName(string folder)
    {
        var name = NonNameCharacters().Replace(folder.ToLowerInvariant(), "_");
        return name.Length == 0 ? "_" : name;
    }

    private static string ColumnName(string key) => TableName(Uri.UnescapeDataString(key));

    [GeneratedRegex("[^a-z0-9_]")]
    private static partial Regex NonNameCharacters();
}
