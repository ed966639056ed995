using QueryEngine.Engine.Catalog;
using QueryEngine.Engine.Columnar;
using QueryEngine.Engine.Common;

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
/// columns' statistics on the way.
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
    private readonly ColumnStatisticsCollector[] _statistics;
    private readonly Dictionary<string, PartitionOutput> _partitions = new(StringComparer.Ordinal);
    private readonly List<PartitionOutput> _order = [];
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
        _statistics = new ColumnStatisticsCollector[dataColumns.Count];
        for (var i = 0; i < _statistics.Length; i++) _statistics[i] = new ColumnStatisticsCollector(dataColumns[i].Name, dataColumns[i].HiveType, dataSchema.Fields[i].Type);
        _dataColumns = new int[dataSchema.Count];
        for (var i = 0; i < _dataColumns.Length; i++) _dataColumns[i] = i;
    }

    public long Rows => _rows;

    public void Write(RecordBatch batch)
    {
        if (batch.RowCount == 0) return;
        _rows += batch.RowCount;
        for (var c = 0; c < _statistics.Length; c++) _statistics[c].Add(batch.Columns[c]);
        var data = _partitionKeys.Count == 0 ? batch : Project(batch);
        if (_partitionKeys.Count == 0)
        {
            Output(string.Empty, []).Write(data);
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
            var partitionValues = keyColumns.Length == 1 ? [key] : key.Split('\u0000');
            var output = Output(key, partitionValues);
            output.Write(rows.Count == batch.RowCount ? data : data.Take(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(rows)));
        }
    }

    /// <summary>Completes every open file; returns the rows and partitions written.</summary>
    public WrittenData Finish()
    {
        foreach (var p in _order) p.Close();
        var partitions = new List<IReadOnlyList<string>>(_order.Count);
        foreach (var p in _order)
        {
            if (_partitionKeys.Count > 0) partitions.Add(p.Values);
        }
        return new WrittenData(_rows, partitions);
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

    private PartitionOutput Output(string key, IReadOnlyList<string> values)
    {
        if (_partitions.TryGetValue(key, out var output)) return output;
        if (_partitions.Count >= _maxPartitions)
        {
            throw new ExecutionException(
                $"The write would create more than {_maxPartitions} partitions (open partition writers); write fewer partitions per statement, e.g. with INSERT INTO for ranges of the partition key");
        }
        var folder = _partitionKeys.Count == 0 ? string.Empty : PartitionNames.Of(_partitionKeys, values) + "/";
        output = new PartitionOutput(this, folder, values);
        _partitions.Add(key, output);
        _order.Add(output);
        return output;
    }

    /// <summary>The files of one partition: the open one, rolled over at the target size or row count.</summary>
    private sealed class PartitionOutput(PartitionedFileWriter owner, string folder, IReadOnlyList<string> values) : IDisposable
    {
        private Stream? _stream;
        private IFileFormatWriter? _writer;
        private long _fileRows;

        public IReadOnlyList<string> Values { get; } = values;

        public void Write(RecordBatch batch)
        {
            var offset = 0;
            while (offset < batch.RowCount)
            {
                if (_writer is null) Open();
                var room = owner._targetRows - _fileRows;
                var take = (int)Math.Min(batch.RowCount - offset, room);
                _writer!.Write(offset == 0 && take == batch.RowCount ? batch : batch.Slice(offset, take));
                _fileRows += take;
                offset += take;
                if (_fileRows >= owner._targetRows || _writer.BytesWritten >= owner._targetBytes) Close();
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
            var (stream, _) = owner._files.CreateFile(folder, owner._options.FileExtension);
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
}
