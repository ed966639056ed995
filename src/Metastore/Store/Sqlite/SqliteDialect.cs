using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace QueryEngine.Metastore.Store.Sqlite;

internal sealed class SqliteDialect : SqlDialect
{
    /// <summary>SQLITE_CONSTRAINT_PRIMARYKEY and SQLITE_CONSTRAINT_UNIQUE (extended result codes).</summary>
    private const int PrimaryKeyViolation = 1555;
    private const int UniqueViolation = 2067;

    public static SqliteDialect Instance { get; } = new();

    public override string Name => "SQLite";

    /// <summary>A rowid alias; AUTOINCREMENT keeps ids of deleted rows from being reused, as Hive's sequences do.</summary>
    public override string IdentityKey => "INTEGER PRIMARY KEY AUTOINCREMENT";

    public override bool IsUniqueViolation(DbException exception) =>
        exception is SqliteException { SqliteExtendedErrorCode: PrimaryKeyViolation or UniqueViolation };
}
