using System.Buffers;
using QueryEngine.Engine.Catalog;
using QueryEngine.Engine.Columnar;
using QueryEngine.Engine.Common;
using QueryEngine.Engine.Formats.Parquet.Metadata;
using QueryEngine.Engine.Storage;

namespace QueryEngine.Engine.Formats.Parquet.Reading;

/// <summary>
/// Reads one row group of one file: the chunks of the projected columns are fetched with few ranged reads
/// (neighbouring chunks coalesced, large reads split into requests sent a few at a time, see <see cref="ChunkReadPlan"/>),
/// decoded, and cut into batches of the projected schema.
/// </summary>
internal sealed class ParquetScanTask : IScanTask
{
    /// <summary>Requests of one row group in flight at once (the row groups themselves are scanned in parallel too).</summary>
    private const int MaxParallelRequests = 4;

    private readonly IObjectStore _store;
    private readonly ParquetFileInfo _file;
    private readonly int _group;
    private readonly Schema _schema;
    private readonly IReadOnlyList<ColumnSource> _columns;
    private readonly IReadOnlyList<object?> _partitionValues;
    private readonly int _batchSize;
    private readonly PageSelection? _pages;
    private readonly IReadOnlySet<int>? _dictionaryColumns;

    /// <param name="dictionaryColumns">Output columns that may come as <see cref="DictionaryArray"/>s (see <see cref="ScanRequest.DictionaryColumns"/>).</param>
    public ParquetScanTask(IObjectStore store, ParquetFileInfo file, int group, Schema schema, IReadOnlyList<ColumnSource> columns, IReadOnlyList<object?> partitionValues, int batchSize,
        PageSelection? pages = null, IReadOnlySet<int>? dictionaryColumns = null)
    {
        _dictionaryColumns = dictionaryColumns;
        _pages = pages;
        _store = store;
        _file = file;
        _group = group;
        _schema = schema;
        _columns = columns;
        _partitionValues = partitionValues;
        _batchSize = Math.Max(1, batchSize);
    }

    public string Path => _file.Path;

    public int RowGroup => _group;

    /// <summary>The rows and pages the page index selected, or null when the whole row group is read.</summary>
    public PageSelection? Pages => _pages;

    public IEnumerable<RecordBatch> Execute(ScanContext context)
    {
        var rowGroup = _file.Metadata.RowGroups[_group];
        var rows = (int)rowGroup.NumRows;
        var (assemblers, chunks) = Decode(rowGroup, rows, context);
        try
        {
            var constants = new ArrowArray?[_columns.Count];
            var nested = new ArrowArray?[_columns.Count];
            foreach (var (from, to) in _pages?.Ranges.Intervals ?? [(0L, (long)rows)])
            {
                for (var start = (int)from; start < to; start += _batchSize)
                {
                    context.Cancellation.ThrowIfCancellationRequested();
                    var n = (int)Math.Min(_batchSize, to - start);
                    var arrays = new ArrowArray[_columns.Count];
                    for (var i = 0; i < arrays.Length; i++)
                    {
                        var column = _columns[i];
                        if (column.Nested is { } node)
                        {
                            nested[i] ??= BuildNested(node, chunks, rows);
                            var whole = nested[i]!;
                            var part = start == 0 && n == rows ? whole : whole.Slice(start, n);
                            arrays[i] = column.Adapt is { } adaptNested ? adaptNested(part) : part;
                            continue;
                        }
                        if (column.Leaf is { } leaf)
                        {
                            var array = Assemble(assemblers[leaf.Index]!, start, n, leaf);
                            // A leaf projected twice is kept encoded for both uses or neither's taste: flat where not asked for.
                            if (array is DictionaryArray encoded && (column.Adapt is not null || _dictionaryColumns?.Contains(i) != true)) array = encoded.Materialize();
                            arrays[i] = column.Adapt is { } adapt ? adapt(array) : array;
                            continue;
                        }
                        if (constants[i] is not { } constant || constant.Length != n)
                        {
                            var value = column.PartitionKey >= 0 ? _partitionValues[column.PartitionKey] : null;
                            constant = ConstantArrays.Create(column.Type, value, n);
                            constants[i] = constant;
                        }
                        arrays[i] = constant;
                    }
                    yield return new RecordBatch(_schema, arrays, n);
                }
            }
        }
        finally
        {
            // Every array handed out is a copy: the decoded values go back to the pool.
            foreach (var chunk in chunks) chunk?.Release();
        }
    }

