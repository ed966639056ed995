using System.Data.Common;
using Microsoft.Data.Sqlite;
using QueryEngine.Engine.Common;

namespace QueryEngine.Metastore.Store.Sqlite;

/// <summary>
/// The embedded metastore: a Hive-layout catalog in one SQLite file (by default <c>&lt;warehouse&gt;/metastore.db</c>).
/// The file is created and migrated to the newest schema on open, in WAL mode (readers never block the
/// writer) with foreign keys on; a <c>default</c> database exists from the first open. Safe for many
/// threads and for several processes sharing the file: each operation uses its own pooled connection and
/// transaction, writes of this process queue on a lock, and writers of other processes wait on SQLite's
/// lock for up to 30 seconds.
/// </summary>
public sealed class SqliteCatalog : RelationalCatalog, IDisposable
{
    /// <summary>File name of the metastore inside a warehouse folder.</summary>
    public const string DefaultFileName = "metastore.db";

    private readonly string _connectionString;

    /// <param name="databaseFile">The SQLite file; it and its folder are created when missing.</param>
    /// <param name="defaultDatabaseLocation">Location recorded for the <c>default</c> database when it is created.</param>
    public SqliteCatalog(string databaseFile, string? defaultDatabaseLocation = null)
    {
        DatabaseFile = Path.GetFullPath(databaseFile);
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(DatabaseFile)!);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new StorageException($"cannot create the folder of the metastore {DatabaseFile}: {ex.Message}", ex);
        }
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = DatabaseFile,
            Mode = SqliteOpenMode.ReadWriteCreate,
            ForeignKeys = true,
            Pooling = true,
            DefaultTimeout = 30,
        }.ToString();
        UseWriteAheadLog();
        SchemaVersion = Initialize(defaultDatabaseLocation);
    }

    /// <summary>Opens (creating if needed) the metastore of a warehouse: <c>&lt;warehouse&gt;/metastore.db</c>.</summary>
    public static SqliteCatalog OpenWarehouse(string warehouse)
    {
        var root = Path.GetFullPath(warehouse);
        return new SqliteCatalog(Path.Combine(root, DefaultFileName), root);
    }

    /// <summary>Absolute path of the SQLite file.</summary>
    public string DatabaseFile { get; }

    /// <summary>The schema version the file is at (see <see cref="MetastoreMigrations"/>).</summary>
    public int SchemaVersion { get; }

    public override string Description => $"SQLite metastore {DatabaseFile}";

    private protected override SqlDialect Dialect => SqliteDialect.Instance;

    private protected override bool SerializeWrites => true;

    /// <summary>Closes the pooled connections to the file.</summary>
    public void Dispose()
    {
        using var connection = new SqliteConnection(_connectionString);
        SqliteConnection.ClearPool(connection);
    }

    private protected override DbConnection OpenConnection()
    {
        var connection = new SqliteConnection(_connectionString);
        try
        {
            connection.Open();
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    private protected override DbTransaction BeginRead(DbConnection connection) => ((SqliteConnection)connection).BeginTransaction(deferred: true);

    /// <summary>BEGIN IMMEDIATE: takes the write lock up front, so two writers never deadlock upgrading a read lock.</summary>
    private protected override DbTransaction BeginWrite(DbConnection connection) => ((SqliteConnection)connection).BeginTransaction(deferred: false);

    private void UseWriteAheadLog()
    {
        try
        {
            using var connection = OpenConnection();
            using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA journal_mode = WAL";
            command.ExecuteNonQuery();
        }
        catch (DbException ex)
        {
            throw new StorageException($"{Description}: {ex.Message}", ex);
        }
    }
}
