namespace QueryEngine.Engine.Columnar.Ipc.FlatBuffers;

/// <summary>
/// A vector of inline values (structs or scalars): <paramref name="data"/> holds <paramref name="count"/> elements
/// in little-endian layout, and the first element is placed at a multiple of <paramref name="alignment"/>.
/// </summary>
internal sealed class FbStructVector(byte[] data, int count, int alignment) : FbObject
{
    public byte[] Data { get; } = data;

    public int Count { get; } = count;

    public int Alignment { get; } = alignment;
}
