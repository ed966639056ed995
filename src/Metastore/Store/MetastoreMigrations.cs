namespace QueryEngine.Metastore.Store;

/// <summary>
/// The metastore schema as an ordered history of migrations. The tables follow Hive's metastore
/// (<c>hive-schema-*.sql</c>): same table and column names, same normalization (a table points to a
/// storage descriptor, which points to a column descriptor and a SerDe), minus what QueryEngine has no use
/// for yet (catalogs, privileges, skew, transactions). Foreign keys cascade from owner to
/// owned rows so that deleting a table row removes its parameters and partition keys.
/// To change the schema, append a migration; never edit one that has shipped.
/// </summary>
internal static class MetastoreMigrations
{
    public static IReadOnlyList<Migration> All { get; } =
    [
        new(1, "Hive core: databases, tables, storage descriptors, SerDes, columns, partition keys", CoreSchema),
        new(2, "Partitions, column statistics, optimistic-concurrency versions", PartitionsAndStatistics),
        new(3, "Crawler definitions, their targets and run history", Crawlers),
        new(4, "ETL jobs, their bookmarks and run history", Jobs),
        new(5, "Partition values as numbers, indexed, for integer-key filters", PartitionValueNumbers) { Backfill = PartitionValueNumberBackfill.Run },
        new(6, "Bucket columns of storage descriptors", Bucketing),
        new(7, "Sort columns of storage descriptors", SortColumns),
    ];

    /// <summary>The newest schema version this build knows.</summary>
    public static int Latest => All[^1].Version;

    private static IReadOnlyList<string> CoreSchema(SqlDialect d) =>
    [
        $"""
        CREATE TABLE DBS (
            DB_ID {d.IdentityKey},
            NAME VARCHAR(128) NOT NULL UNIQUE,
            "DESC" VARCHAR(4000),
            DB_LOCATION_URI VARCHAR(4000),
            OWNER_NAME VARCHAR(128),
            OWNER_TYPE VARCHAR(10),
            CREATE_TIME BIGINT NOT NULL
        )
        """,
        """
        CREATE TABLE DATABASE_PARAMS (
            DB_ID BIGINT NOT NULL REFERENCES DBS (DB_ID) ON DELETE CASCADE,
            PARAM_KEY VARCHAR(180) NOT NULL,
            PARAM_VALUE VARCHAR(4000),
            PRIMARY KEY (DB_ID, PARAM_KEY)
        )
        """,
        $"""
        CREATE TABLE SERDES (
            SERDE_ID {d.IdentityKey},
            NAME VARCHAR(128),
            SLIB VARCHAR(4000)
        )
        """,
        $"""
        CREATE TABLE SERDE_PARAMS (
            SERDE_ID BIGINT NOT NULL REFERENCES SERDES (SERDE_ID) ON DELETE CASCADE,
            PARAM_KEY VARCHAR(256) NOT NULL,
            PARAM_VALUE {d.LongText},
            PRIMARY KEY (SERDE_ID, PARAM_KEY)
        )
        """,
        $"""
        CREATE TABLE CDS (
            CD_ID {d.IdentityKey}
        )
        """,
        $"""
        CREATE TABLE COLUMNS_V2 (
            CD_ID BIGINT NOT NULL REFERENCES CDS (CD_ID) ON DELETE CASCADE,
            COMMENT VARCHAR(4000),
            COLUMN_NAME VARCHAR(767) NOT NULL,
            TYPE_NAME {d.LongText} NOT NULL,
            INTEGER_IDX INTEGER NOT NULL,
            PRIMARY KEY (CD_ID, COLUMN_NAME)
        )
        """,
        $"""
        CREATE TABLE SDS (
            SD_ID {d.IdentityKey},
            CD_ID BIGINT REFERENCES CDS (CD_ID),
            SERDE_ID BIGINT REFERENCES SERDES (SERDE_ID),
            INPUT_FORMAT VARCHAR(4000),
            OUTPUT_FORMAT VARCHAR(4000),
            LOCATION VARCHAR(4000),
            IS_COMPRESSED BOOLEAN NOT NULL DEFAULT FALSE,
            NUM_BUCKETS INTEGER NOT NULL DEFAULT -1
        )
        """,
        $"""
        CREATE TABLE TBLS (
            TBL_ID {d.IdentityKey},
            DB_ID BIGINT NOT NULL REFERENCES DBS (DB_ID),
            SD_ID BIGINT REFERENCES SDS (SD_ID),
            TBL_NAME VARCHAR(256) NOT NULL,
            TBL_TYPE VARCHAR(128) NOT NULL,
            OWNER VARCHAR(767),
            OWNER_TYPE VARCHAR(10),
            CREATE_TIME BIGINT NOT NULL,
            LAST_ACCESS_TIME BIGINT NOT NULL DEFAULT 0,
            RETENTION INTEGER NOT NULL DEFAULT 0,
            VIEW_ORIGINAL_TEXT {d.LongText},
            VIEW_EXPANDED_TEXT {d.LongText},
            UNIQUE (DB_ID, TBL_NAME)
        )
        """,
        "CREATE INDEX TBLS_SD_ID ON TBLS (SD_ID)",
        $"""
        CREATE TABLE TABLE_PARAMS (
            TBL_ID BIGINT NOT NULL REFERENCES TBLS (TBL_ID) ON DELETE CASCADE,
            PARAM_KEY VARCHAR(256) NOT NULL,
            PARAM_VALUE {d.LongText},
            PRIMARY KEY (TBL_ID, PARAM_KEY)
        )
        """,
        """
        CREATE TABLE PARTITION_KEYS (
            TBL_ID BIGINT NOT NULL REFERENCES TBLS (TBL_ID) ON DELETE CASCADE,
            PKEY_COMMENT VARCHAR(4000),
            PKEY_NAME VARCHAR(128) NOT NULL,
            PKEY_TYPE VARCHAR(767) NOT NULL,
            INTEGER_IDX INTEGER NOT NULL,
            PRIMARY KEY (TBL_ID, PKEY_NAME)
        )
        """,
    ];

