namespace QueryEngine.Engine.Columnar.Ipc.FlatBuffers;

/// <summary>Something a FlatBuffers table field or vector refers to by offset: a table, string or vector.</summary>
internal abstract class FbObject
{
}
