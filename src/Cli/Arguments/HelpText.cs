namespace QueryEngine.Cli.Arguments;

/// <summary>The text of <c>qe --help</c> and of each command's <c>--help</c>.</summary>
internal static class HelpText
{
    public const string General = """
        qe - QueryEngine command line: Athena/Trino SQL over a data lake with a Hive-style catalog

        Usage:
          qe sql [--warehouse DIR] [--metastore URL] [--database NAME] [--format table|csv|tsv|json] (-e SQL | -f FILE)
          qe demo [--warehouse DIR] [--metastore URL]
          qe crawl PATH... --database DB [--prefix P] [--exclude GLOB]... [--warehouse DIR] [--metastore URL]
          qe crawler create|update|get|list|delete|run|history|run-due|watch [NAME] [options]
          qe job run NAME -f SCRIPT.sql [--bookmark] [--database NAME] [--warehouse DIR] [--metastore URL]
          qe job reset|history|delete NAME [--warehouse DIR] [--metastore URL]
          qe job list|writes [--warehouse DIR] [--metastore URL]
          qe hms [--warehouse DIR] [--metastore URL] [--port N] [--framed]
          qe tpch generate --sf N --out DIR [--tables T,...] [--format tbl|parquet|csv]
          qe tpch bench --sf N [--format tbl|parquet] [--runs K] [--queries 1,5,...] [--vs duckdb] [--answers DIR]
          qe serve [--warehouse DIR] [--metastore URL] [--database NAME] [--flight HOST:PORT]
                   [--user U --password P] [--users FILE] [--tls-cert PEM --tls-key PEM] [--hms HOST:PORT|off]
          qe version
          qe help [COMMAND]

        Commands:
          sql       Run ';'-separated SQL statements and print their results
          demo      Create sample TPC-H tables in the warehouse and run an example query
          crawl     Discover tables (CSV, JSON lines, Parquet) under folders or S3 prefixes into a database
          crawler   Crawlers stored in the metastore: definitions, policies, schedules, runs and history
          job       Run a SQL script as a named ETL job, with Glue-style bookmarks and run history
          hms       Serve the metastore over the Hive Metastore Thrift API (Trino, Spark, Hive)
          tpch      Generate TPC-H data (dbgen-identical) or benchmark the 22 queries
          serve     Serve the warehouse over Arrow Flight SQL (JDBC, ADBC, DBeaver, ...)
          version   Print the version
          help      Print this help, or the help of one command

        The warehouse is the folder that holds the metastore (metastore.db) and managed data:
        --warehouse DIR, else $QE_WAREHOUSE, else ./.warehouse (created when missing).

        S3 (s3:// locations), on every command: --s3-endpoint URL (else $AWS_ENDPOINT_URL_S3),
        --s3-region NAME (else $AWS_REGION), --s3-path-style[=true|false] (else $QE_S3_PATH_STYLE; on with an
        endpoint); keys from $AWS_ACCESS_KEY_ID/$AWS_SECRET_ACCESS_KEY or the profile $AWS_PROFILE of ~/.aws.

        Exit codes: 0 success, 1 the SQL failed (message on stderr), 2 internal error,
        64 bad command line, 130 interrupted.
        """;

    public const string Sql = """
        Usage: qe sql [--warehouse DIR] [--metastore URL] [--database NAME] [--format table|csv|tsv|json] (-e SQL | -f FILE)
                      [--memory-limit SIZE] [--spill-dir DIR]

        Runs the ';'-separated statements in order against the warehouse's metastore and prints each
        result; stops at the first error, printing it with its line, column and a caret under the text.

        Options:
          -e, --execute SQL     The SQL text to run
          -f, --file FILE       A file of SQL to run ('-' reads standard input; so does giving neither
                                -e nor -f when standard input is not a terminal)
          --warehouse DIR       Warehouse folder (default: $QE_WAREHOUSE, else ./.warehouse)
          --metastore URL       The metastore: postgres://user[:password]@host[:port]/database, an Npgsql
                                connection string (Host=...;Database=...), or a SQLite file (default:
                                $QE_METASTORE, else <warehouse>/metastore.db)
          --database NAME       Database unqualified table names refer to (default: default)
          --format FORMAT       table (default): aligned columns, a row count and the data scanned,
                                for people
                                csv:  RFC 4180 with a header row; NULL is an empty field, '' is ""
                                tsv:  a header row, then tab-separated values; tab, newline, carriage
                                      return and backslash escaped as \t \n \r \\, NULL as \N
                                json: one JSON object per row (JSON Lines), values typed
                                      (numbers, booleans, strings, arrays, objects, null)
          --memory-limit SIZE   Memory one query may hold (e.g. 2GB; default: 60% of the machine's or
                                container's memory); a sort beyond it spills, other operators fail
          --spill-dir DIR       Where queries write spill files (default: the temp folder)
        Statements that return no rows print their status (e.g. CREATE TABLE): on standard output
        with --format table, on standard error with the other formats so the data stays clean.

        Examples:
          qe sql -e "SHOW TABLES FROM tpch"
          qe sql --format csv -e "SELECT * FROM tpch.nation" > nation.csv
          qe sql -f report.sql
        """;

