using QueryEngine.Engine.Columnar.Ipc;

namespace QueryEngine.FlightServer.FlightSql;

/// <summary>A result to stream: its IPC schema and its record batch messages, produced lazily.</summary>
internal sealed record FlightResult(IReadOnlyList<IpcField> Fields, IEnumerable<IpcMessage> Batches)
{
    public static FlightResult Empty(IReadOnlyList<IpcField> fields) => new(fields, []);
}
