using Microsoft.Data.Sqlite;
using QueryEngine.Engine.Catalog;
using QueryEngine.Engine.Common;
using QueryEngine.Metastore.Store;
using QueryEngine.Metastore.Store.Sqlite;
using Xunit;

namespace QueryEngine.Metastore.Tests.Store.Sqlite;

public sealed class SqliteCatalogTests : CatalogContractTests
{
    private readonly TempDirectory _dir = new();
    private readonly SqliteCatalog _catalog;

    public SqliteCatalogTests() => _catalog = SqliteCatalog.OpenWarehouse(_dir.Path);

    protected override ICatalog Catalog => _catalog;

    protected override void Dispose(bool disposing)
    {
        _catalog.Dispose();
        _dir.Dispose();
        base.Dispose(disposing);
    }

    [Fact]
    public void TheMetastoreIsAFileInTheWarehouse()
    {
        Assert.Equal(_dir.Combine("metastore.db"), _catalog.DatabaseFile);
        Assert.True(File.Exists(_catalog.DatabaseFile));
        Assert.Equal(MetastoreMigrations.Latest, _catalog.SchemaVersion);
        Assert.Equal(Path.GetFullPath(_dir.Path), _catalog.GetDatabase("default")!.Location);
    }

    [Fact]
    public void EverythingSurvivesAReopen()
    {
        var sales = new DatabaseInfo("sales", "Sales", "/lake/sales") { Owner = "bob", Parameters = new Dictionary<string, string> { ["k"] = "v" } };
        _catalog.CreateDatabase(sales, ifNotExists: false);
        _catalog.CreateTable(SampleTable("sales", "orders"), ifNotExists: false);
        _catalog.CreateTable(SampleView("sales", "recent"), ifNotExists: false);
        _catalog.Dispose();

        using var reopened = new SqliteCatalog(_dir.Combine("metastore.db"));
        Assert.Equal(["default", "sales"], reopened.ListDatabases());
        CatalogAssert.Equal(sales, reopened.GetDatabase("sales"));
        CatalogAssert.Equal(SampleTable("sales", "orders"), reopened.GetTable("sales", "orders"));
        CatalogAssert.Equal(SampleView("sales", "recent"), reopened.GetTable("sales", "recent"));
        Assert.Equal(MetastoreMigrations.Latest, reopened.SchemaVersion);
    }

    [Fact]
    public void TheFileUsesWalForeignKeysAndARecordedSchemaVersion()
    {
        using var connection = OpenRaw();
        Assert.Equal("wal", Scalar(connection, "PRAGMA journal_mode"));
        Assert.Equal((long)MetastoreMigrations.Latest, Scalar(connection, "SELECT MAX(VERSION) FROM SCHEMA_VERSION"));
        Assert.Equal((long)MetastoreMigrations.All.Count, Scalar(connection, "SELECT COUNT(*) FROM SCHEMA_VERSION"));
        Assert.Equal("ok", Scalar(connection, "PRAGMA integrity_check"));
    }

    [Fact]
    public void TablesAreStoredInHiveLayout()
    {
        _catalog.CreateTable(SampleTable("default", "orders"), ifNotExists: false);
        using var connection = OpenRaw();

        Assert.Equal("EXTERNAL_TABLE", Scalar(connection, "SELECT TBL_TYPE FROM TBLS WHERE TBL_NAME = 'orders'"));
        Assert.Equal(StorageInfo.Formats.LazySimpleSerde, Scalar(connection,
            "SELECT z.SLIB FROM TBLS t JOIN SDS s ON s.SD_ID = t.SD_ID JOIN SERDES z ON z.SERDE_ID = s.SERDE_ID"));
        Assert.Equal("|", Scalar(connection, "SELECT PARAM_VALUE FROM SERDE_PARAMS WHERE PARAM_KEY = 'field.delim'"));
        Assert.Equal("o_orderdate", Scalar(connection, "SELECT COLUMN_NAME FROM COLUMNS_V2 WHERE INTEGER_IDX = 2"));
        Assert.Equal("region", Scalar(connection, "SELECT PKEY_NAME FROM PARTITION_KEYS WHERE INTEGER_IDX = 1"));
        Assert.Equal(SampleTable("default", "orders").Comment, Scalar(connection, "SELECT PARAM_VALUE FROM TABLE_PARAMS WHERE PARAM_KEY = 'comment'"));
    }

