namespace QueryEngine.Engine.Thrift;

/// <summary>The kind of a Thrift RPC message (the low byte of a strict binary message header).</summary>
internal enum ThriftMessageType : byte
{
    Call = 1,
    Reply = 2,
    Exception = 3,
    Oneway = 4,
}
