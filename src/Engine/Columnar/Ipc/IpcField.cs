namespace QueryEngine.Engine.Columnar.Ipc;

/// <summary>A field of an IPC schema: name, type, nullability, children (nested types) and metadata.</summary>
public sealed record IpcField(string Name, IpcType Type, bool Nullable, IReadOnlyList<IpcField> Children)
{
    public IReadOnlyDictionary<string, string>? Metadata { get; init; }

    /// <summary>Set when record batches carry indices into a dictionary sent in dictionary batches.</summary>
    public IpcDictionaryEncoding? Dictionary { get; init; }

    public static IpcField Leaf(string name, IpcType type, bool nullable) => new(name, type, nullable, []);
}