    public const string Demo = """
        Usage: qe demo [--warehouse DIR] [--metastore URL]

        Writes TPC-H data at scale factor 0.01 (86,805 rows over the 8 tables, byte-identical to
        dbgen's) to <warehouse>/sample/tpch/<table>/<table>.tbl, registers the tables as external
        '|'-delimited text tables in database tpch (idempotent: run it as often as you like), and
        runs an example query over them. The 22 TPC-H queries run as they are over these tables.
        --metastore chooses the metastore as for 'qe sql' (default: $QE_METASTORE, else
        <warehouse>/metastore.db).
        """;

    public const string Hms = """
        Usage: qe hms [--warehouse DIR] [--metastore URL] [--port N] [--framed]

        Serves the warehouse's metastore over the Hive Metastore Thrift API (TBinaryProtocol) on
        127.0.0.1, so Trino (hive.metastore.uri=thrift://127.0.0.1:9083), Spark and Hive clients
        see the same databases and tables as 'qe sql'. Runs until Ctrl+C.

        Options:
          --warehouse DIR   Warehouse folder (default: $QE_WAREHOUSE, else ./.warehouse)
          --metastore URL   The metastore served, as for 'qe sql': postgres://..., an Npgsql
                            connection string or a SQLite file (default: $QE_METASTORE, else
                            <warehouse>/metastore.db)
          --port N          TCP port (default 9083; 0 picks a free port, printed at start)
          --framed          Use the framed transport instead of the buffered socket
                            (clients: hive.metastore.thrift.framed.transport.enabled=true)

        Served: the calls Trino and Spark make, legacy and _req forms: databases, tables,
        partitions (filters, names, values), ALTER, column statistics of tables and partitions,
        locks, configuration. Unknown calls answer UNKNOWN_METHOD. See docs/METASTORE.md.
        """;

    public const string Tpch = """
        Usage:
          qe tpch generate --sf N --out DIR [--tables T,...] [--format tbl|parquet|csv]
          qe tpch bench --sf N [--format tbl|parquet] [--data DIR] [--warehouse DIR] [--runs K] [--queries 1,5,...|scan]
                        [--answers DIR] [--threads N] [--vs duckdb] [--duckdb-script FILE]
                        [--memory-limit SIZE] [--spill-dir DIR]

        generate  Writes DIR/<table>/<table>.tbl for the eight tables (or those named), byte-identical to
                  TPC-H dbgen 2.17.3 at that scale factor, generating on all cores. --format parquet
                  writes DIR/<table>/<table>.parquet (SNAPPY) instead; --format csv writes
                  DIR/<table>/<table>.csv: a header line, comma-separated, quoted where needed.
        bench     Runs the 22 TPC-H queries (or those named) --runs times (default 3) over the .tbl (or,
                  with --format parquet, .parquet) files in --data (default <warehouse>/tpch-data/sf<N>,
                  sf<N>-parquet for Parquet; generated when missing) and prints per query min and median
                  wall time, rows, MB scanned, MB allocated and peak MB (the largest managed heap
                  sampled every 5 ms while the query ran). --answers DIR checks the
                  first run against reference answers (DIR/qNN.csv). --vs duckdb runs DuckDB (through
                  node and tpch/duckdb/bench.mjs, installed with npm on first use) on the same files
                  with the same thread count, alternating with our runs, and prints the ratio of
                  medians per query and their geometric mean. --memory-limit and --spill-dir set each
                  query's memory limit and spill folder, as for qe sql.
                  --queries scan runs the lineitem scan queries of tpch/scan-queries instead ((a) count(*),
                  (b) a filtered sum, (c) all 16 columns) over DuckDB-written Parquet in --data (default
                  <warehouse>/tpch-data/sf<N>-duckdb-lineitem; written by DuckDB when missing, with --vs duckdb).

        Examples:
          qe tpch generate --sf 1 --out /tmp/tpch-sf1
          qe tpch bench --sf 1 --runs 3 --vs duckdb --answers ../shared/tpch/answers/sf1
          qe tpch bench --sf 1 --format parquet --runs 3 --vs duckdb --answers ../shared/tpch/answers/sf1
          qe tpch bench --sf 1 --queries scan --runs 5 --vs duckdb
        """;

