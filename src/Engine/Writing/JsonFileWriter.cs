using System.Buffers;
using System.IO.Compression;
using System.Text.Json;
using QueryEngine.Engine.Columnar;

namespace QueryEngine.Engine.Writing;

/// <summary>
/// JSON lines, as Hive's JsonSerDe reads them: one object per row keyed by column name; numbers for numeric columns
/// (decimals written exactly), strings for dates (<c>yyyy-MM-dd</c>), timestamps (<c>yyyy-MM-dd HH:mm:ss.ffffff</c>)
/// and binary (base64), JSON arrays and objects for nested values, <c>null</c> for NULL. Gzip when asked.
/// </summary>
internal sealed class JsonFileWriter : IFileFormatWriter
{
    private const int FlushAt = 1 << 20;

    private readonly CountingWriteStream _counted;
    private readonly Stream? _gzip;
    private readonly Stream _target;
    private readonly ArrayBufferWriter<byte> _buffer = new(FlushAt + 4096);
    private readonly Utf8JsonWriter _json;
    private readonly JsonEncodedText[] _names;
    private readonly ValueKind[] _kinds;
    private readonly int[] _scales;
    private readonly DataType[] _types;

    public JsonFileWriter(Stream output, Schema schema, OutputCompression compression)
    {
        _counted = new CountingWriteStream(output);
        _gzip = compression == OutputCompression.Gzip ? new GZipStream(_counted, CompressionLevel.Fastest, leaveOpen: true) : null;
        _target = _gzip ?? _counted;
        _json = new Utf8JsonWriter(_buffer, new JsonWriterOptions { SkipValidation = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        _names = new JsonEncodedText[schema.Count];
        _kinds = new ValueKind[schema.Count];
        _scales = new int[schema.Count];
        _types = new DataType[schema.Count];
        for (var i = 0; i < schema.Count; i++)
        {
            var field = schema.Fields[i];
            _names[i] = JsonEncodedText.Encode(field.Name);
            _kinds[i] = ValueText.KindOf(field.Type);
            _scales[i] = field.Type is DecimalType d ? d.Scale : 0;
            _types[i] = field.Type;
        }
    }

    public long BytesWritten => _counted.BytesWritten;

    public void Write(RecordBatch batch)
    {
        for (var row = 0; row < batch.RowCount; row++)
        {
            _json.WriteStartObject();
            for (var c = 0; c < _names.Length; c++)
            {
                _json.WritePropertyName(_names[c]);
                var array = batch.Columns[c];
                if (array.IsNull(row)) _json.WriteNullValue();
                else WriteValue(array, c, row);
            }
            _json.WriteEndObject();
            _json.Flush();
            _json.Reset();
            _buffer.GetSpan(1)[0] = (byte)'\n';
            _buffer.Advance(1);
            if (_buffer.WrittenCount >= FlushAt) FlushBuffer();
        }
    }

    public void Finish()
    {
        FlushBuffer();
        _gzip?.Dispose();
    }

    public void Dispose()
    {
        _json.Dispose();
        _gzip?.Dispose();
        _counted.Dispose();
    }

    private void FlushBuffer()
    {
        _target.Write(_buffer.WrittenSpan);
        _buffer.ResetWrittenCount();
    }

    private void WriteValue(ArrowArray array, int column, int row)
    {
        switch (_kinds[column])
        {
            case ValueKind.Boolean: _json.WriteBooleanValue(((BooleanArray)array).GetBit(row)); break;
            case ValueKind.Int8: _json.WriteNumberValue(((PrimitiveArray<sbyte>)array)[row]); break;
            case ValueKind.Int16: _json.WriteNumberValue(((PrimitiveArray<short>)array)[row]); break;
            case ValueKind.Int32: _json.WriteNumberValue(((PrimitiveArray<int>)array)[row]); break;
            case ValueKind.Int64: _json.WriteNumberValue(((PrimitiveArray<long>)array)[row]); break;
            case ValueKind.Float32: WriteFloating(((PrimitiveArray<float>)array)[row]); break;
            case ValueKind.Float64: WriteFloating(((PrimitiveArray<double>)array)[row]); break;
            case ValueKind.Decimal: _json.WriteRawValue(ValueFormatter.FormatDecimal(((PrimitiveArray<Int128>)array)[row], _scales[column]), skipInputValidation: true); break;
            case ValueKind.Date: _json.WriteStringValue(ValueFormatter.FormatDate(((PrimitiveArray<int>)array)[row])); break;
            case ValueKind.Timestamp: _json.WriteStringValue(ValueFormatter.FormatTimestamp(((PrimitiveArray<long>)array)[row], ((TimestampType)array.Type).Precision)); break;
            case ValueKind.PicoTimestamp: _json.WriteStringValue(ValueFormatter.FormatPicoTimestamp(((PrimitiveArray<Int128>)array)[row], ((TimestampType)array.Type).WithZone(null))); break;
            case ValueKind.Time: _json.WriteStringValue(ValueFormatter.Format(array, row)); break;
            case ValueKind.Json: _json.WriteRawValue(((BinaryArray)array).GetBytes(row), skipInputValidation: false); break;
            case ValueKind.Utf8: _json.WriteStringValue(((BinaryArray)array).GetBytes(row)); break;
            case ValueKind.Binary: _json.WriteBase64StringValue(((BinaryArray)array).GetBytes(row)); break;
            default: WriteBoxed(array.GetValue(row), _types[column]); break;
        }
    }

    private void WriteFloating(double value)
    {
        // JSON has no NaN or infinities: they are written as the strings Hive's JsonSerDe reads back.
        if (double.IsFinite(value)) _json.WriteNumberValue(value);
        else _json.WriteStringValue(ValueFormatter.FormatDouble(value));
    }

    /// <summary>Nested values (rare in ETL output) through their boxed form.</summary>
    private void WriteBoxed(object? value, DataType type)
    {
        switch (value)
        {
            case null: _json.WriteNullValue(); break;
            case object?[] items when type is ListType list:
                _json.WriteStartArray();
                foreach (var item in items) WriteBoxed(item, list.Element.Type);
                _json.WriteEndArray();
                break;
            case object?[] fields when type is StructType st:
                _json.WriteStartObject();
                for (var i = 0; i < fields.Length; i++)
                {
                    _json.WritePropertyName(st.Fields[i].Name);
                    WriteBoxed(fields[i], st.Fields[i].Type);
                }
                _json.WriteEndObject();
                break;
            case KeyValuePair<object?, object?>[] entries when type is MapType map:
                _json.WriteStartObject();
                foreach (var e in entries)
                {
                    _json.WritePropertyName(ValueFormatter.FormatValue(e.Key, map.Key.Type));
                    WriteBoxed(e.Value, map.Value.Type);
                }
                _json.WriteEndObject();
                break;
            case bool b: _json.WriteBooleanValue(b); break;
            case sbyte or short or int when type.Id != TypeId.Date32: _json.WriteNumberValue(Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture)); break;
            case long l when type.Id == TypeId.Int64: _json.WriteNumberValue(l); break;
            case double d: WriteFloating(d); break;
            case float f: WriteFloating(f); break;
            case Int128 when type is DecimalType: _json.WriteRawValue(ValueFormatter.FormatValue(value, type), skipInputValidation: true); break;
            default: _json.WriteStringValue(ValueFormatter.FormatValue(value, type)); break;
        }
    }
}
