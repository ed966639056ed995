using System.Data;
using System.Data.Common;
using Npgsql;
using QueryEngine.Engine.Common;

namespace QueryEngine.Metastore.Store.Postgres;

/// <summary>
/// A Hive-layout metastore in a PostgreSQL database, shared by any number of processes. The schema is migrated on
/// open (under an advisory lock, so concurrent first opens migrate once) and a <c>default</c> database is created.
/// Reads run in REPEATABLE READ transactions (one snapshot per operation); writes in READ COMMITTED, where the
/// version checks of table and partition updates (<c>UPDATE ... WHERE VERSION = @read</c>) re-check after waiting
/// for a concurrent writer, so no update is silently lost.
/// </summary>
public sealed class PostgresCatalog : RelationalCatalog, IDisposable
{
    private readonly NpgsqlDataSource _dataSource;

    /// <param name="connection">A postgres:// URL or an Npgsql connection string (see <see cref="PostgresConnectionString"/>).</param>
    /// <param name="defaultDatabaseLocation">Location recorded for the <c>default</c> database when it is created.</param>
    public PostgresCatalog(string connection, string? defaultDatabaseLocation = null)
    {
        var builder = new NpgsqlConnectionStringBuilder(PostgresConnectionString.Parse(connection));
        Description = $"PostgreSQL metastore {builder.Host}:{builder.Port}/{builder.Database}";
        _dataSource = NpgsqlDataSource.Create(builder);
        try
        {
            SchemaVersion = Initialize(defaultDatabaseLocation);
        }
        catch
        {
            _dataSource.Dispose();
            throw;
        }
    }

    /// <summary>The schema version the database is at (see <see cref="MetastoreMigrations"/>).</summary>
    public int SchemaVersion { get; }

    public override string Description { get; }

    private protected override SqlDialect Dialect => PostgresDialect.Instance;

    public void Dispose() => _dataSource.Dispose();

    private protected override DbConnection OpenConnection()
    {
        try
        {
            return _dataSource.OpenConnection();
        }
        catch (Exception ex) when (ex is not DbException and (System.Net.Sockets.SocketException or TimeoutException or InvalidOperationException))
        {
            throw new StorageException($"{Description}: {ex.Message}", ex);
        }
    }

    private protected override DbTransaction BeginRead(DbConnection connection) =>
        ((NpgsqlConnection)connection).BeginTransaction(IsolationLevel.RepeatableRead);

    private protected override DbTransaction BeginWrite(DbConnection connection) =>
        ((NpgsqlConnection)connection).BeginTransaction(IsolationLevel.ReadCommitted);

    private protected override IPartitionWriter CreatePartitionWriter(DbTransaction transaction, long tableId) =>
        new PostgresPartitionWriter((NpgsqlTransaction)transaction, tableId);
}
