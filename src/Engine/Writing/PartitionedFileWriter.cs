using QueryEngine.Engine.Catalog;
using QueryEngine.Engine.Columnar;
using QueryEngine.Engine.Common;
using QueryEngine.Engine.Formats.Bucketing;
using QueryEngine.Engine.Writing.Bucketing;

namespace QueryEngine.Engine.Writing;

/// <summary>What a finished write produced.</summary>
/// <param name="Rows">Rows written.</param>
/// <param name="Partitions">Values (Hive spelling; NULL as <see cref="PartitionNames.DefaultPartitionName"/>) of every partition written, in order of first row.</param>
internal sealed record WrittenData(long Rows, IReadOnlyList<IReadOnlyList<string>> Partitions);

/// <summary>
/// Splits query output into Hive partitions (the last <c>partitionKeys.Count</c> columns, written as
/// <c>key=value/</c> folders with Hive's escaping and <see cref="PartitionNames.DefaultPartitionName"/> for NULL or
/// empty values) and writes each partition's rows (without the key columns) to files of the chosen format, starting a
/// new file when one reaches the target size or row count. Each open file is encoded on its own thread
/// (<see cref="BackgroundFileWriter"/>): the partitions of a write are written in parallel. Gathers the data
/// columns' statistics on the way. A bucketed write (<see cref="Buckets"/>) further splits each partition's rows by
/// Hive bucket and writes exactly one file per bucket and partition (never rolled over), named for its bucket.
/// </summary>
internal sealed class PartitionedFileWriter
{
    private readonly StagedFiles _files;
    private readonly WriteOptions _options;
    private readonly Schema _dataSchema;
    private readonly IReadOnlyList<ColumnInfo> _partitionKeys;
    private readonly long _targetBytes;
    private readonly long _targetRows;
    private readonly int _maxPartitions;
    private readonly int _maxOpenFiles;
    private readonly ColumnStatisticsCollector[] _statistics;
    private readonly Dictionary<(string Partition, int Bucket), PartitionOutput> _outputs = [];
    private readonly List<PartitionOutput> _order = [];
    private readonly Dictionary<string, IReadOnlyList<string>> _partitionValues = new(StringComparer.Ordinal);
    private readonly List<IReadOnlyList<string>> _partitionOrder = [];
    private readonly int[] _dataColumns;
    private long _rows;

    public PartitionedFileWriter(StagedFiles files, WriteOptions options, IReadOnlyList<ColumnInfo> dataColumns, Schema dataSchema, IReadOnlyList<ColumnInfo> partitionKeys, WriteLimits limits)
    {
        _files = files;
        _options = options;
        _dataSchema = dataSchema;
        _partitionKeys = partitionKeys;
        _targetBytes = limits.TargetFileBytes;
        _targetRows = limits.TargetFileRows;
        _maxPartitions = limits.MaxPartitions;
        _maxOpenFiles = limits.MaxOpenFiles;
        _statistics = new ColumnStatisticsCollector[dataColumns.Count];
        for (var i = 0; i < _statistics.Length; i++) _statistics[i] = new ColumnStatisticsCollector(dataColumns[i].Name, dataColumns[i].HiveType, dataSchema.Fields[i].Type);
        _dataColumns = new int[dataSchema.Count];
        for (var i = 0; i < _dataColumns.Length; i++) _dataColumns[i] = i;
    }

    public long Rows => _rows;

    /// <summary>The bucket columns and count when the target is bucketed; null otherwise.</summary>
    public BucketLayout? Buckets { get; init; }

    public void Write(RecordBatch batch)
    {
        if (batch.RowCount == 0) return;
        _rows += batch.RowCount;
        for (var c = 0; c < _statistics.Length; c++) _statistics[c].Add(batch.Columns[c]);
        var data = _partitionKeys.Count == 0 ? batch : Project(batch);
        if (Buckets is { } buckets)
        {
            WriteBucketed(batch, data, buckets);
            return;
        }
        if (_partitionKeys.Count == 0)
        {
            Output(string.Empty, [], NoBucket).Write(data);
            return;
        }
        // Group the rows by partition (one key string per row), then write each group's rows.
        var groups = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        var keyColumns = new ArrowArray[_partitionKeys.Count];
        for (var k = 0; k < keyColumns.Length; k++) keyColumns[k] = batch.Columns[_dataSchema.Count + k];
        var values = new string[keyColumns.Length];
        for (var row = 0; row < batch.RowCount; row++)
        {
            string key;
            if (keyColumns.Length == 1)
            {
                key = KeyValue(keyColumns[0], row);
            }
            else
            {
                for (var k = 0; k < keyColumns.Length; k++) values[k] = KeyValue(keyColumns[k], row);
                key = string.Join('\u0000', values);
            }
            if (!groups.TryGetValue(key, out var rows)) groups[key] = rows = [];
            rows.Add(row);
        }
        foreach (var (key, rows) in groups)
        {
            var output = Output(key, PartitionValuesOf(key), NoBucket);
            output.Write(rows.Count == batch.RowCount ? data : data.Take(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(rows)));
        }
    }