    [Fact]
    public void DroppingLeavesNoOrphanRows()
    {
        _catalog.CreateDatabase(new DatabaseInfo("sales") { Parameters = new Dictionary<string, string> { ["a"] = "b" } }, ifNotExists: false);
        _catalog.CreateTable(SampleTable("sales", "orders"), ifNotExists: false);
        _catalog.CreateTable(SampleTable("default", "lonely"), ifNotExists: false);
        _catalog.CreateTable(SampleView("sales", "recent"), ifNotExists: false);
        _catalog.AddPartitions("sales", "orders", [new PartitionInfo("sales", "orders", ["2024-01-01", "eu"]) { Parameters = new Dictionary<string, string> { ["n"] = "1" } }], ifNotExists: false);
        _catalog.UpdateColumnStatistics("sales", "orders", null, [new ColumnStatistics("o_orderkey", "bigint")]);
        _catalog.UpdateColumnStatistics("sales", "orders", ["2024-01-01", "eu"], [new ColumnStatistics("o_orderkey", "bigint")]);
        _catalog.AddPartitions("default", "lonely", [new PartitionInfo("default", "lonely", ["2024-01-01", "eu"])], ifNotExists: false);
        _catalog.DropTable("default", "lonely", ifExists: false);
        _catalog.DropDatabase("sales", ifExists: false, cascade: true);

        using var connection = OpenRaw();
        foreach (var table in new[]
        {
            "TBLS", "SDS", "CDS", "COLUMNS_V2", "SERDES", "SERDE_PARAMS", "TABLE_PARAMS", "PARTITION_KEYS", "DATABASE_PARAMS",
            "PARTITIONS", "PARTITION_KEY_VALS", "PARTITION_PARAMS", "TAB_COL_STATS", "PART_COL_STATS",
        })
        {
            Assert.Equal(0L, Scalar(connection, $"SELECT COUNT(*) FROM {table}"));
        }
        Assert.Equal(1L, Scalar(connection, "SELECT COUNT(*) FROM DBS"));
        Assert.Empty(Rows(connection, "PRAGMA foreign_key_check"));
    }

    [Fact]
    public void TwoCatalogsOnOneFileSeeEachOthersWritesAndDoNotCorruptIt()
    {
        using var other = new SqliteCatalog(_catalog.DatabaseFile);
        var failures = new System.Collections.Concurrent.ConcurrentQueue<Exception>();
        var writers = new[] { (ICatalog)_catalog, other }.Select((catalog, n) => new Thread(() =>
        {
            try
            {
                for (var i = 0; i < 20; i++)
                {
                    catalog.CreateTable(SampleTable("default", $"w{n}_{i}"), ifNotExists: false);
                    catalog.CreateDatabase(new DatabaseInfo($"d{i}"), ifNotExists: true);
                }
            }
            catch (Exception ex)
            {
                failures.Enqueue(ex);
            }
        })).ToArray();
        foreach (var w in writers) w.Start();
        foreach (var w in writers) w.Join();

        Assert.Empty(failures);
        Assert.Equal(40, _catalog.ListTables("default").Count);
        Assert.Equal(40, other.ListTables("default").Count);
        Assert.Equal(21, other.ListDatabases().Count);
        using var connection = OpenRaw();
        Assert.Equal("ok", Scalar(connection, "PRAGMA integrity_check"));
    }

