namespace QueryEngine.Engine.Columnar.Ipc;

/// <summary>One encoded IPC message: the FlatBuffers <c>Message</c> (padded to 8 bytes) and its body.</summary>
public sealed record IpcMessage(byte[] Header, ReadOnlyMemory<byte> Body);