    /// <summary>
    /// Hive's PARTITIONS (one storage descriptor each, sharing the table's column descriptor), PARTITION_KEY_VALS,
    /// PARTITION_PARAMS, TAB_COL_STATS and PART_COL_STATS (keyed by table / partition id rather than by names, so a
    /// rename needs no rewrite), plus a VERSION column on TBLS and PARTITIONS for optimistic concurrency. The indexes
    /// serve listing one table's partitions in name order, filtering them by key values, and the foreign-key checks
    /// of dropping thousands of partitions.
    /// </summary>
    private static IReadOnlyList<string> PartitionsAndStatistics(SqlDialect d) =>
    [
        "ALTER TABLE TBLS ADD COLUMN VERSION BIGINT NOT NULL DEFAULT 0",
        "CREATE INDEX SDS_CD_ID ON SDS (CD_ID)",
        "CREATE INDEX SDS_SERDE_ID ON SDS (SERDE_ID)",
        $"""
        CREATE TABLE PARTITIONS (
            PART_ID {d.IdentityKey},
            TBL_ID BIGINT NOT NULL REFERENCES TBLS (TBL_ID) ON DELETE CASCADE,
            SD_ID BIGINT REFERENCES SDS (SD_ID),
            PART_NAME VARCHAR(767) NOT NULL,
            CREATE_TIME BIGINT NOT NULL,
            LAST_ACCESS_TIME BIGINT NOT NULL DEFAULT 0,
            VERSION BIGINT NOT NULL DEFAULT 0,
            UNIQUE (TBL_ID, PART_NAME)
        )
        """,
        "CREATE INDEX PARTITIONS_SD_ID ON PARTITIONS (SD_ID)",
        """
        CREATE TABLE PARTITION_KEY_VALS (
            PART_ID BIGINT NOT NULL REFERENCES PARTITIONS (PART_ID) ON DELETE CASCADE,
            PART_KEY_VAL VARCHAR(256) NOT NULL,
            INTEGER_IDX INTEGER NOT NULL,
            PRIMARY KEY (PART_ID, INTEGER_IDX)
        )
        """,
        "CREATE INDEX PARTITION_KEY_VALS_BY_VALUE ON PARTITION_KEY_VALS (PART_KEY_VAL, INTEGER_IDX, PART_ID)",
        $"""
        CREATE TABLE PARTITION_PARAMS (
            PART_ID BIGINT NOT NULL REFERENCES PARTITIONS (PART_ID) ON DELETE CASCADE,
            PARAM_KEY VARCHAR(256) NOT NULL,
            PARAM_VALUE {d.LongText},
            PRIMARY KEY (PART_ID, PARAM_KEY)
        )
        """,
        ColumnStatisticsTable(d, "TAB_COL_STATS", "TBL_ID", "TBLS"),
        ColumnStatisticsTable(d, "PART_COL_STATS", "PART_ID", "PARTITIONS"),
    ];

