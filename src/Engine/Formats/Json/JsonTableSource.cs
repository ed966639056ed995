using QueryEngine.Engine.Catalog;
using QueryEngine.Engine.Columnar;
using QueryEngine.Engine.Formats.Csv;
using QueryEngine.Engine.Storage;

namespace QueryEngine.Engine.Formats.Json;

/// <summary>
/// A table of JSON-lines files (one object per line; the openx and Hive JSON SerDes) under one location, optionally
/// partitioned by <c>key=value</c> folders. Uncompressed files are split into byte ranges at line boundaries so one
/// large file is read in parallel. The file listing is taken once, on first use.
/// </summary>
internal sealed class JsonTableSource : ITableSource, IBucketedSource
{
    private readonly string _location;
    private readonly IObjectStore _store;
    private readonly JsonOptions _options;
    private readonly FileTableSourceOptions _tuning;
    private readonly int _dataColumns;
    private readonly IReadOnlyList<Field> _partitionKeys;
    private readonly Lazy<IReadOnlyList<DataFile>> _files;
    private readonly Lazy<long?> _estimate;

    public JsonTableSource(string name, string location, Schema schema, int dataColumns, IObjectStore store, JsonOptions options, FileTableSourceOptions tuning)
    {
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
        _estimate = new Lazy<long?>(() => TextRowEstimate.Estimate(_store, Files, _options.Compression, _tuning.SampleSize), LazyThreadSafetyMode.ExecutionAndPublication);
    }

    public string Name { get; }

    public Schema Schema { get; }

    public TableBucketing? Bucketing => _tuning.Bucketing;

    public BucketScan? LastBucketScan { get; private set; }

    public long? EstimatedRowCount => _estimate.Value;

    public IReadOnlyList<DataFile> Files => _files.Value;

    public IReadOnlyList<IScanTask> PlanScan(ScanRequest request)
    {
        var projection = ScanProjection.Of(Name, Schema, _dataColumns, request.Projection);
        var columns = new List<JsonColumn>(projection.DataColumns.Count);
        foreach (var c in projection.DataColumns)
        {
            var name = Schema[c].Name;
            columns.Add(new JsonColumn(_options.KeyOfColumn.TryGetValue(name, out var key) ? key : name, Schema[c].Type));
        }
        var output = new TextScanOutput(projection.Schema, projection.Sources, _partitionKeys);
        var batchSize = Math.Max(1, request.BatchSize);
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
            TextCodec? codec = null;
            if (size > splitSize)
            {
                codec = TextInput.Detect(_store, file.Object, _options.Compression);
            }
            if (size <= splitSize || codec != TextCodec.None)
            {
                tasks.Add(new JsonScanTask(_store, file, 0, long.MaxValue, codec, columns, _options, output, batchSize, _tuning.BufferSize));
                continue;
            }
            for (long start = 0; start < size; start += splitSize)
            {
                var end = size - start <= splitSize ? long.MaxValue : start + splitSize;
                tasks.Add(new JsonScanTask(_store, file, start, end, TextCodec.None, columns, _options, output, batchSize, _tuning.BufferSize));
            }
        }
        LastBucketScan = BucketPruning.Report(buckets, filesRead, bucketSkipped);
        return tasks;
    }
}
