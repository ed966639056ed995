using System.Data.Common;
using QueryEngine.Engine.Catalog;
using QueryEngine.Engine.Common;

namespace QueryEngine.Metastore.Store;

/// <summary>
/// An <see cref="ICatalog"/> kept in a relational database laid out like Hive's metastore
/// (see <see cref="MetastoreMigrations"/>). All SQL is shared; a store (SQLite, PostgreSQL) supplies
/// connections, transactions and its <see cref="SqlDialect"/>. Every operation runs in one transaction:
/// reads see one consistent snapshot, writes are all-or-nothing. Errors of the database itself surface as
/// <see cref="StorageException"/>; catalog errors are those of <see cref="CatalogRules"/>.
/// </summary>
public abstract partial class RelationalCatalog : ICatalog
{
    private readonly Lock _writeLock = new();

    private protected RelationalCatalog()
    {
    }

    /// <summary>Names the store in error messages, e.g. <c>SQLite metastore /data/metastore.db</c>.</summary>
    public abstract string Description { get; }

    private protected abstract SqlDialect Dialect { get; }

    /// <summary>True when writes of this process should queue on a lock instead of contending in the database.</summary>
    private protected virtual bool SerializeWrites => false;

    private protected abstract DbConnection OpenConnection();

    private protected abstract DbTransaction BeginRead(DbConnection connection);

    private protected abstract DbTransaction BeginWrite(DbConnection connection);

    /// <summary>How new partitions are written: row by row with prepared commands unless the store can do better.</summary>
    private protected virtual IPartitionWriter CreatePartitionWriter(DbTransaction transaction, long tableId) =>
        new PartitionInserter(transaction, tableId);

    /// <summary>Migrates the schema and creates the default database: call once from the store's constructor.</summary>
    private protected int Initialize(string? defaultDatabaseLocation)
    {
        var version = 0;
        Write(transaction =>
        {
            if (Dialect.MigrationLock is { } migrationLock) DbCommands.Execute(transaction, migrationLock);
            version = SchemaMigrator.Migrate(transaction, Dialect, MetastoreMigrations.All);
            if (FindDatabaseId(transaction, CatalogRules.DefaultDatabase) is null)
            {
                InsertDatabase(transaction, new DatabaseInfo(CatalogRules.DefaultDatabase, "Default Hive database", defaultDatabaseLocation));
            }
        });
        return version;
    }

    public IReadOnlyList<string> ListDatabases() => Read(transaction =>
    {
        using var command = DbCommands.Create(transaction, "SELECT NAME FROM DBS");
        return ReadSortedNames(command);
    });

    public DatabaseInfo? GetDatabase(string name)
    {
        var key = CatalogRules.NormalizeName(name, "Schema");
        return Read(transaction =>
        {
            long id;
            DatabaseInfo database;
            using (var command = DbCommands.Create(
                transaction,
                "SELECT DB_ID, \"DESC\", DB_LOCATION_URI, OWNER_NAME FROM DBS WHERE NAME = @name",
                ("@name", key)))
            using (var reader = command.ExecuteReader())
            {
                if (!reader.Read()) return null;
                id = reader.GetInt64(0);
                database = new DatabaseInfo(key, reader.NullableString(1), reader.NullableString(2)) { Owner = reader.NullableString(3) };
            }
            return database with { Parameters = ReadParameters(transaction, "DATABASE_PARAMS", "DB_ID", id) };
        });
    }

    public void CreateDatabase(DatabaseInfo database, bool ifNotExists)
    {
        var normalized = CatalogRules.Normalize(database);
        Write(
            transaction =>
            {
                if (FindDatabaseId(transaction, normalized.Name) is not null)
                {
                    if (ifNotExists) return;
                    throw CatalogRules.SchemaExists(normalized.Name);
                }
                InsertDatabase(transaction, normalized);
            },
            onDuplicate: () => ifNotExists ? null : CatalogRules.SchemaExists(normalized.Name));
    }

    public void DropDatabase(string name, bool ifExists, bool cascade)
    {
        var key = CatalogRules.NormalizeName(name, "Schema");
        Write(transaction =>
        {
            if (FindDatabaseId(transaction, key) is not { } id)
            {
                if (ifExists) return;
                throw CatalogRules.SchemaNotFound(key);
            }
            if (key == CatalogRules.DefaultDatabase) throw CatalogRules.CannotDropDefault();
            var tables = new List<TableIds>();
            using (var command = DbCommands.Create(
                transaction,
                "SELECT t.TBL_ID, t.SD_ID, s.CD_ID, s.SERDE_ID FROM TBLS t LEFT JOIN SDS s ON s.SD_ID = t.SD_ID WHERE t.DB_ID = @db",
                ("@db", id)))
            using (var reader = command.ExecuteReader())
            {
                while (reader.Read()) tables.Add(new TableIds(reader.GetInt64(0), reader.NullableInt64(1), reader.NullableInt64(2), reader.NullableInt64(3)));
            }
            if (tables.Count > 0 && !cascade) throw CatalogRules.SchemaNotEmpty(key);
            foreach (var table in tables) DeleteTable(transaction, table);
            DbCommands.Execute(transaction, "DELETE FROM DBS WHERE DB_ID = @db", ("@db", id));
        });
    }

