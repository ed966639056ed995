namespace QueryEngine.Metastore.Hms;

/// <summary>
/// An error a metastore call answers with one of Hive's declared exceptions. Thrown by the method handlers and
/// turned into the result struct's exception field by <see cref="Service.HmsDispatcher"/>.
/// </summary>
internal sealed class HmsException(HmsErrorKind kind, string message) : Exception(message)
{
    public HmsErrorKind Kind { get; } = kind;
}
