using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using QueryEngine.Engine.Columnar;
using QueryEngine.Engine.Session;

namespace QueryEngine.Cli.Output;

/// <summary>
/// JSON Lines: one object per row, keyed by column name, with typed values: integers and decimals as JSON
/// numbers (decimals exactly, as written by <see cref="ValueFormatter"/>), finite floats as numbers and
/// NaN/Infinity as strings, booleans, NULL as null, dates, timestamps and text as strings, binary as a hex
/// string, arrays as arrays, rows (structs) as objects, maps as objects keyed by the formatted key.
/// </summary>
internal sealed class JsonLinesResultWriter : ResultWriter
{
    private static readonly JsonWriterOptions Options = new()
    {
        // Output goes to files and terminals, not HTML: keep non-ASCII text readable.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        SkipValidation = false,
    };

    public override void Write(StatementResult result, TextWriter output)
    {
        var schema = result.Schema;
        var buffer = new ArrayBufferWriter<byte>(256);
        foreach (var batch in result.Batches)
        {
            for (var r = 0; r < batch.RowCount; r++)
            {
                buffer.ResetWrittenCount();
                using (var json = new Utf8JsonWriter(buffer, Options))
                {
                    json.WriteStartObject();
                    for (var c = 0; c < schema.Count; c++)
                    {
                        json.WritePropertyName(schema[c].Name);
                        WriteValue(json, batch.Columns[c].GetValue(r), schema[c].Type);
                    }
                    json.WriteEndObject();
                }
                output.Write(Encoding.UTF8.GetString(buffer.WrittenSpan));
                output.Write('\n');
            }
        }
    }

    private static void WriteValue(Utf8JsonWriter json, object? value, DataType type)
    {
        switch (value)
        {
            case null:
                json.WriteNullValue();
                return;
            case bool b:
                json.WriteBooleanValue(b);
                return;
            case sbyte or short or int or long when type.IsInteger:
                json.WriteNumberValue(Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture));
                return;
            case Int128 unscaled when type is DecimalType decimalType:
                json.WriteRawValue(ValueFormatter.FormatDecimal(unscaled, decimalType.Scale));
                return;
            case double d when double.IsFinite(d):
                json.WriteNumberValue(d);
                return;
            case float f when float.IsFinite(f):
                json.WriteNumberValue(f);
                return;
            case object?[] items when type is ListType list:
                json.WriteStartArray();
                foreach (var item in items) WriteValue(json, item, list.Element.Type);
                json.WriteEndArray();
                return;
            case object?[] fields when type is StructType row:
                json.WriteStartObject();
                for (var i = 0; i < fields.Length; i++)
                {
                    json.WritePropertyName(row.Fields[i].Name);
                    WriteValue(json, fields[i], row.Fields[i].Type);
                }
                json.WriteEndObject();
                return;
            case KeyValuePair<object?, object?>[] entries when type is MapType map:
                json.WriteStartObject();
                foreach (var (key, item) in entries)
                {
                    json.WritePropertyName(ValueFormatter.FormatValue(key, map.Key.Type));
                    WriteValue(json, item, map.Value.Type);
                }
                json.WriteEndObject();
                return;
            default:
                json.WriteStringValue(ValueFormatter.FormatValue(value, type));
                return;
        }
    }
}