    public void AlterDatabase(DatabaseInfo updated)
    {
        var normalized = CatalogRules.Normalize(updated);
        Write(transaction =>
        {
            if (FindDatabaseId(transaction, normalized.Name) is not { } id) throw CatalogRules.SchemaNotFound(normalized.Name);
            DbCommands.Execute(
                transaction,
                "UPDATE DBS SET \"DESC\" = @desc, DB_LOCATION_URI = @location, OWNER_NAME = @owner, OWNER_TYPE = @ownerType WHERE DB_ID = @db",
                ("@desc", normalized.Description),
                ("@location", normalized.Location),
                ("@owner", normalized.Owner),
                ("@ownerType", normalized.Owner is null ? null : "USER"),
                ("@db", id));
            DbCommands.Execute(transaction, "DELETE FROM DATABASE_PARAMS WHERE DB_ID = @db", ("@db", id));
            InsertParameters(transaction, "DATABASE_PARAMS", "DB_ID", id, normalized.Parameters);
        });
    }

    private static void InsertDatabase(DbTransaction transaction, DatabaseInfo database)
    {
        var id = DbCommands.ScalarInt64(
            transaction,
            "INSERT INTO DBS (NAME, \"DESC\", DB_LOCATION_URI, OWNER_NAME, OWNER_TYPE, CREATE_TIME) VALUES (@name, @desc, @location, @owner, @ownerType, @time) RETURNING DB_ID",
            ("@name", database.Name),
            ("@desc", database.Description),
            ("@location", database.Location),
            ("@owner", database.Owner),
            ("@ownerType", database.Owner is null ? null : "USER"),
            ("@time", DateTimeOffset.UtcNow.ToUnixTimeSeconds()))!.Value;
        InsertParameters(transaction, "DATABASE_PARAMS", "DB_ID", id, database.Parameters);
    }

    private static long? FindDatabaseId(DbTransaction transaction, string name) =>
        DbCommands.ScalarInt64(transaction, "SELECT DB_ID FROM DBS WHERE NAME = @name", ("@name", name));

    /// <summary>Reads a Hive-style parameter table (owner id, PARAM_KEY, PARAM_VALUE) into a dictionary.</summary>
    private static Dictionary<string, string> ReadParameters(DbTransaction transaction, string table, string ownerColumn, long ownerId)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        using var command = DbCommands.Create(
            transaction,
            $"SELECT PARAM_KEY, PARAM_VALUE FROM {table} WHERE {ownerColumn} = @owner",
            ("@owner", ownerId));
        using var reader = command.ExecuteReader();
        while (reader.Read()) result[reader.GetString(0)] = reader.NullableString(1) ?? string.Empty;
        return result;
    }

    private static void InsertParameters(DbTransaction transaction, string table, string ownerColumn, long ownerId, IEnumerable<KeyValuePair<string, string>> parameters)
    {
        using var command = DbCommands.Create(
            transaction,
            $"INSERT INTO {table} ({ownerColumn}, PARAM_KEY, PARAM_VALUE) VALUES (@owner, @key, @value)",
            ("@owner", ownerId));
        var key = DbCommands.Add(command, "@key", null);
        var value = DbCommands.Add(command, "@value", null);
        foreach (var (k, v) in parameters)
        {
            key.Value = k;
            value.Value = v;
            command.ExecuteNonQuery();
        }
    }

    private static string[] ReadSortedNames(DbCommand command)
    {
        var names = new List<string>();
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read()) names.Add(reader.GetString(0));
        }
        var result = names.ToArray();
        Array.Sort(result, StringComparer.Ordinal);
        return result;
    }

    /// <summary>Runs <paramref name="body"/> in a read transaction.</summary>
    private protected T Read<T>(Func<DbTransaction, T> body)
    {
        try
        {
            using var connection = OpenConnection();
            using var transaction = BeginRead(connection);
            var result = body(transaction);
            transaction.Commit();
            return result;
        }
        catch (DbException ex)
        {
            throw Translate(ex);
        }
    }

    /// <summary>
    /// Runs <paramref name="body"/> in a write transaction and commits it. A duplicate-key error (another
    /// writer won a race) goes to <paramref name="onDuplicate"/>, which returns the error to throw or null
    /// to treat the write as done.
    /// </summary>
    private protected void Write(Action<DbTransaction> body, Func<Exception?>? onDuplicate = null)
    {
        var locked = SerializeWrites;
        if (locked) _writeLock.Enter();
        try
        {
            using var connection = OpenConnection();
            using var transaction = BeginWrite(connection);
            body(transaction);
            transaction.Commit();
        }
        catch (DbException ex) when (onDuplicate is not null && Dialect.IsUniqueViolation(ex))
        {
            if (onDuplicate() is { } error) throw error;
        }
        catch (DbException ex)
        {
            throw Translate(ex);
        }
        finally
        {
            if (locked) _writeLock.Exit();
        }
    }

    private StorageException Translate(DbException exception) => new($"{Description}: {exception.Message}", exception);

    /// <summary>The rows that make up one table.</summary>
    private readonly record struct TableIds(long TableId, long? StorageId, long? ColumnsId, long? SerdeId);

    /// <summary>A table as read, with the ids of its rows and of its database.</summary>
    private sealed record StoredTable(TableInfo Info, TableIds Ids, long DatabaseId);
}