    public const string Crawl = """
        Usage: qe crawl PATH... --database DB [--prefix P] [--exclude GLOB]... [--csv-delimiter C]
                        [--csv-header detect|present|absent] [--combine-schemas] [--warehouse DIR] [--metastore URL]

        Crawls each PATH (a folder, file:// or s3:// location) as an AWS Glue crawler does and writes
        what it finds to database DB (created when missing): files are classified (Parquet, ORC, Avro
        by magic bytes, JSON lines, delimited text by sniffing; gzip and zstd are read), schemas inferred from a
        sample of each file and merged, and folders grouped into tables: sibling folders whose schemas
        are similar become partitions of one table (key=value folders name their keys, others become
        partition_0, partition_1, ...), dissimilar ones separate tables named after their folders.
        Hidden files (_SUCCESS, _temporary, .crc, names starting with '.' or '_') are ignored; files
        that cannot be read or classified are listed and skipped. Tables that exist are updated when
        what was found differs, else left alone.

        Options:
          --database DB          Target database (required)
          --prefix P             Prepended to every table name
          --exclude GLOB         Leave out matching files (relative to PATH; * ** ? [..] {a,b}); repeatable
          --csv-delimiter C      Delimiter of CSV files instead of sniffing (\t for tab)
          --csv-header H         detect (default), present or absent
          --combine-schemas      Siblings of one format become one table even when their schemas differ
          --metastore URL        postgres:// URL, connection string or SQLite file (default: $QE_METASTORE,
                                 else the warehouse's metastore.db)

        Tables this command made earlier under PATH whose files are gone are marked deprecated
        (parameter DEPRECATED_BY_CRAWLER). For stored crawlers with other policies see 'qe crawler'.
        """;

    public const string Crawler = """
        Usage: qe crawler create NAME --database DB --target PATH... [definition options]
               qe crawler update NAME [definition options]
               qe crawler get|delete|run|history|watch NAME
               qe crawler list
               qe crawler run-due
               qe crawler bench [--files N] [--partitions P]
          (every form but bench also takes --warehouse DIR and --metastore URL)

        Crawlers are kept in the metastore with their policies and a history of their runs, as
        AWS Glue crawlers are. 'run' crawls the targets now (as 'qe crawl' does) and records the run;
        'history' lists the runs, newest first, with what they changed; 'run-due' runs every crawler
        whose schedule fired since its last run (call it from cron or a timer, e.g. every minute;
        'qe serve' also runs due crawlers unless given --no-scheduler). 'watch' runs event mode in the
        foreground until Ctrl-C: a catch-up crawl, then a crawl of just the folders where new files
        land. A crawler never runs twice at once, even from two processes.
        'bench' writes N small CSV files (default 10000) in P Hive partitions (default 1000) to a
        temporary folder, crawls them into a fresh metastore, re-crawls, and prints the times.

        Definition options (update changes only the ones given; --target and --exclude replace the list):
          --database DB            Target database
          --target PATH            Folder, file:// or s3:// location; repeatable
          --exclude GLOB           Leave out matching files (relative to the target); repeatable
          --prefix P               Prepended to every table name
          --csv-delimiter C        Custom CSV classifier: delimiter (\t for tab) instead of sniffing
          --csv-quote Q            Custom CSV classifier: quote character (default ")
          --csv-header H           Custom CSV classifier: detect, present or absent
          --on-change update|log   A changed table is updated (default) or the change only logged
          --on-delete deprecate|delete|log
                                   Tables and partitions whose files are gone are marked
                                   DEPRECATED_BY_CRAWLER (default), dropped from the catalog, or logged
          --recrawl everything|new-folders|events
                                   new-folders reads only folders the catalog does not have yet and
                                   never changes or removes existing tables (as Glue, change and
                                   delete policies become log); events: 'qe serve' watches the local
                                   targets and crawls only the folders where files land
          --grouping default|combine
                                   combine (or --combine-schemas): siblings of one format become one table
          --schedule EXPR          AWS cron, e.g. 'cron(15 12 * * ? *)' (UTC); none removes it
          --description TEXT

        Example:
          qe crawler create sales --database lake --target s3://bucket/sales/ --on-delete delete \
             --schedule 'cron(0 * * * ? *)'
          qe crawler run sales && qe crawler history sales
        """;