    /// <summary>
    /// Glue-style crawlers (not part of Hive's schema): one CRAWLERS row per crawler with its policies, its include
    /// and exclude paths in CRAWLER_PATHS (KIND 'I' or 'E', in order), and one CRAWL_RUNS row per run (times in
    /// Unix milliseconds). Deleting a crawler removes its paths and history.
    /// </summary>
    private static IReadOnlyList<string> Crawlers(SqlDialect d) =>
    [
        $"""
        CREATE TABLE CRAWLERS (
            CRAWLER_ID {d.IdentityKey},
            NAME VARCHAR(256) NOT NULL UNIQUE,
            DB_NAME VARCHAR(128) NOT NULL,
            DESCRIPTION VARCHAR(4000),
            TABLE_PREFIX VARCHAR(128) NOT NULL,
            CSV_CLASSIFIER BOOLEAN NOT NULL,
            CSV_DELIMITER VARCHAR(1),
            CSV_QUOTE VARCHAR(1),
            CSV_HEADER VARCHAR(16),
            UPDATE_BEHAVIOR VARCHAR(32) NOT NULL,
            DELETE_BEHAVIOR VARCHAR(32) NOT NULL,
            RECRAWL_BEHAVIOR VARCHAR(32) NOT NULL,
            TABLE_GROUPING VARCHAR(64) NOT NULL,
            SCHEDULE VARCHAR(256),
            CREATE_TIME BIGINT NOT NULL,
            LAST_UPDATED BIGINT NOT NULL
        )
        """,
        """
        CREATE TABLE CRAWLER_PATHS (
            CRAWLER_ID BIGINT NOT NULL REFERENCES CRAWLERS (CRAWLER_ID) ON DELETE CASCADE,
            KIND CHAR(1) NOT NULL,
            INTEGER_IDX INTEGER NOT NULL,
            PATH VARCHAR(4000) NOT NULL,
            PRIMARY KEY (CRAWLER_ID, KIND, INTEGER_IDX)
        )
        """,
        $"""
        CREATE TABLE CRAWL_RUNS (
            RUN_ID {d.IdentityKey},
            CRAWLER_ID BIGINT NOT NULL REFERENCES CRAWLERS (CRAWLER_ID) ON DELETE CASCADE,
            START_TIME BIGINT NOT NULL,
            END_TIME BIGINT,
            STATUS VARCHAR(16) NOT NULL,
            TABLES_CREATED INTEGER NOT NULL DEFAULT 0,
            TABLES_UPDATED INTEGER NOT NULL DEFAULT 0,
            TABLES_DELETED INTEGER NOT NULL DEFAULT 0,
            PARTITIONS_ADDED INTEGER NOT NULL DEFAULT 0,
            PARTITIONS_REMOVED INTEGER NOT NULL DEFAULT 0,
            FILES_SKIPPED INTEGER NOT NULL DEFAULT 0,
            MESSAGE {d.LongText}
        )
        """,
        "CREATE INDEX CRAWL_RUNS_BY_CRAWLER ON CRAWL_RUNS (CRAWLER_ID, RUN_ID)",
    ];

    /// <summary>
    /// ETL jobs (Glue job bookmarks; not part of Hive's schema): one JOBS row per job name, JOB_BOOKMARKS with the
    /// files (path, size, last-modified in Unix milliseconds) each source table had when the job's successful runs read
    /// them, and one JOB_RUNS row per run. Deleting a job removes its bookmark and history.
    /// </summary>
    private static IReadOnlyList<string> Jobs(SqlDialect d) =>
    [
        $"""
        CREATE TABLE JOBS (
            JOB_ID {d.IdentityKey},
            NAME VARCHAR(256) NOT NULL UNIQUE,
            CREATE_TIME BIGINT NOT NULL
        )
        """,
        """
        CREATE TABLE JOB_BOOKMARKS (
            JOB_ID BIGINT NOT NULL REFERENCES JOBS (JOB_ID) ON DELETE CASCADE,
            TABLE_NAME VARCHAR(767) NOT NULL,
            FILE_PATH VARCHAR(4000) NOT NULL,
            FILE_SIZE BIGINT NOT NULL,
            FILE_MTIME BIGINT NOT NULL,
            PRIMARY KEY (JOB_ID, TABLE_NAME, FILE_PATH)
        )
        """,
        $"""
        CREATE TABLE JOB_RUNS (
            RUN_ID {d.IdentityKey},
            JOB_ID BIGINT NOT NULL REFERENCES JOBS (JOB_ID) ON DELETE CASCADE,
            START_TIME BIGINT NOT NULL,
            END_TIME BIGINT,
            STATUS VARCHAR(16) NOT NULL,
            BOOKMARK BOOLEAN NOT NULL,
            ROWS_WRITTEN BIGINT NOT NULL DEFAULT 0,
            FILES_READ INTEGER NOT NULL DEFAULT 0,
            ERROR {d.LongText}
        )
        """,
        "CREATE INDEX JOB_RUNS_BY_JOB ON JOB_RUNS (JOB_ID, RUN_ID)",
    ];

