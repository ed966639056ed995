namespace QueryEngine.Engine.Thrift;

/// <summary>
/// Writes a TApplicationException reply: an <see cref="ThriftMessageType.Exception"/> message whose body is the
/// struct <c>{1: string message, 2: i32 type}</c>. Clients raise it as their runtime's TApplicationException.
/// </summary>
internal static class ThriftApplicationError
{
    public static void Write(BinaryProtocolWriter writer, string method, int sequenceId, ThriftApplicationErrorType type, string message)
    {
        writer.WriteMessageBegin(new ThriftMessageHeader(method, ThriftMessageType.Exception, sequenceId));
        writer.WriteFieldBegin(ThriftType.String, 1);
        writer.WriteString(message);
        writer.WriteFieldBegin(ThriftType.I32, 2);
        writer.WriteI32((int)type);
        writer.WriteFieldStop();
    }
}
