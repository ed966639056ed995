using QueryEngine.Engine.Catalog;
using QueryEngine.Engine.Columnar;
using QueryEngine.Engine.Storage;

namespace QueryEngine.Engine.Formats.Csv;

/// <summary>
/// A table of delimited text files under one location, optionally partitioned by <c>key=value</c> folders.
/// The file listing is taken once, on first use, and kept for the life of the source.
/// </summary>
internal sealed class TextTableSource : ITableSource, IBucketedSource
{
    private readonly string _location;
    private readonly IObjectStore _store;
    private readonly CsvOptions _options;
    private readonly FileTableSourceOptions _tuning;
    private readonly int _dataColumns;
    private readonly IReadOnlyList<Field> _partitionKeys;
    private readonly Lazy<IReadOnlyList<DataFile>> _files;
    private readonly Lazy<long?> _estimate;

    public TextTableSource(string name, string location, Schema schema, int dataColumns, IObjectStore store, CsvOptions options, FileTableSourceOptions tuning)
    {
        options.Validate();
        Name = name;
        _location = location;
        Schema = schema;
        _dataColumns = dataColumns;
        _store = store;
        _options = options;
        _tuning = tuning;
        var keys = new Field[schema.Count - dataColumns];
        for (var i = 0; i < keys.Length; i++) keys[i] = schema[dataColumns + i];
        _partitionKeys = keys;
        _files = new Lazy<IReadOnlyList<DataFile>>(() => TableFiles.List(_store, _location, _partitionKeys, name, tuning.FileFilter, tuning.CommittedWrites), LazyThreadSafetyMode.ExecutionAndPublication);
        _estimate = new Lazy<long?>(Estimate, LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>The table's qualified name, for messages.</summary>
    public string Name { get; }

    public Schema Schema { get; }

    public TableBucketing? Bucketing => _tuning.Bucketing;

    public BucketScan? LastBucketScan { get; private set; }

    public CsvOptions Options => _options;

    public long? EstimatedRowCount => _estimate.Value;

    /// <summary>The data files (after hidden-file and partition-folder rules).</summary>
    public IReadOnlyList<DataFile> Files => _files.Value;

    public IReadOnlyList<IScanTask> PlanScan(ScanRequest request)
    {
        var projection = ScanProjection.Of(Name, Schema, _dataColumns, request.Projection);
        var columns = new List<CsvColumn>(projection.DataColumns.Count);
        foreach (var c in projection.DataColumns) columns.Add(new CsvColumn(c, Schema[c].Name, Schema[c].Type));
        var reader = new CsvReader(_options, columns, Math.Max(1, request.BatchSize), _tuning.BufferSize);
        var output = new TextScanOutput(projection.Schema, projection.Sources, _partitionKeys);

        var tasks = new List<IScanTask>();
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
            if (file.Object.Size == 0) continue;
            var size = file.Object.Size;
            var splitSize = Math.Max(1, _tuning.SplitSize);
            if (_options.RecordsMaySpanLines || size <= splitSize)
            {
                tasks.Add(new CsvScanTask(_store, file, 0, long.MaxValue, null, reader, _options, output));
                continue;
            }
            var codec = TextInput.Detect(_store, file.Object, _options.Compression);
            if (codec != TextCodec.None)
            {
                tasks.Add(new CsvScanTask(_store, file, 0, long.MaxValue, codec, reader, _options, output));
                continue;
            }
            for (long start = 0; start < size; start += splitSize)
            {
                var end = size - start <= splitSize ? long.MaxValue : start + splitSize;
                tasks.Add(new CsvScanTask(_store, file, start, end, TextCodec.None, reader, _options, output));
            }
        }
        LastBucketScan = BucketPruning.Report(buckets, filesRead, bucketSkipped);
        return tasks;
    }

    private long? Estimate() => TextRowEstimate.Estimate(_store, Files, _options.Compression, _tuning.SampleSize);
}
