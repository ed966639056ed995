using QueryEngine.Engine.Columnar;
using QueryEngine.Engine.Columnar.Ipc;

namespace QueryEngine.FlightServer.FlightSql;

/// <summary>Small metadata results: rows of strings (and bytes) turned into one record batch message.</summary>
internal static class ResultBatches
{
    /// <summary>One batch of the given rows; each value is a string, a byte array or null.</summary>
    public static FlightResult FromRows(IReadOnlyList<IpcField> fields, IReadOnlyList<object?[]> rows)
    {
        if (rows.Count == 0) return FlightResult.Empty(fields);
        var builders = new BinaryBuilder[fields.Count];
        for (var c = 0; c < builders.Length; c++)
        {
            builders[c] = new BinaryBuilder(fields[c].Type.Kind == IpcTypeKind.Binary ? DataType.Binary : DataType.Utf8);
        }
        foreach (var row in rows)
        {
            for (var c = 0; c < builders.Length; c++)
            {
                switch (row[c])
                {
                    case null: builders[c].AppendNull(); break;
                    case string s: builders[c].Append(s); break;
                    case byte[] b: builders[c].Append(b); break;
                    default: throw new ArgumentException("metadata values are strings or bytes", nameof(rows));
                }
            }
        }
        var body = new IpcBodyBuilder();
        foreach (var builder in builders) IpcArrayEncoder.Encode(builder.Build(), body);
        return new FlightResult(fields, [IpcMessageEncoder.RecordBatch(rows.Count, body)]);
    }
}