    [Fact]
    public void AVersionOneMetastoreIsUpgradedInPlace()
    {
        var file = MetastoreAtVersion("old", 1,
        [
            "INSERT INTO DBS (DB_ID, NAME, CREATE_TIME) VALUES (1, 'default', 0)",
            "INSERT INTO CDS (CD_ID) VALUES (1)",
            "INSERT INTO COLUMNS_V2 (CD_ID, COLUMN_NAME, TYPE_NAME, INTEGER_IDX) VALUES (1, 'id', 'int', 0)",
            "INSERT INTO SERDES (SERDE_ID, SLIB) VALUES (1, 'org.apache.hadoop.hive.serde2.lazy.LazySimpleSerDe')",
            "INSERT INTO SDS (SD_ID, CD_ID, SERDE_ID, INPUT_FORMAT, OUTPUT_FORMAT, LOCATION) VALUES (1, 1, 1, 'in', 'out', '/old')",
            "INSERT INTO TBLS (TBL_ID, DB_ID, SD_ID, TBL_NAME, TBL_TYPE, CREATE_TIME) VALUES (1, 1, 1, 'legacy', 'EXTERNAL_TABLE', 0)",
            "INSERT INTO PARTITION_KEYS (TBL_ID, PKEY_NAME, PKEY_TYPE, INTEGER_IDX) VALUES (1, 'ds', 'string', 0)",
        ]);

        using var upgraded = new SqliteCatalog(file);
        Assert.Equal(MetastoreMigrations.Latest, upgraded.SchemaVersion);
        var legacy = upgraded.GetTable("default", "legacy")!;
        Assert.Equal(0, legacy.Version);
        Assert.Equal("/old", legacy.Storage.Location);
        upgraded.AddPartitions("default", "legacy", [new PartitionInfo("default", "legacy", ["2024-01-01"])], ifNotExists: false);
        Assert.Equal("/old/ds=2024-01-01", upgraded.GetPartition("default", "legacy", ["2024-01-01"])!.Storage!.Location);
        upgraded.AlterTable("default", "legacy", legacy with { Parameters = new Dictionary<string, string> { ["k"] = "v" } });
        Assert.Equal(1, upgraded.GetTable("default", "legacy")!.Version);
    }

    [Fact]
    public void UpgradingFillsTheNumberOfExistingPartitionValues()
    {
        var statements = new List<string>
        {
            "INSERT INTO DBS (DB_ID, NAME, CREATE_TIME) VALUES (1, 'default', 0)",
            "INSERT INTO SDS (SD_ID, INPUT_FORMAT, OUTPUT_FORMAT, LOCATION) VALUES (1, 'in', 'out', '/old')",
            "INSERT INTO TBLS (TBL_ID, DB_ID, SD_ID, TBL_NAME, TBL_TYPE, CREATE_TIME) VALUES (1, 1, 1, 'legacy', 'EXTERNAL_TABLE', 0)",
            "INSERT INTO PARTITION_KEYS (TBL_ID, PKEY_NAME, PKEY_TYPE, INTEGER_IDX) VALUES (1, 'hr', 'int', 0)",
        };
        string[] hours = ["7", "07", "8", "x"];
        for (var i = 0; i < hours.Length; i++)
        {
            statements.Add($"INSERT INTO PARTITIONS (PART_ID, TBL_ID, PART_NAME, CREATE_TIME) VALUES ({i + 1}, 1, 'hr={hours[i]}', 0)");
            statements.Add($"INSERT INTO PARTITION_KEY_VALS (PART_ID, PART_KEY_VAL, INTEGER_IDX) VALUES ({i + 1}, '{hours[i]}', 0)");
        }
        var file = MetastoreAtVersion("v4", 4, statements);

        using var upgraded = new SqliteCatalog(file);
        Assert.Equal(MetastoreMigrations.Latest, upgraded.SchemaVersion);
        var seven = upgraded.ListPartitions("default", "legacy", new PartitionFilter([]) { Numbers = [new PartitionNumberFilter("hr", 7, 7)] });
        Assert.Equal(["07", "7"], seven.Select(p => p.Values[0]));
        var atLeastSeven = upgraded.ListPartitions("default", "legacy", new PartitionFilter([]) { Numbers = [new PartitionNumberFilter("hr", 7, null)] });
        Assert.Equal(["07", "7", "8"], atLeastSeven.Select(p => p.Values[0]));
        Assert.Equal(4, upgraded.CountPartitions("default", "legacy"));
    }

