using System.IO.Compression;
using System.Text;
using QueryEngine.Engine.Columnar;
using QueryEngine.Engine.Common;

namespace QueryEngine.Engine.Writing;

/// <summary>
/// Hive text (LazySimpleSerDe) lines: fields separated by the field delimiter, NULL as <c>\N</c>, dates
/// <c>yyyy-MM-dd</c>, timestamps <c>yyyy-MM-dd HH:mm:ss.ffffff</c>, binary as base64; gzip when asked. LazySimpleSerDe
/// has no escaping by default, so a string holding the delimiter or a line break is refused rather than written
/// unreadably. Nested columns are not writable as text yet.
/// </summary>
internal sealed class TextFileWriter : IFileFormatWriter
{
    private readonly Stream? _gzip;
    private readonly ByteBuffer _buffer;
    private readonly CountingWriteStream _counted;
    private readonly TextColumn[] _columns;
    private readonly byte _delimiter;

    public TextFileWriter(Stream output, Schema schema, OutputCompression compression, string delimiter)
    {
        _counted = new CountingWriteStream(output);
        _gzip = compression == OutputCompression.Gzip ? new GZipStream(_counted, CompressionLevel.Fastest, leaveOpen: true) : null;
        _buffer = new ByteBuffer(_gzip ?? _counted);
        if (delimiter.Length != 1 || delimiter[0] > 0x7F) throw new NotSupportedQueryException("TEXTFILE field_delimiter must be one ASCII character");
        _delimiter = (byte)delimiter[0];
        _columns = new TextColumn[schema.Count];
        for (var i = 0; i < _columns.Length; i++)
        {
            var field = schema.Fields[i];
            if (field.Type.IsNested) throw new NotSupportedQueryException($"Writing column {field.Name} of type {field.Type.SqlName} as TEXTFILE is not supported yet: use PARQUET or JSON");
            _columns[i] = new TextColumn(field.Name, TextColumn.KindOf(field.Type), field.Type is DecimalType d ? d.Scale : 0);
        }
    }

    public long BytesWritten => _counted.BytesWritten;

    public void Write(RecordBatch batch)
    {
        for (var row = 0; row < batch.RowCount; row++)
        {
            for (var c = 0; c < _columns.Length; c++)
            {
                if (c > 0) _buffer.Append(_delimiter);
                var array = batch.Columns[c];
                if (array.IsNull(row))
                {
                    _buffer.Append("\\N"u8);
                    continue;
                }
                var column = _columns[c];
                if (column.Kind is ValueKind.Utf8 or ValueKind.Json)
                {
                    var bytes = ((BinaryArray)array).GetBytes(row);
                    if (bytes.IndexOfAny(_delimiter, (byte)'\n', (byte)'\r') >= 0)
                    {
                        throw new ExecutionException(
                            $"Column {column.Name}: the value '{Encoding.UTF8.GetString(bytes)}' holds the field delimiter or a line break, which TEXTFILE cannot represent; use format = 'PARQUET' or 'JSON', or another field_delimiter");
                    }
                    _buffer.Append(bytes);
                    continue;
                }
                ValueText.Append(_buffer, array, column.Kind, column.Scale, row);
            }
            _buffer.Append((byte)'\n');
            _buffer.EndRow();
        }
    }

    public void Finish()
    {
        _buffer.Flush();
        _gzip?.Dispose();
    }

    public void Dispose()
    {
        _gzip?.Dispose();
        _counted.Dispose();
    }

    private sealed record TextColumn(string Name, ValueKind Kind, int Scale)
    {
        public static ValueKind KindOf(DataType type) => ValueText.KindOf(type);
    }
}
