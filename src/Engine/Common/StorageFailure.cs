namespace QueryEngine.Engine.Common;

/// <summary>
/// What kind of storage failure a <see cref="StorageException"/> reports, so servers can answer with the matching
/// status (gRPC NOT_FOUND, PERMISSION_DENIED, UNAVAILABLE) instead of a generic internal error.
/// </summary>
public enum StorageFailure
{
    /// <summary>Anything else (a bad location, an unexpected answer of the store).</summary>
    Other,

    /// <summary>The file, object or bucket does not exist.</summary>
    NotFound,

    /// <summary>The store refused access (file permissions, S3 403).</summary>
    PermissionDenied,

    /// <summary>The store could not be reached or did not answer in time (connection refused, DNS, timeout, 5xx).</summary>
    Unavailable,
}
