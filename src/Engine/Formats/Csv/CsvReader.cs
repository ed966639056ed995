using QueryEngine.Engine.Columnar;
using QueryEngine.Engine.Common;

namespace QueryEngine.Engine.Formats.Csv;

/// <summary>One column a <see cref="CsvReader"/> materializes: the field's position in the record and its name and type.</summary>
internal readonly record struct CsvColumn(int FieldIndex, string Name, DataType Type);

/// <summary>
/// Reads delimited text into record batches of the requested columns (other fields are skipped while tokenizing).
/// The input is consumed in large blocks; records are tokenized a chunk at a time into a field index, then each
/// column decodes its fields for the chunk in one typed loop. A reader is immutable and may serve many reads at once.
/// </summary>
internal sealed class CsvReader
{
    public const int DefaultBufferSize = 2 << 20;
    private const int ChunkRows = 1024;

    private readonly CsvOptions _options;
    private readonly IReadOnlyList<CsvColumn> _columns;
    private readonly FieldLayout _layout;
    private readonly Schema _schema;
    private readonly int _batchSize;
    private readonly int _bufferSize;

    public CsvReader(CsvOptions options, IReadOnlyList<CsvColumn> columns, int batchSize = RecordBatch.DefaultBatchSize, int bufferSize = DefaultBufferSize)
    {
        options.Validate();
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(bufferSize, 16);
        _options = options;
        _columns = columns;
        var fieldIndexes = new int[columns.Count];
        var fields = new Field[columns.Count];
        for (var i = 0; i < columns.Count; i++)
        {
            fieldIndexes[i] = columns[i].FieldIndex;
            fields[i] = new Field(columns[i].Name, columns[i].Type);
            // Fail before reading anything when a column type has no text decoder.
            ColumnDecoder.Create(columns[i].Name, columns[i].Type, 1, options);
        }
        _layout = new FieldLayout(fieldIndexes);
        _schema = new Schema(fields);
        _batchSize = batchSize;
        _bufferSize = bufferSize;
    }

    /// <summary>Schema of the produced batches: the requested columns in order.</summary>
    public Schema Schema => _schema;

    /// <summary>
    /// Reads the records that start in [<paramref name="start"/>, <paramref name="end"/>) of the input (a record starting
    /// before <paramref name="start"/> belongs to the previous range; the last record may run past <paramref name="end"/>).
    /// For <paramref name="start"/> &gt; 0 the input must be positioned at <paramref name="start"/> - 1, so the reader can
    /// tell whether a record starts exactly at <paramref name="start"/>. Header lines are skipped only at the file start.
    /// </summary>
    public IEnumerable<RecordBatch> Read(TextInput input, long start, long end, CancellationToken cancellation)
    {
        var tokenizer = CsvTokenizer.Create(_options, _layout);
        var context = new DecodeContext(_options, input.Location);
        var fields = new FieldIndex(_layout.SlotCount, Math.Min(ChunkRows, _batchSize));
        context.Fields = fields;
        var decoders = new ColumnDecoder[_columns.Count];
        // Arrays start at the batch size (capped: a huge batch size grows them as rows arrive).
        var capacity = Math.Min(_batchSize, 1 << 16);
        for (var i = 0; i < decoders.Length; i++) decoders[i] = ColumnDecoder.Create(_columns[i].Name, _columns[i].Type, capacity, _options);

        using var buffer = new TextBuffer(input, start == 0 ? 0 : start - 1, _bufferSize, end);
        buffer.Fill();
        if (start > 0)
        {
            // The byte before the range tells whether a record starts at its first byte: skip through the first newline.
            if (!buffer.SkipLines(1)) yield break;
        }
        else
        {
            if (buffer.Unread.StartsWith("\uFEFF"u8)) buffer.Position += 3;
            if (_options.LinesToSkip > 0 && !buffer.SkipLines(_options.LinesToSkip)) yield break;
        }

        var batchRows = 0;
        while (true)
        {
            cancellation.ThrowIfCancellationRequested();
            var stopAt = (int)Math.Clamp(end - buffer.Offset, 0, int.MaxValue);
            var position = buffer.Position;
            var status = tokenizer.Tokenize(buffer.Data.AsSpan(0, buffer.Length), ref position, Math.Min(fields.Capacity, _batchSize - batchRows), buffer.AtEnd, stopAt, fields, out var rows);
            if (status == TokenizeStatus.UnterminatedQuote)
            {
                throw new CorruptDataException(input.Location, buffer.Offset + position, "quoted field is not closed before the end of the file");
            }
            if (rows > 0)
            {
                context.Buffer = buffer.Data;
                context.BufferOffset = buffer.Offset;
                for (var slot = 0; slot < decoders.Length; slot++) decoders[slot].Decode(context, slot, rows);
                batchRows += rows;
            }
            buffer.Position = position;
            if (batchRows == _batchSize)
            {
                yield return Build(decoders, batchRows);
                batchRows = 0;
            }
            if (status == TokenizeStatus.Finished) break;
            if (status == TokenizeStatus.NeedMoreData && !buffer.Fill() && buffer.AtEnd && buffer.Position >= buffer.Length) break;
        }
        if (batchRows > 0) yield return Build(decoders, batchRows);
    }

    private RecordBatch Build(ColumnDecoder[] decoders, int rows)
    {
        var arrays = new ArrowArray[decoders.Length];
        for (var i = 0; i < arrays.Length; i++) arrays[i] = decoders[i].Build();
        return new RecordBatch(_schema, arrays, rows);
    }
}
