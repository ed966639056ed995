using System.Data.Common;

namespace QueryEngine.Metastore.Store;

/// <summary>
/// What differs between the relational databases a metastore can live in. Everything else (table layout,
/// queries, migrations) is shared SQL: unquoted upper-case identifiers, <c>@name</c> parameters,
/// <c>INSERT ... RETURNING</c>, which SQLite (3.35+) and PostgreSQL both accept.
/// </summary>
internal abstract class SqlDialect
{
    /// <summary>Short name for messages, e.g. "SQLite".</summary>
    public abstract string Name { get; }

    /// <summary>Column definition of a generated, never reused 64-bit surrogate key that is the primary key.</summary>
    public abstract string IdentityKey { get; }

    /// <summary>Type of unbounded text (view texts, long parameter values).</summary>
    public virtual string LongText => "TEXT";

    /// <summary>
    /// A statement run first in the transaction that migrates the schema, so that processes opening a new metastore
    /// at the same time migrate it one after the other; null when the store's write transactions already exclude each other.
    /// </summary>
    public virtual string? MigrationLock => null;

    /// <summary>True when the error is a violated UNIQUE or PRIMARY KEY constraint.</summary>
    public abstract bool IsUniqueViolation(DbException exception);
}
