namespace QueryEngine.Engine.Columnar.Ipc;

/// <summary>
/// A field's <c>DictionaryEncoding</c> (Schema.fbs) as we write it: the dictionary's id in the stream, 32-bit signed
/// indices, not ordered. The field's type stays the type of the dictionary's values.
/// </summary>
public sealed record IpcDictionaryEncoding(long Id);
