using QueryEngine.Engine.Columnar.Ipc.FlatBuffers;
using QueryEngine.Engine.Columnar.Ipc.Reading;
using QueryEngine.Engine.Common;

namespace QueryEngine.Engine.Columnar.Ipc;

/// <summary>
/// Decodes the messages of one IPC stream in order (as a stream or as Flight's FlightData): the schema first, then
/// dictionary batches (kept by id; a delta appends to its dictionary, otherwise it replaces it) and record batches,
/// whose dictionary-encoded columns come out decoded to their value type.
/// </summary>
public sealed class IpcMessageDecoder
{
    private const byte HeaderSchema = 1;
    private const byte HeaderDictionaryBatch = 2;
    private const byte HeaderRecordBatch = 3;

    private readonly Dictionary<long, ArrowArray> _dictionaries = [];
    private IReadOnlyList<IpcFieldLayout> _layouts = [];
    private Dictionary<long, IpcFieldLayout> _dictionaryLayouts = [];

    public Schema? Schema { get; private set; }

    /// <summary>A decoder for batches of a schema the engine wrote itself (no schema message to read).</summary>
    public static IpcMessageDecoder ForSchema(Schema schema) => new()
    {
        Schema = schema,
        _layouts = schema.Fields.Select(f => Layout(f.Type)).ToArray(),
    };

    /// <summary>Reads the schema message; it must come first and only once.</summary>
    public Schema DecodeSchema(ReadOnlyMemory<byte> header)
    {
        if (Schema is not null) throw new ProtocolException("Arrow IPC: a second schema message in one stream");
        var message = FbTableReader.Root(header);
        if (message.Byte(1) != HeaderSchema) throw new ProtocolException($"Arrow IPC: expected a schema message, got header type {message.Byte(1)}");
        var schema = message.Table(2) ?? throw new ProtocolException("Arrow IPC: schema message without a schema");
        (Schema, _layouts) = IpcSchemaDecoder.Decode(schema);
        _dictionaryLayouts = IpcSchemaDecoder.DictionaryValueLayouts(_layouts);
        return Schema;
    }

    /// <summary>The record batch of a message, or null when the message was a dictionary batch (now remembered).</summary>
    public RecordBatch? Decode(ReadOnlyMemory<byte> header, ReadOnlyMemory<byte> body)
    {
        var schema = Schema ?? throw new ProtocolException("Arrow IPC: a batch before the schema message");
        var message = FbTableReader.Root(header);
        switch (message.Byte(1))
        {
            case HeaderRecordBatch:
                {
                    var batch = message.Table(2) ?? throw new ProtocolException("Arrow IPC: record batch message without a header");
                    var (columns, length) = IpcBatchDecoder.DecodeColumns(_layouts, batch, body, _dictionaries);
                    return new RecordBatch(schema, columns, length);
                }
            case HeaderDictionaryBatch:
                AddDictionary(message.Table(2) ?? throw new ProtocolException("Arrow IPC: dictionary batch message without a header"), body);
                return null;
            default:
                throw new ProtocolException($"Arrow IPC: expected a record batch message, got header type {message.Byte(1)}");
        }
    }

    /// <summary>DictionaryBatch { id, data: RecordBatch of one column, isDelta }.</summary>
    private void AddDictionary(FbTableReader dictionaryBatch, ReadOnlyMemory<byte> body)
    {
        var id = dictionaryBatch.Long(0);
        if (!_dictionaryLayouts.TryGetValue(id, out var layout)) throw new ProtocolException($"Arrow IPC: dictionary batch for unknown dictionary id {id}");
        var data = dictionaryBatch.Table(1) ?? throw new ProtocolException($"Arrow IPC: dictionary batch {id} without data");
        var (columns, _) = IpcBatchDecoder.DecodeColumns([layout], data, body, _dictionaries);
        var values = columns[0];
        if (dictionaryBatch.Bool(2) && _dictionaries.TryGetValue(id, out var existing))
        {
            values = Append(existing, values);
        }
        _dictionaries[id] = values;
    }

    /// <summary>A delta dictionary after the values it extends (value by value: dictionaries are small and deltas rare).</summary>
    private static ArrowArray Append(ArrowArray existing, ArrowArray delta)
    {
        var builder = ArrayBuilder.Create(existing.Type, existing.Length + delta.Length);
        for (var i = 0; i < existing.Length; i++) builder.AppendValue(existing.GetValue(i));
        for (var i = 0; i < delta.Length; i++) builder.AppendValue(delta.GetValue(i));
        return builder.Build();
    }

    private static IpcFieldLayout Layout(DataType type) => new(type, 1, type switch
    {
        ListType l => [Layout(l.Element.Type)],
        StructType s => s.Fields.Select(f => Layout(f.Type)).ToArray(),
        MapType m => [new IpcFieldLayout(new StructType([m.Key, m.Value]), 1, [Layout(m.Key.Type), Layout(m.Value.Type)])],
        _ => [],
    });
}