    [Fact]
    public void AMetastoreFromANewerBuildIsRefused()
    {
        using (var connection = OpenRaw())
        {
            using var command = connection.CreateCommand();
            command.CommandText = "INSERT INTO SCHEMA_VERSION (VERSION, DESCRIPTION, APPLIED_AT) VALUES (999, 'from the future', 0)";
            command.ExecuteNonQuery();
        }

        var error = Assert.Throws<StorageException>(() => new SqliteCatalog(_catalog.DatabaseFile));
        Assert.Contains("schema version 999", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AFileThatIsNotSqliteGivesAStorageError()
    {
        var path = _dir.Combine("garbage.db");
        File.WriteAllText(path, new string('x', 4096));

        var error = Assert.Throws<StorageException>(() => new SqliteCatalog(path));
        Assert.Contains("garbage.db", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MigrationsAreNumberedWithoutGaps()
    {
        SchemaMigrator.Validate(MetastoreMigrations.All);
        var broken = new[] { MetastoreMigrations.All[0], MetastoreMigrations.All[0] with { Version = 3 } };
        Assert.Throws<InternalException>(() => SchemaMigrator.Validate(broken));
    }

    [Fact]
    public void AVersionSixMetastoreGainsSortColumnsInPlace()
    {
        var file = MetastoreAtVersion("v6", 6,
        [
            "INSERT INTO DBS (DB_ID, NAME, CREATE_TIME) VALUES (1, 'default', 0)",
            "INSERT INTO CDS (CD_ID) VALUES (1)",
            "INSERT INTO COLUMNS_V2 (CD_ID, COLUMN_NAME, TYPE_NAME, INTEGER_IDX) VALUES (1, 'id', 'int', 0)",
            "INSERT INTO SDS (SD_ID, CD_ID, INPUT_FORMAT, OUTPUT_FORMAT, LOCATION, NUM_BUCKETS) VALUES (1, 1, 'in', 'out', '/old', 4)",
            "INSERT INTO BUCKETING_COLS (SD_ID, BUCKET_COL_NAME, INTEGER_IDX) VALUES (1, 'id', 0)",
            "INSERT INTO TBLS (TBL_ID, DB_ID, SD_ID, TBL_NAME, TBL_TYPE, CREATE_TIME) VALUES (1, 1, 1, 'bucketed', 'EXTERNAL_TABLE', 0)",
        ]);

        using var upgraded = new SqliteCatalog(file);
        Assert.Equal(MetastoreMigrations.Latest, upgraded.SchemaVersion);
        var table = upgraded.GetTable("default", "bucketed")!;
        Assert.Equal(["id"], table.Storage.BucketColumns);
        Assert.Empty(table.Storage.SortColumns);
        upgraded.AlterTable("default", "bucketed", table with { Storage = table.Storage with { SortColumns = [new SortColumnInfo("id", Ascending: false)] } });
        Assert.Equal([new SortColumnInfo("id", Ascending: false)], upgraded.GetTable("default", "bucketed")!.Storage.SortColumns);
        using var raw = new SqliteConnection($"Data Source={file};Pooling=False");
        raw.Open();
        var rows = Rows(raw, "SELECT SD_ID, COLUMN_NAME, \"ORDER\", INTEGER_IDX FROM SORT_COLS");
        var row = Assert.Single(rows);
        Assert.Equal(new object?[] { 1L, "id", 0L, 0L }, row);
    }

    private SqliteConnection OpenRaw()
    {
        var connection = new SqliteConnection($"Data Source={_catalog.DatabaseFile};Pooling=False");
        connection.Open();
        return connection;
    }

    private static object? Scalar(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }

    private static List<object?[]> Rows(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var rows = new List<object?[]>();
        while (reader.Read())
        {
            var row = new object?[reader.FieldCount];
            reader.GetValues(row!);
            rows.Add(row);
        }
        return rows;
    }

    /// <summary>
    /// A metastore file in its own folder at schema version <paramref name="version"/> (only the first migrations
    /// applied), holding the rows the statements insert: how an older build left it.
    /// </summary>
    private string MetastoreAtVersion(string folder, int version, IEnumerable<string> statements)
    {
        var file = _dir.Combine(folder, "metastore.db");
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        using var connection = new SqliteConnection($"Data Source={file};Pooling=False;Foreign Keys=True");
        connection.Open();
        using var transaction = connection.BeginTransaction();
        Assert.Equal(version, SchemaMigrator.Migrate(transaction, Metastore.Store.Sqlite.SqliteDialect.Instance, [.. MetastoreMigrations.All.Take(version)]));
        foreach (var sql in statements)
        {
            using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = sql;
            command.ExecuteNonQuery();
        }
        transaction.Commit();
        return file;
    }
}
