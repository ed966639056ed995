namespace QueryEngine.Engine.Columnar.Ipc.FlatBuffers;

/// <summary>A FlatBuffers string: UTF-8 bytes after a uint32 length, followed by a NUL byte.</summary>
internal sealed class FbString(string value) : FbObject
{
    public string Value { get; } = value;
}
