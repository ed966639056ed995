namespace QueryEngine.Engine.Thrift;

/// <summary>The <c>type</c> field of Thrift's TApplicationException, as every Thrift runtime numbers it.</summary>
internal enum ThriftApplicationErrorType
{
    Unknown = 0,
    UnknownMethod = 1,
    InvalidMessageType = 2,
    WrongMethodName = 3,
    BadSequenceId = 4,
    MissingResult = 5,
    InternalError = 6,
    ProtocolError = 7,
}
