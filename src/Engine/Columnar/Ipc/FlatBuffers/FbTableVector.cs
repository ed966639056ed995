namespace QueryEngine.Engine.Columnar.Ipc.FlatBuffers;

/// <summary>A vector of offsets to tables or strings.</summary>
internal sealed class FbTableVector(IReadOnlyList<FbObject> items) : FbObject
{
    public IReadOnlyList<FbObject> Items { get; } = items;
}