    /// <summary>
    /// PARTITION_KEY_VALS.PART_KEY_NUM: the value read as a whole number (NULL when it is not one), so that filters on
    /// integer keys (<c>region = 7</c>, <c>region &gt; 90</c>, IN lists) are answered from an index and match a stored
    /// <c>07</c> as the typed comparison does. Written with every new value; existing rows are filled by
    /// <see cref="PartitionValueNumberBackfill"/>.
    /// </summary>
    private static IReadOnlyList<string> PartitionValueNumbers(SqlDialect d) =>
    [
        "ALTER TABLE PARTITION_KEY_VALS ADD COLUMN PART_KEY_NUM BIGINT",
        "CREATE INDEX PARTITION_KEY_VALS_BY_NUMBER ON PARTITION_KEY_VALS (INTEGER_IDX, PART_KEY_NUM, PART_ID)",
    ];

    /// <summary>Hive's BUCKETING_COLS: a storage descriptor's bucket columns in order (the count is SDS.NUM_BUCKETS, -1 when not bucketed).</summary>
    private static IReadOnlyList<string> Bucketing(SqlDialect d) =>
    [
        """
        CREATE TABLE BUCKETING_COLS (
            SD_ID BIGINT NOT NULL REFERENCES SDS (SD_ID) ON DELETE CASCADE,
            BUCKET_COL_NAME VARCHAR(256) NOT NULL,
            INTEGER_IDX INTEGER NOT NULL,
            PRIMARY KEY (SD_ID, INTEGER_IDX)
        )
        """,
    ];

    /// <summary>
    /// Hive's SORT_COLS: a storage descriptor's sort columns in order, with Hive's <c>Order.order</c> (1 ascending,
    /// 0 descending). ORDER is a reserved word, so it is quoted as in Hive's own schema.
    /// </summary>
    private static IReadOnlyList<string> SortColumns(SqlDialect d) =>
    [
        """
        CREATE TABLE SORT_COLS (
            SD_ID BIGINT NOT NULL REFERENCES SDS (SD_ID) ON DELETE CASCADE,
            COLUMN_NAME VARCHAR(767) NOT NULL,
            "ORDER" INTEGER NOT NULL,
            INTEGER_IDX INTEGER NOT NULL,
            PRIMARY KEY (SD_ID, INTEGER_IDX)
        )
        """,
    ];

    private static string ColumnStatisticsTable(SqlDialect d, string name, string owner, string ownerTable) =>
        $"""
        CREATE TABLE {name} (
            CS_ID {d.IdentityKey},
            {owner} BIGINT NOT NULL REFERENCES {ownerTable} ({owner}) ON DELETE CASCADE,
            COLUMN_NAME VARCHAR(767) NOT NULL,
            COLUMN_TYPE VARCHAR(128) NOT NULL,
            LONG_LOW_VALUE BIGINT,
            LONG_HIGH_VALUE BIGINT,
            DOUBLE_LOW_VALUE DOUBLE PRECISION,
            DOUBLE_HIGH_VALUE DOUBLE PRECISION,
            BIG_DECIMAL_LOW_VALUE VARCHAR(4000),
            BIG_DECIMAL_HIGH_VALUE VARCHAR(4000),
            NUM_NULLS BIGINT NOT NULL,
            NUM_DISTINCTS BIGINT,
            AVG_COL_LEN DOUBLE PRECISION,
            MAX_COL_LEN BIGINT,
            NUM_TRUES BIGINT,
            NUM_FALSES BIGINT,
            LAST_ANALYZED BIGINT NOT NULL,
            UNIQUE ({owner}, COLUMN_NAME)
        )
        """;
}
