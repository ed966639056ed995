using System.Data.Common;
using QueryEngine.Engine.Common;

namespace QueryEngine.Metastore.Store;

/// <summary>
/// Brings a metastore database to the newest schema: reads the applied version from <c>SCHEMA_VERSION</c>
/// and applies the missing migrations in order, all inside the caller's write transaction, so a metastore
/// is either fully migrated or untouched and two processes opening a new metastore at once migrate it once.
/// </summary>
internal static class SchemaMigrator
{
    /// <summary>Applies what is missing; returns the schema version the database is at afterwards.</summary>
    public static int Migrate(DbTransaction transaction, SqlDialect dialect, IReadOnlyList<Migration> migrations)
    {
        Validate(migrations);
        DbCommands.Execute(transaction, """
            CREATE TABLE IF NOT EXISTS SCHEMA_VERSION (
                VERSION INTEGER NOT NULL PRIMARY KEY,
                DESCRIPTION VARCHAR(256) NOT NULL,
                APPLIED_AT BIGINT NOT NULL
            )
            """);
        var current = (int)(DbCommands.ScalarInt64(transaction, "SELECT MAX(VERSION) FROM SCHEMA_VERSION") ?? 0);
        var latest = migrations.Count == 0 ? 0 : migrations[^1].Version;
        if (current > latest)
        {
            throw new StorageException(
                $"the metastore's schema version {current} is newer than this build of QueryEngine understands ({latest}); upgrade QueryEngine");
        }
        foreach (var migration in migrations)
        {
            if (migration.Version <= current) continue;
            foreach (var statement in migration.Statements(dialect)) DbCommands.Execute(transaction, statement);
            migration.Backfill?.Invoke(transaction);
            DbCommands.Execute(
                transaction,
                "INSERT INTO SCHEMA_VERSION (VERSION, DESCRIPTION, APPLIED_AT) VALUES (@version, @description, @at)",
                ("@version", migration.Version),
                ("@description", migration.Description),
                ("@at", DateTimeOffset.UtcNow.ToUnixTimeSeconds()));
            current = migration.Version;
        }
        return current;
    }

    /// <summary>Checks that versions run 1, 2, 3, ... without gaps or repeats.</summary>
    public static void Validate(IReadOnlyList<Migration> migrations)
    {
        for (var i = 0; i < migrations.Count; i++)
        {
            if (migrations[i].Version != i + 1)
            {
                throw new InternalException($"metastore migration #{i + 1} has version {migrations[i].Version}; versions must run 1, 2, 3, ...");
            }
        }
    }
}