    public const string Job = """
        Usage: qe job run NAME -f SCRIPT.sql [--bookmark] [--database NAME]
               qe job reset NAME
               qe job history NAME            (or: qe job runs NAME)
               qe job list
               qe job delete NAME
               qe job writes
          (every form also takes --warehouse DIR and --metastore URL)

        A job is a named SQL script: its ';'-separated statements (CTAS, INSERT INTO, UNLOAD, ...) run in
        order in one session, stopping at the first error. Every run is recorded in the metastore with
        its status, start and end times, rows written and, for a failed run, the error.

        With --bookmark (AWS Glue job bookmarks), every table the script reads skips the files (and so the
        partitions) that the job's earlier successful bookmarked runs already processed; a file counts as
        processed while its path, size and modification time are unchanged. The files a run read join
        the bookmark only when the whole script succeeds, so a failed run is simply run again.
        'reset' forgets the bookmark: the next run processes every file again. 'history' lists the
        runs, newest first. 'list' shows every job with its number of runs and its latest run; 'delete'
        removes a job with its bookmark and history (a later run of that name starts a new job).
        'writes' shows the CTAS / INSERT / UNLOAD writes whose journal is still in the warehouse: running,
        COMMITTED with files still to rename (readers already see all of it), or NOT COMMITTED (died
        before its commit; nobody sees it). The next write or start finishes or undoes them.

        Example:
          qe job run load_sales -f load_sales.sql --bookmark   # INSERT INTO dw.sales SELECT ... FROM raw.sales
          qe job history load_sales
          qe job reset load_sales
        """;

    public const string Serve = """
        Usage: qe serve [--warehouse DIR] [--metastore CONN] [--database NAME] [--flight HOST:PORT]
                        [--user U --password P] [--users FILE] [--tls-cert PEM --tls-key PEM]
                        [--ipc-compression none|lz4_frame|zstd] [--hms HOST:PORT|off] [--no-scheduler]
                        [--memory-limit SIZE] [--spill-dir DIR]

        Serves the warehouse's tables over Arrow Flight SQL (gRPC over HTTP/2), and its catalog over the
        Hive Metastore Thrift API (as 'qe hms' does, buffered transport), until Ctrl-C,
        which stops taking calls and lets running ones finish (a second Ctrl-C ends at once).
        Prints one line per statement run: id, outcome, rows, bytes scanned, time and the SQL.

        Options:
          --warehouse DIR       Warehouse folder (default: $QE_WAREHOUSE, else ./.warehouse)
          --metastore CONN      The metastore: a postgres:// URL or connection string, or a SQLite
                                file (default: $QE_METASTORE, else the warehouse's metastore.db)
          --database NAME       Database unqualified table names refer to (default: default)
          --flight HOST:PORT    Where to listen (default: 127.0.0.1:31337; port 0 picks a free one)
          --user U --password P Require these credentials: clients authenticate with basic auth in
                                the Flight handshake and get a bearer token. Without them, anyone
                                who can reach the port may run SQL.
          --users FILE          More users: one user:password per line (# comments); with --user
                                or alone
          --ipc-compression C   Compress result batches: none (default), lz4_frame or zstd; a client
                                may choose per call with the header qe-ipc-compression
          --tls-cert PEM --tls-key PEM
                                Serve TLS with this certificate and private key (PEM files);
                                without them the server speaks cleartext HTTP/2.
          --hms HOST:PORT|off   Where the Hive Metastore Thrift API listens (default: 127.0.0.1:9083,
                                skipped with a notice when that port is taken), or off
          --no-scheduler        Do not run stored crawlers in the background (by default their
                                schedules fire and event-mode crawlers watch their local folders,
                                one line logged per run)
          --memory-limit SIZE   Memory each query may hold (e.g. 2GB; default: 60% of the machine's or
                                container's memory); over it a query spills or fails, the server goes on
          --spill-dir DIR       Where queries write spill files (default: the temp folder)

        Example:
          qe serve --flight 0.0.0.0:31337 --user analyst --password secret
          jdbc:arrow-flight-sql://localhost:31337/?user=analyst&password=secret&useEncryption=false
        """;

    public const string Version = """
        Usage: qe version

        Prints the version of qe and of the .NET runtime it runs on.
        """;

    public static bool IsCommand(string name) => name is "sql" or "demo" or "crawl" or "crawler" or "job" or "tpch" or "serve" or "hms" or "version" or "help";

    public static string For(string? topic) => topic switch
    {
        "sql" => Sql,
        "demo" => Demo,
        "hms" => Hms,
        "tpch" => Tpch,
        "crawl" => Crawl,
        "crawler" => Crawler,
        "job" => Job,
        "serve" => Serve,
        "version" => Version,
        _ => General,
    };
}