    /// <summary>Rows [<paramref name="start"/>, start + count) of the row group from the leaf's assembler.</summary>
    private ArrowArray Assemble(ColumnAssembler assembler, int start, int count, ParquetLeaf leaf)
    {
        try
        {
            var position = _pages is not null && _pages.Leaves.TryGetValue(leaf.Index, out var selected) ? selected.DecodedIndex(start) : start;
            assembler.SkipTo((int)position);
            return assembler.Next(count);
        }
        catch (Exception ex) when (ex is not QueryException and not OperationCanceledException)
        {
            throw new CorruptDataException(Where(leaf), 0, "malformed column data: " + ex.Message, ex);
        }
    }

    private ArrowArray BuildNested(ParquetNode node, DecodedChunk?[] chunks, int rows)
    {
        var source = $"{_file.Path} (row group {_group}, column {node.Name})";
        try
        {
            return new NestedAssembler(chunks, source).Build(node, rows);
        }
        catch (Exception ex) when (ex is not QueryException and not OperationCanceledException)
        {
            throw new CorruptDataException(source, 0, "malformed nested column data: " + ex.Message, ex);
        }
    }

    /// <summary>Whether some output column asked for encoded values reads this leaf as it is (no adaptation).</summary>
    private bool KeepsDictionary(ParquetLeaf leaf)
    {
        if (_dictionaryColumns is not { Count: > 0 } || leaf.Kind is not (ValueKind.Utf8 or ValueKind.Binary) || leaf.ValueWidth != 0) return false;
        for (var i = 0; i < _columns.Count; i++)
        {
            if (_columns[i].Leaf?.Index == leaf.Index && _columns[i].Adapt is null && _dictionaryColumns.Contains(i)) return true;
        }
        return false;
    }

    private string Where(ParquetLeaf leaf) => $"{_file.Path} (row group {_group}, column {leaf.Path})";

