namespace QueryEngine.Metastore.Hms;

/// <summary>The exceptions of Hive's metastore IDL (each is the struct <c>{1: string message}</c>).</summary>
internal enum HmsErrorKind
{
    MetaException,
    NoSuchObjectException,
    AlreadyExistsException,
    InvalidObjectException,
    InvalidOperationException,
    UnknownDBException,
    UnknownTableException,
    InvalidInputException,
    ConfigValSecurityException,
    NoSuchTxnException,
    TxnAbortedException,
    NoSuchLockException,
    TxnOpenException,
}