    private const int NoBucket = -1;

    private IReadOnlyList<string> PartitionValuesOf(string key) =>
        _partitionKeys.Count == 0 ? [] : _partitionKeys.Count == 1 ? [key] : key.Split('\u0000');

    /// <summary>Groups the rows by (partition, bucket) and writes each group to its bucket's file.</summary>
    private void WriteBucketed(RecordBatch batch, RecordBatch data, BucketLayout buckets)
    {
        var rowCount = batch.RowCount;
        var bucketOf = System.Buffers.ArrayPool<int>.Shared.Rent(rowCount);
        try
        {
            var bucketColumns = new ArrowArray[buckets.ColumnIndexes.Length];
            for (var i = 0; i < bucketColumns.Length; i++) bucketColumns[i] = batch.Columns[buckets.ColumnIndexes[i]];
            HiveBucketHash.Buckets(bucketColumns, rowCount, buckets.Count, bucketOf, buckets.Version);
            var keyColumns = new ArrowArray[_partitionKeys.Count];
            for (var k = 0; k < keyColumns.Length; k++) keyColumns[k] = batch.Columns[_dataSchema.Count + k];
            var values = new string[keyColumns.Length];
            var groups = new Dictionary<(string Partition, int Bucket), List<int>>();
            for (var row = 0; row < rowCount; row++)
            {
                var partition = string.Empty;
                if (keyColumns.Length == 1)
                {
                    partition = KeyValue(keyColumns[0], row);
                }
                else if (keyColumns.Length > 1)
                {
                    for (var k = 0; k < keyColumns.Length; k++) values[k] = KeyValue(keyColumns[k], row);
                    partition = string.Join('\u0000', values);
                }
                var key = (partition, bucketOf[row]);
                if (!groups.TryGetValue(key, out var rows)) groups[key] = rows = [];
                rows.Add(row);
            }
            foreach (var ((partition, bucket), rows) in groups)
            {
                var output = Output(partition, PartitionValuesOf(partition), bucket);
                output.Write(rows.Count == rowCount ? data : data.Take(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(rows)));
            }
        }
        finally
        {
            System.Buffers.ArrayPool<int>.Shared.Return(bucketOf);
        }
    }

    /// <summary>Completes every open file; returns the rows and partitions written.</summary>
    public WrittenData Finish()
    {
        foreach (var p in _order) p.Close();
        return new WrittenData(_rows, _partitionKeys.Count > 0 ? _partitionOrder.ToArray() : []);
    }

    /// <summary>Closes open files after a failure (their content is discarded with the staging folder).</summary>
    public void Abandon()
    {
        foreach (var p in _order) p.Abandon();
    }

    public IReadOnlyList<ColumnStatistics> Statistics(IReadOnlyList<ColumnStatistics> previous, long previousRows, DateTimeOffset now)
    {
        var result = new ColumnStatistics[_statistics.Length];
        for (var i = 0; i < result.Length; i++)
        {
            var name = _dataSchema.Fields[i].Name;
            ColumnStatistics? old = null;
            foreach (var p in previous)
            {
                if (p.Column == name) old = p;
            }
            result[i] = _statistics[i].Build(old, previousRows, now);
        }
        return result;
    }

    private RecordBatch Project(RecordBatch batch) => new(_dataSchema, batch.Project(_dataColumns).Columns, batch.RowCount);

    private static string KeyValue(ArrowArray column, int row)
    {
        if (column.IsNull(row)) return PartitionNames.DefaultPartitionName;
        var text = ValueFormatter.Format(column, row);
        return text.Length == 0 ? PartitionNames.DefaultPartitionName : text;
    }

