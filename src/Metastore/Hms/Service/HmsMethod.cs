using QueryEngine.Engine.Thrift;

namespace QueryEngine.Metastore.Hms.Service;

/// <summary>
/// One method of <c>ThriftHiveMetastore</c>: its name, the exceptions its IDL declares in order (they are the
/// result struct's fields 1..n), readers for its struct arguments by field id, and what it does.
/// </summary>
internal sealed record HmsMethod(
    string Name,
    IReadOnlyList<HmsErrorKind> Throws,
    IReadOnlyDictionary<short, Func<BinaryProtocolReader, object>>? StructArgs,
    Func<HmsArgs, HmsResult> Run);
