using QueryEngine.Engine.Columnar;
using QueryEngine.Engine.Common;
using QueryEngine.Engine.Formats.Parquet.Metadata;
using QueryEngine.Engine.Thrift;

namespace QueryEngine.Engine.Formats.Parquet.Writing;

/// <summary>
/// Writes record batches as a Parquet file: <c>PAR1</c>, row groups of about
/// <see cref="ParquetWriterOptions.RowGroupRows"/> rows (one column chunk per leaf column, see
/// <see cref="ColumnChunkWriter"/>; structs, arrays and maps are shredded into their leaves as <see cref="WriterSchema"/> lays them out), the bloom filters of dictionary-encoded chunks, the page index (every chunk's column index, then every chunk's offset index, as
/// parquet-format's PageIndex.md lays them out after the row groups), the footer with the schema, row groups, statistics and created_by, its
/// length and <c>PAR1</c>. Call <see cref="Finish"/> once after the last batch.
/// </summary>
internal sealed class ParquetWriter
{
    private readonly ParquetOutput _output;
    private readonly Schema _schema;
    private readonly ParquetWriterOptions _options;
    private readonly WriterSchema _layout;
    private readonly List<RecordBatch> _pending = [];
    private readonly List<RowGroup> _rowGroups = [];
    private readonly List<WrittenChunk> _chunks = [];
    private int _pendingRows;
    private long _rows;
    private bool _finished;

    public ParquetWriter(Stream output, Schema schema, ParquetWriterOptions? options = null)
    {
        _output = new ParquetOutput(output);
        _schema = schema;
        _options = options ?? ParquetWriterOptions.Default;
        if (_options.PageRows < 1 || _options.RowGroupRows < 1) throw new ArgumentException("page and row group sizes must be positive", nameof(options));
        _layout = WriterSchema.Build(schema);
        _output.Write("PAR1"u8);
    }

    public void Write(RecordBatch batch)
    {
        if (_finished) throw new InternalException("writing to a finished Parquet file");
        if (batch.Columns.Count != _schema.Count) throw new InternalException($"batch of {batch.Columns.Count} columns for a Parquet schema of {_schema.Count}");
        if (batch.RowCount == 0) return;
        _pending.Add(batch);
        _pendingRows += batch.RowCount;
        if (_pendingRows >= _options.RowGroupRows) FlushRowGroup();
    }

    public void Finish()
    {
        if (_finished) return;
        FlushRowGroup();
        WriteBloomFilters();
        if (_options.WritePageIndex) WritePageIndex();
        _chunks.Clear();
        var elements = new List<SchemaElement> { new() { Name = "schema", NumChildren = _schema.Count } };
        elements.AddRange(_layout.Elements);
        var metadata = new FileMetaData
        {
            Version = 1,
            Schema = elements,
            NumRows = _rows,
            RowGroups = _rowGroups,
            CreatedBy = _options.CreatedBy,
        };
        var writer = new CompactWriter();
        metadata.Write(writer);
        _output.Write(writer.WrittenSpan);
        Span<byte> tail = stackalloc byte[8];
        System.Buffers.Binary.BinaryPrimitives.WriteInt32LittleEndian(tail, writer.Length);
        "PAR1"u8.CopyTo(tail[4..]);
        _output.Write(tail);
        _finished = true;
    }

    private void FlushRowGroup()
    {
        if (_pendingRows == 0) return;
        var start = _output.Position;
        var group = new RowGroup { NumRows = _pendingRows, FileOffset = start };
        long uncompressed = 0;
        for (var leaf = 0; leaf < _layout.Leaves.Count; leaf++)
        {
            var column = _layout.LeafColumns[leaf];
            var arrays = _pending.Select(b => b.Columns[column]).ToArray();
            var written = ColumnChunkWriter.Write(_output, _layout.Leaves[leaf], arrays, _options);
            uncompressed += written.Chunk.MetaData!.TotalUncompressedSize;
            group.Columns.Add(written.Chunk);
            if (_options.WritePageIndex || written.BloomFilter is not null) _chunks.Add(written);
        }
        group.TotalByteSize = uncompressed;
        group.TotalCompressedSize = _output.Position - start;
        _rowGroups.Add(group);
        _rows += _pendingRows;
        _pending.Clear();
        _pendingRows = 0;
    }

    /// <summary>Writes the column indexes of all chunks, then their offset indexes, and points the chunks at them.</summary>
    private void WritePageIndex()
    {
        var writer = new CompactWriter();
        foreach (var written in _chunks)
        {
            if (written.ColumnIndex is not { } index) continue;
            writer.Reset();
            index.Write(writer);
            written.Chunk.ColumnIndexOffset = _output.Position;
            written.Chunk.ColumnIndexLength = writer.Length;
            _output.Write(writer.WrittenSpan);
        }
        foreach (var written in _chunks)
        {
            writer.Reset();
            written.OffsetIndex.Write(writer);
            written.Chunk.OffsetIndexOffset = _output.Position;
            written.Chunk.OffsetIndexLength = writer.Length;
            _output.Write(writer.WrittenSpan);
        }
    }

    /// <summary>Writes each bloom filter (header, then bitset) and points its chunk's metadata at it.</summary>
    private void WriteBloomFilters()
    {
        var writer = new CompactWriter();
        foreach (var written in _chunks)
        {
            if (written.BloomFilter is not { } bitset) continue;
            writer.Reset();
            new BloomFilterHeader(bitset.Length, SplitBlock: true, XxHash: true, Uncompressed: true).Write(writer);
            var meta = written.Chunk.MetaData!;
            meta.BloomFilterOffset = _output.Position;
            meta.BloomFilterLength = writer.Length + bitset.Length;
            _output.Write(writer.WrittenSpan);
            _output.Write(bitset);
        }
    }

    /// <summary>The schema being written.</summary>
    public Schema Schema => _schema;
}
