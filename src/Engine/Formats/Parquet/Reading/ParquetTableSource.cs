using QueryEngine.Engine.Catalog;
using QueryEngine.Engine.Columnar;
using QueryEngine.Engine.Common;
using QueryEngine.Engine.Storage;

namespace QueryEngine.Engine.Formats.Parquet.Reading;

/// <summary>
/// A table of Parquet files: a catalog table (columns matched to the files' top-level fields by name,
/// case-insensitively; a column a file lacks reads as NULL; partition keys come from <c>key=value</c> folders) or
/// the files of <c>read_parquet</c> (the schema of the first file). Each row group of each file is one scan task;
/// row groups whose statistics exclude the pushed-down filters are not scanned. Footers come through a
/// <see cref="ParquetFooterCache"/> (the factory's, shared across queries, or one of the source's own).
/// </summary>
internal sealed class ParquetTableSource : ITableSource, IScanStatistics, IBucketedSource
{
    private readonly IObjectStore _store;
    private readonly int _dataColumns;
    private readonly IReadOnlyList<Field> _partitionKeys;
    private readonly Lazy<IReadOnlyList<DataFile>> _files;
    private readonly ParquetFooterCache _footers;
    private readonly Lazy<long?> _estimate;

    public ParquetTableSource(string name, Schema schema, int dataColumns, IObjectStore store, Func<IReadOnlyList<DataFile>> listFiles,
        ParquetFooterCache? footers = null)
    {
        _footers = footers ?? new ParquetFooterCache();
        Name = name;
        Schema = schema;
        _dataColumns = dataColumns;
        _store = store;
        var keys = new Field[schema.Count - dataColumns];
        for (var i = 0; i < keys.Length; i++) keys[i] = schema[dataColumns + i];
        _partitionKeys = keys;
        _files = new Lazy<IReadOnlyList<DataFile>>(listFiles, LazyThreadSafetyMode.ExecutionAndPublication);
        _estimate = new Lazy<long?>(Estimate, LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>A catalog table over a location (folder read recursively, or one file).</summary>
    public static ParquetTableSource ForTable(string name, string location, Schema schema, int dataColumns, IObjectStore store,
        IScanFileFilter? filter = null, ParquetFooterCache? footers = null, Func<IReadOnlyCollection<string>>? committedWrites = null,
        TableBucketing? bucketing = null)
    {
        var keys = schema.Fields.Skip(dataColumns).ToArray();
        return new ParquetTableSource(name, schema, dataColumns, store, () => TableFiles.List(store, location, keys, name, filter, committedWrites), footers)
        {
            Bucketing = bucketing,
        };
    }

    /// <summary>The files a path or glob names, with the schema of the first one (read now).</summary>
    public static ParquetTableSource ForFiles(string pattern, IObjectStore store, ParquetFooterCache? footers = null)
    {
        var files = FileGlob.List(store, pattern);
        if (files.Count == 0) throw new NotFoundException(ErrorCode.TableNotFound, $"read_parquet: no files match '{pattern}'");
        footers ??= new ParquetFooterCache();
        var infos = new List<ParquetFileInfo>(files.Count);
        foreach (var file in files) infos.Add(footers.GetOrRead(store, file.Object));
        var fields = UnifiedFields(infos, pattern);
        return new ParquetTableSource($"read_parquet('{pattern}')", new Schema(fields), fields.Count, store, () => files, footers);
    }

    /// <summary>
    /// The columns of several files, by name (case-insensitive, first spelling kept): every name of any file, in the
    /// order first seen, each with the widest of its types (a file without it reads NULL); types that do not widen
    /// into each other are an error.
    /// </summary>
    private static List<Field> UnifiedFields(IReadOnlyList<ParquetFileInfo> files, string pattern)
    {
        var fields = new List<Field>();
        var from = new List<string>();
        foreach (var file in files)
        {
            foreach (var f in file.Schema.Fields)
            {
                var i = fields.FindIndex(x => string.Equals(x.Name, f.Name, StringComparison.OrdinalIgnoreCase));
                if (i < 0)
                {
                    fields.Add(new Field(f.Name, f.Type));
                    from.Add(file.Path);
                    continue;
                }
                var known = fields[i].Type;
                if (ColumnAdapters.IsWidening(known, f.Type))
                {
                    fields[i] = new Field(fields[i].Name, f.Type);
                    from[i] = file.Path;
                }
                else if (!ColumnAdapters.IsWidening(f.Type, known))
                {
                    throw new SemanticException($"read_parquet('{pattern}'): column {f.Name} is {known.SqlName} in {from[i]} but {f.Type.SqlName} in {file.Path}");
                }
            }
        }
        return fields;
    }

    public string Name { get; }

    public Schema Schema { get; }

    public long? EstimatedRowCount => _estimate.Value;

    public IReadOnlyList<DataFile> Files => _files.Value;

    /// <summary>Row groups left out by statistics or bloom filters in the last <see cref="PlanScan"/> (for tests and EXPLAIN).</summary>
    public int LastSkippedRowGroups { get; private set; }

    /// <summary>Of <see cref="LastSkippedRowGroups"/>, those left out because a bloom filter said an equality value is absent.</summary>
    public int LastBloomFilterSkippedRowGroups { get; private set; }

    /// <summary>Of <see cref="LastSkippedRowGroups"/>, those left out because no page of a filtered column may match (page index).</summary>
    public int LastPageIndexSkippedRowGroups { get; private set; }

    /// <summary>
    /// Data pages of the projected columns, in the row groups scanned, left unread in the last <see cref="PlanScan"/>
    /// because the page index showed that none of their rows may match the filters.
    /// </summary>
    public int LastSkippedPages { get; private set; }

    public ScanPruning LastPruning { get; private set; } = new(0, 0, 0, 0, 0);

    public TableBucketing? Bucketing { get; private init; }

    public BucketScan? LastBucketScan { get; private set; }

    public IReadOnlyList<IScanTask> PlanScan(ScanRequest request)
    {
        var projection = request.Projection;
        var fields = new Field[projection.Count];
        for (var i = 0; i < projection.Count; i++)
        {
            if ((uint)projection[i] >= (uint)Schema.Count) throw new InternalException($"scan of {Name}: column {projection[i]} is outside the table's {Schema.Count} columns");
            fields[i] = Schema[projection[i]];
        }
        var output = new Schema(fields);
        var tasks = new List<IScanTask>();
        var skipped = 0;
        var bloomSkipped = 0;
        var pageIndexSkipped = 0;
        var pagesSkipped = 0;
        var useBloom = BloomFilterPruner.Applies(request.Filters);
        var buckets = BucketPruning.SelectionFor(request, Bucketing);
        var filesRead = 0;
        var bucketSkipped = 0;
        foreach (var file in Files)
        {
            if (_partitionKeys.Count > 0 && request.Filters.Count > 0 && !PartitionPruner.MayMatch(request.Filters, _dataColumns, file.PartitionValues)) continue;
            if (BucketPruning.Skips(buckets, file))
            {
                bucketSkipped++;
                continue;
            }
            filesRead++;
            var info = Footer(file);
            var sources = new ColumnSource[projection.Count];
            for (var i = 0; i < projection.Count; i++)
            {
                // Rows only: data columns read as NULLs, the row counts come from the footer's row groups.
                sources[i] = request.RowsOnly && projection[i] < _dataColumns ? new ColumnSource(Schema[projection[i]].Type, null, null) : SourceOf(projection[i], info);
            }
            var groups = info.Metadata.RowGroups;
            ParquetLeaf? LeafOf(int column) => LeafForPruning(column, info);
            for (var g = 0; g < groups.Count; g++)
            {
                if (groups[g].NumRows == 0) continue;
                if (request.Filters.Count > 0 && !RowGroupPruner.MayMatch(request.Filters, groups[g], LeafOf))
                {
                    skipped++;
                    continue;
                }
                if (useBloom && !BloomFilterPruner.MayMatch(request.Filters, LeafOf, leaf => BloomFilterReader.Read(_store, info, g, leaf)))
                {
                    skipped++;
                    bloomSkipped++;
                    continue;
                }
                PageSelection? pages = null;
                if (request.Filters.Count > 0 && HasPageIndex(groups[g]))
                {
                    var indexes = new Dictionary<int, ChunkPageIndex?>();
                    var group = g;
                    ChunkPageIndex? IndexOf(ParquetLeaf leaf)
                    {
                        if (!indexes.TryGetValue(leaf.Index, out var index)) indexes[leaf.Index] = index = PageIndexReader.Read(_store, info, group, leaf);
                        return index;
                    }
                    var rows = PagePruner.Select(request.Filters, groups[g].NumRows, LeafOf, IndexOf);
                    if (rows.IsEmpty)
                    {
                        skipped++;
                        pageIndexSkipped++;
                        continue;
                    }
                    if (rows.RowCount < groups[g].NumRows)
                    {
                        pages = PageSelection.Plan(rows, sources, IndexOf);
                        pagesSkipped += pages?.SkippedPages ?? 0;
                    }
                }
                tasks.Add(new ParquetScanTask(_store, info, g, output, sources, file.PartitionValues, request.BatchSize, pages, request.DictionaryColumns));
            }
        }
        LastSkippedRowGroups = skipped;
        LastBloomFilterSkippedRowGroups = bloomSkipped;
        LastPageIndexSkippedRowGroups = pageIndexSkipped;
        LastSkippedPages = pagesSkipped;
        LastPruning = new ScanPruning(tasks.Count, skipped - bloomSkipped - pageIndexSkipped, bloomSkipped, pageIndexSkipped, pagesSkipped);
        LastBucketScan = BucketPruning.Report(buckets, filesRead, bucketSkipped);
        return tasks;
    }

    private static bool HasPageIndex(Metadata.RowGroup group)
    {
        foreach (var chunk in group.Columns)
        {
            if (chunk.ColumnIndexOffset is not null && chunk.OffsetIndexOffset is not null) return true;
        }
        return false;
    }

    private ParquetFileInfo Footer(DataFile file) =>
        _footers.GetOrRead(_store, file.Object);

    private ColumnSource SourceOf(int column, ParquetFileInfo info)
    {
        var field = Schema[column];
        if (column >= _dataColumns) return new ColumnSource(field.Type, null, null, column - _dataColumns);
        var index = info.Schema.IndexOf(field.Name);
        if (index < 0) return new ColumnSource(field.Type, null, null);
        var fileField = info.Schema.Fields[index];
        if (fileField.Unsupported is { } why) throw new NotSupportedQueryException($"{info.Path}: {why}");
        var adapt = ColumnAdapters.For(fileField.Type, field.Type, Name, info.Path, field.Name);
        return fileField.Leaf is { } leaf
            ? new ColumnSource(field.Type, leaf, adapt)
            : new ColumnSource(field.Type, null, adapt, Nested: fileField.Node);
    }

    private ParquetLeaf? LeafForPruning(int column, ParquetFileInfo info)
    {
        if (column < 0 || column >= _dataColumns) return null;
        var index = info.Schema.IndexOf(Schema[column].Name);
        if (index < 0) return null;
        var fileField = info.Schema.Fields[index];
        if (fileField.Leaf is not { } leaf || fileField.Unsupported is not null) return null;
        var tableType = Schema[column].Type;
        // Statistics of nanosecond columns (timestamp(7..12) tables) are not used: their values are picoseconds.
        if (fileField.Type is TimestampType { IsPicos: true } || tableType is TimestampType { IsPicos: true }) return null;
        var same = fileField.Type.Equals(tableType) || (fileField.Type is TimestampType && tableType is TimestampType);
        return same ? leaf : null;
    }

    private long? Estimate()
    {
        try
        {
            long total = 0;
            foreach (var file in Files) total += Footer(file).Metadata.NumRows;
            return total;
        }
        catch (QueryException)
        {
            return null;
        }
    }
}
