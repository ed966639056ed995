namespace QueryEngine.Engine.Thrift;

/// <summary>The header of a Thrift RPC message: method name, message type and the caller's sequence id.</summary>
internal readonly record struct ThriftMessageHeader(string Name, ThriftMessageType Type, int SequenceId);