    /// <summary>Reads and decodes the chunks of every leaf the projection needs (indexed by leaf).</summary>
    private (ColumnAssembler?[] Assemblers, DecodedChunk?[] Chunks) Decode(RowGroup rowGroup, int rows, ScanContext context)
    {
        var leaves = new List<ParquetLeaf>();
        var seen = new HashSet<int>();
        var under = new List<ParquetLeaf>();
        foreach (var column in _columns)
        {
            if (column.Leaf is { } leaf && seen.Add(leaf.Index)) leaves.Add(leaf);
            if (column.Nested is { } node)
            {
                under.Clear();
                node.CollectLeaves(under);
                foreach (var l in under)
                {
                    if (seen.Add(l.Index)) leaves.Add(l);
                }
            }
        }
        var assemblers = new ColumnAssembler?[_file.Schema.Leaves.Count];
        var chunks = new DecodedChunk?[_file.Schema.Leaves.Count];
        if (leaves.Count == 0) return (assemblers, chunks);

        var ranges = new List<(long Start, long Length, ParquetLeaf Leaf)>(leaves.Count);
        foreach (var leaf in leaves)
        {
            if (_pages is not null && _pages.Leaves.TryGetValue(leaf.Index, out var selected))
            {
                var source = Where(leaf);
                var chunk = SelectedPagesDecoder.Decode(_store, _file.Path, rowGroup.Columns[leaf.Index].MetaData!, leaf, selected, source, context);
                chunks[leaf.Index] = chunk;
                if (leaf.Type is not null) assemblers[leaf.Index] = new ColumnAssembler(chunk, leaf, source);
                continue;
            }
            var (start, length) = ParquetFooter.ChunkRange(rowGroup.Columns[leaf.Index].MetaData!);
            ranges.Add((start, length, leaf));
        }
        ranges.Sort((a, b) => a.Start.CompareTo(b.Start));
        var spans = new (long Start, long Length)[ranges.Count];
        for (var r = 0; r < spans.Length; r++) spans[r] = (ranges[r].Start, ranges[r].Length);
        var reads = ChunkReadPlan.Coalesce(spans, ChunkReadPlan.Settings.Default);
        var buffers = new byte[reads.Count][];
        try
        {
            for (var r = 0; r < reads.Count; r++)
            {
                if (reads[r].Length > int.MaxValue) throw new ResourceExhaustedException($"{_file.Path} (row group {_group}): a column chunk of more than 2 GiB");
                buffers[r] = ArrayPool<byte>.Shared.Rent((int)reads[r].Length);
            }
            Fetch(reads, buffers, context);
            for (var r = 0; r < reads.Count; r++)
            {
                var read = reads[r];
                var buffer = buffers[r];
                for (var k = read.First; k < read.End; k++)
                {
                    var (start, length, leaf) = ranges[k];
                    var meta = rowGroup.Columns[leaf.Index].MetaData!;
                    var source = Where(leaf);
                    var span = buffer.AsSpan((int)(start - read.Start), (int)length);
                    DecodedChunk chunk;
                    try
                    {
                        chunk = ColumnChunkDecoder.Decode(span, start, meta, leaf, rows, source, context.Cancellation, KeepsDictionary(leaf));
                    }
                    catch (Exception ex) when (ex is not QueryException and not OperationCanceledException)
                    {
                        throw new CorruptDataException(source, start, "malformed column chunk: " + ex.Message, ex);
                    }
                    chunks[leaf.Index] = chunk;
                    if (leaf.MaxRepetition == 0 && leaf.Type is not null) assemblers[leaf.Index] = new ColumnAssembler(chunk, leaf, source);
                }
            }
        }
        finally
        {
            // The decoded chunks hold copies of what they need.
            foreach (var buffer in buffers)
            {
                if (buffer is not null) ArrayPool<byte>.Shared.Return(buffer);
            }
        }
        return (assemblers, chunks);
    }

    /// <summary>Fills each read's buffer: its pieces are requested at most <see cref="MaxParallelRequests"/> at a time.</summary>
    private void Fetch(List<ChunkReadPlan.Read> reads, byte[][] buffers, ScanContext context)
    {
        var pieces = ChunkReadPlan.Pieces(reads, ChunkReadPlan.Settings.Default);
        if (pieces.Count == 1)
        {
            FetchPiece(pieces[0], reads, buffers, context);
            return;
        }
        var options = new ParallelOptions { MaxDegreeOfParallelism = MaxParallelRequests, CancellationToken = context.Cancellation };
        try
        {
            Parallel.For(0, pieces.Count, options, p => FetchPiece(pieces[p], reads, buffers, context));
        }
        catch (AggregateException ex) when (ex.InnerExceptions.Count > 0)
        {
            // The first failure as it was thrown (a StorageException or CorruptDataException naming the file).
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(ex.InnerExceptions[0]).Throw();
        }
    }

    private void FetchPiece(ChunkReadPlan.Piece piece, List<ChunkReadPlan.Read> reads, byte[][] buffers, ScanContext context)
    {
        var read = reads[piece.Read];
        var destination = buffers[piece.Read].AsSpan((int)piece.Offset, (int)piece.Length);
        ParquetFooter.ReadExactly(_store, _file.Path, read.Start + piece.Offset, destination, context);
    }

    public override string ToString() => $"parquet {_file.Path} row group {_group}";
}