    private PartitionOutput Output(string key, IReadOnlyList<string> values, int bucket)
    {
        if (_outputs.TryGetValue((key, bucket), out var output)) return output;
        if (!_partitionValues.ContainsKey(key))
        {
            if (_partitionValues.Count >= _maxPartitions)
            {
                throw new ExecutionException(
                    $"The write would create more than {_maxPartitions} partitions (open partition writers); write fewer partitions per statement, e.g. with INSERT INTO for ranges of the partition key");
            }
            _partitionValues[key] = values;
            _partitionOrder.Add(values);
        }
        if (_outputs.Count >= _maxOpenFiles)
        {
            // Each open file is encoded on its own thread: partitions × buckets must stay bounded.
            throw new ExecutionException(
                $"The write would open more than {_maxOpenFiles} files at once (one per partition and bucket); use a smaller bucket_count or write fewer partitions per statement");
        }
        var folder = _partitionKeys.Count == 0 ? string.Empty : PartitionNames.Of(_partitionKeys, values) + "/";
        output = new PartitionOutput(this, folder, bucket);
        _outputs.Add((key, bucket), output);
        _order.Add(output);
        return output;
    }

    /// <summary>
    /// The files of one partition (or of one bucket of it): the open one, rolled over at the target size or row count;
    /// a bucket's single file is never rolled over.
    /// </summary>
    private sealed class PartitionOutput(PartitionedFileWriter owner, string folder, int bucket) : IDisposable
    {
        private Stream? _stream;
        private IFileFormatWriter? _writer;
        private long _fileRows;

        public void Write(RecordBatch batch)
        {
            var offset = 0;
            while (offset < batch.RowCount)
            {
                if (_writer is null) Open();
                var room = bucket == NoBucket ? owner._targetRows - _fileRows : long.MaxValue;
                var take = (int)Math.Min(batch.RowCount - offset, room);
                _writer!.Write(offset == 0 && take == batch.RowCount ? batch : batch.Slice(offset, take));
                _fileRows += take;
                offset += take;
                if (bucket == NoBucket && (_fileRows >= owner._targetRows || _writer.BytesWritten >= owner._targetBytes)) Close();
            }
        }

        public void Close()
        {
            if (_writer is null) return;
            var writer = _writer;
            var stream = _stream!;
            _writer = null;
            _stream = null;
            _fileRows = 0;
            try
            {
                writer.Finish();
            }
            finally
            {
                writer.Dispose();
                stream.Dispose();
            }
        }

        /// <summary>Releases an open file without completing it (same as <see cref="Abandon"/>).</summary>
        public void Dispose() => Abandon();

        public void Abandon()
        {
            var stream = _stream;
            var writer = _writer;
            _writer = null;
            _stream = null;
            Quietly(() => writer?.Dispose());
            Quietly(() => stream?.Dispose());
        }

        /// <summary>Runs a clean-up step after a failure, ignoring its own storage errors: the staged file is deleted with the staging folder.</summary>
        private static void Quietly(Action step)
        {
            try
            {
                step();
            }
            catch (StorageException)
            {
                // See above.
            }
            catch (IOException)
            {
                // Same.
            }
        }

        private void Open()
        {
            var (stream, _) = bucket == NoBucket
                ? owner._files.CreateFile(folder, owner._options.FileExtension)
                : owner._files.CreateBucketFile(folder, bucket, owner._options.FileExtension);
            _stream = stream;
            IFileFormatWriter format = owner._options.Format switch
            {
                OutputFormat.Parquet => new ParquetFileWriter(stream, owner._dataSchema, owner._options.Compression),
                OutputFormat.Json => new JsonFileWriter(stream, owner._dataSchema, owner._options.Compression),
                _ => new TextFileWriter(stream, owner._dataSchema, owner._options.Compression, owner._options.FieldDelimiter),
            };
            _writer = new BackgroundFileWriter(format);
        }
    }
}

/// <summary>When files roll over and how many partitions one write may create.</summary>
public sealed record WriteLimits
{
    public static WriteLimits Default { get; } = new();

    /// <summary>A file is closed once this many bytes were written to it (default 128 MiB).</summary>
    public long TargetFileBytes { get; init; } = 128L << 20;

    /// <summary>A file is closed once it holds this many rows.</summary>
    public long TargetFileRows { get; init; } = long.MaxValue;

    /// <summary>Most partitions one statement may write (Athena's limit is 100).</summary>
    public int MaxPartitions { get; init; } = 100;

    /// <summary>Most files one statement keeps open at once: one per partition, or per partition and bucket of a bucketed table.</summary>
    public int MaxOpenFiles { get; init; } = 1000;

    /// <summary>
    /// In a warehouse on an object store, how long a write's journal may go unrenewed before its writer counts as dead
    /// and recovery finishes or undoes the write (default 10 minutes; a running write renews it every third of it).
    /// </summary>
    public TimeSpan JournalLease { get; init; } = TimeSpan.FromMinutes(10);
}
