namespace QueryEngine.Engine.Columnar.Ipc.FlatBuffers;

/// <summary>One table field: a scalar of <see cref="Size"/> bytes, or a 4-byte offset to <see cref="Target"/>.</summary>
internal readonly record struct FbField(int Slot, int Size, long Value, FbObject? Target);
