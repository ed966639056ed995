namespace QueryEngine.Engine.Columnar.Ipc.Reading;

/// <summary>
/// How one field's buffers become engine values: its engine type and, for dates and timestamps, the factor to
/// the engine's unit (positive: multiply; negative: divide by its absolute value).
/// </summary>
internal sealed record IpcFieldLayout(DataType Type, long Scale, IReadOnlyList<IpcFieldLayout> Children);
