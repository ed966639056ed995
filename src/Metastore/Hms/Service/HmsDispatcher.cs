using QueryEngine.Engine.Common;
using QueryEngine.Engine.Thrift;

namespace QueryEngine.Metastore.Hms.Service;

/// <summary>
/// Answers one call: reads its arguments, runs it, and writes the reply: the result struct with field 0
/// (success) or the field of the declared exception, or a TApplicationException (unknown method: UNKNOWN_METHOD;
/// a failure the method does not declare: INTERNAL_ERROR). Errors of our catalog become Hive's exceptions here,
/// at the edge. Only a protocol error (the arguments cannot be read) escapes, and the connection ends.
/// </summary>
internal sealed class HmsDispatcher(HmsMethodTable methods, Action<string> log)
{
    /// <summary>Handles the call whose header was just read; false when nothing is to be sent (a oneway call).</summary>
    public bool Dispatch(ThriftMessageHeader header, BinaryProtocolReader reader, BinaryProtocolWriter writer)
    {
        if (header.Type is not (ThriftMessageType.Call or ThriftMessageType.Oneway))
        {
            throw new ProtocolException($"expected a call, received a message of type {header.Type}");
        }
        var oneway = header.Type == ThriftMessageType.Oneway;
        if (!methods.TryGet(header.Name, out var method))
        {
            reader.Skip(ThriftType.Struct);
            if (oneway) return false;
            ThriftApplicationError.Write(writer, header.Name, header.SequenceId, ThriftApplicationErrorType.UnknownMethod,
                $"Invalid method name: '{header.Name}'");
            return true;
        }
        var args = HmsArgs.Read(reader, method.StructArgs);
        try
        {
            var result = method.Run(args);
            if (oneway) return false;
            WriteSuccess(writer, header, result);
        }
        catch (HmsException ex)
        {
            WriteError(writer, header, method, [ex.Kind], ex.Message);
        }
        catch (QueryException ex)
        {
            if (ex is InternalException) log($"HMS {header.Name} failed: {ex}");
            WriteError(writer, header, method, Candidates(ex), ex.Message);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            log($"HMS {header.Name} failed: {ex}");
            writer.Clear();
            ThriftApplicationError.Write(writer, header.Name, header.SequenceId, ThriftApplicationErrorType.InternalError,
                $"Internal error in {header.Name}: {ex.GetType().Name}: {ex.Message}");
        }
        return !oneway;
    }

    private static void WriteSuccess(BinaryProtocolWriter writer, ThriftMessageHeader header, HmsResult result)
    {
        writer.WriteMessageBegin(new ThriftMessageHeader(header.Name, ThriftMessageType.Reply, header.SequenceId));
        if (result.Type is { } type)
        {
            writer.WriteFieldBegin(type, 0);
            result.WriteValue!(writer);
        }
        writer.WriteFieldStop();
    }

    /// <summary>
    /// Writes the first of <paramref name="candidates"/> the method declares, else MetaException when declared,
    /// else a TApplicationException (INTERNAL_ERROR), as Hive's generated processor does for undeclared errors.
    /// </summary>
    private static void WriteError(BinaryProtocolWriter writer, ThriftMessageHeader header, HmsMethod method, HmsErrorKind[] candidates, string message)
    {
        writer.Clear();
        var index = -1;
        foreach (var kind in candidates.Append(HmsErrorKind.MetaException))
        {
            index = IndexOf(method.Throws, kind);
            if (index >= 0) break;
        }
        if (index < 0)
        {
            ThriftApplicationError.Write(writer, header.Name, header.SequenceId, ThriftApplicationErrorType.InternalError, message);
            return;
        }
        writer.WriteMessageBegin(new ThriftMessageHeader(header.Name, ThriftMessageType.Reply, header.SequenceId));
        writer.WriteFieldBegin(ThriftType.Struct, (short)(index + 1));
        writer.WriteStringField(1, message);
        writer.WriteFieldStop();
        writer.WriteFieldStop();
    }

    /// <summary>Hive's exceptions for one of our errors, most specific first.</summary>
    private static HmsErrorKind[] Candidates(QueryException ex) => ex switch
    {
        NotFoundException { Code: ErrorCode.SchemaNotFound } =>
            [HmsErrorKind.NoSuchObjectException, HmsErrorKind.UnknownDBException],
        NotFoundException =>
            [HmsErrorKind.NoSuchObjectException, HmsErrorKind.UnknownTableException],
        { Code: ErrorCode.AlreadyExists } => [HmsErrorKind.AlreadyExistsException],
        SemanticException or NotSupportedQueryException =>
            [HmsErrorKind.InvalidObjectException, HmsErrorKind.InvalidOperationException],
        _ => [HmsErrorKind.MetaException],
    };

    private static int IndexOf(IReadOnlyList<HmsErrorKind> kinds, HmsErrorKind kind)
    {
        for (var i = 0; i < kinds.Count; i++)
        {
            if (kinds[i] == kind) return i;
        }
        return -1;
    }
}
