namespace QueryEngine.Engine.Columnar.Ipc.Reading;

/// <summary>
/// How one field's buffers become engine values: its engine type and, for dates and timestamps, the factor to
/// the engine's unit (positive: multiply; negative: divide by its absolute value). A dictionary-encoded field
/// carries only indices in record batches; <see cref="Dictionary"/> says which dictionary they point into.
/// </summary>
internal sealed record IpcFieldLayout(DataType Type, long Scale, IReadOnlyList<IpcFieldLayout> Children)
{
    public IpcDictionaryIndex? Dictionary { get; init; }
}

/// <summary>A field's <c>DictionaryEncoding</c> (Schema.fbs): the dictionary id and the integer type of its indices.</summary>
internal sealed record IpcDictionaryIndex(long Id, int BitWidth, bool Signed);
