namespace QueryEngine.Engine.Common;

/// <summary>Stable error codes; the phase is the first word (Syntax, Semantic, ...).</summary>
public enum ErrorCode
{
    SyntaxError,
    SemanticError,
    TypeMismatch,
    AmbiguousName,
    TableNotFound,
    ColumnNotFound,
    SchemaNotFound,
    FunctionNotFound,
    AlreadyExists,
    ExecutionError,
    DivisionByZero,
    NumericOverflow,
    InvalidCast,
    ResourceExhausted,
    CorruptData,
    ProtocolError,
    NotSupported,
    InternalError,
    IoError,
    ConcurrentModification,
}
