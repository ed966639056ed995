namespace QueryEngine.Cli.Arguments;

/// <summary>The text of <c>qe --help</c> and of each command's <c>--help</c>.</summary>
internal static class HelpText
{
    public const string General = """
        qe - QueryEngine command line: Athena/Trino SQL over a data lake with a Hive-style catalog

        Usage:
          qe sql [--warehouse DIR] [--database NAME] [--format table|csv|tsv|json] (-e SQL | -f FILE)
          qe demo [--warehouse DIR]
          qe serve [--warehouse DIR] [--database NAME] [--flight HOST:PORT] [--user U --password P]
                   [--tls-cert PEM --tls-key PEM]
          qe version
          qe help [COMMAND]

        Commands:
          sql       Run ';'-separated SQL statements and print their results
          demo      Create sample TPC-H tables in the warehouse and run an example query
          serve     Serve the warehouse over Arrow Flight SQL (JDBC, ADBC, DBeaver, ...)
          version   Print the version
          help      Print this help, or the help of one command

        The warehouse is the folder that holds the metastore (metastore.db) and managed data:
        --warehouse DIR, else $QE_WAREHOUSE, else ./.warehouse (created when missing).

        Exit codes: 0 success, 1 the SQL failed (message on stderr), 2 internal error,
        64 bad command line, 130 interrupted.
        """;

    public const string Sql = """
        Usage: qe sql [--warehouse DIR] [--database NAME] [--format table|csv|tsv|json] (-e SQL | -f FILE)

        Runs the ';'-separated statements in order against the warehouse's metastore and prints each
        result; stops at the first error, printing it with its line, column and a caret under the text.

        Options:
          -e, --execute SQL     The SQL text to run
          -f, --file FILE       A file of SQL to run ('-' reads standard input; so does giving neither
                                -e nor -f when standard input is not a terminal)
          --warehouse DIR       Warehouse folder (default: $QE_WAREHOUSE, else ./.warehouse)
          --database NAME       Database unqualified table names refer to (default: default)
          --format FORMAT       table (default): aligned columns and a row count, for people
                                csv:  RFC 4180 with a header row; NULL is an empty field, '' is ""
                                tsv:  a header row, then tab-separated values; tab, newline, carriage
                                      return and backslash escaped as \t \n \r \\, NULL as \N
                                json: one JSON object per row (JSON Lines), values typed
                                      (numbers, booleans, strings, arrays, objects, null)
        Statements that return no rows print their status (e.g. CREATE TABLE): on standard output
        with --format table, on standard error with the other formats so the data stays clean.

        Examples:
          qe sql -e "SHOW TABLES FROM tpch"
          qe sql --format csv -e "SELECT * FROM tpch.nation" > nation.csv
          qe sql -f report.sql
        """;

    public const string Demo = """
        Usage: qe demo [--warehouse DIR]

        Writes a small, deterministic TPC-H-shaped data set (about 8,600 rows over the 8 tables) to
        <warehouse>/sample/tpch/<table>/<table>.tbl, registers the tables as external '|'-delimited
        text tables in database tpch (idempotent: run it as often as you like), and runs an example
        query over them.
        """;

    public const string Serve = """
        Usage: qe serve [--warehouse DIR] [--database NAME] [--flight HOST:PORT] [--user U --password P]
                        [--tls-cert PEM --tls-key PEM]

        Serves the warehouse's tables over Arrow Flight SQL (gRPC over HTTP/2) until Ctrl-C,
        which stops taking calls and lets running ones finish (a second Ctrl-C ends at once).
        Prints one line per statement run: id, outcome, rows, bytes scanned, time and the SQL.

        Options:
          --warehouse DIR       Warehouse folder (default: $QE_WAREHOUSE, else ./.warehouse)
          --database NAME       Database unqualified table names refer to (default: default)
          --flight HOST:PORT    Where to listen (default: 127.0.0.1:31337; port 0 picks a free one)
          --user U --password P Require these credentials: clients authenticate with basic auth in
                                the Flight handshake and get a bearer token. Without them, anyone
                                who can reach the port may run SQL.
          --tls-cert PEM --tls-key PEM
                                Serve TLS with this certificate and private key (PEM files);
                                without them the server speaks cleartext HTTP/2.

        Example:
          qe serve --flight 0.0.0.0:31337 --user analyst --password secret
          jdbc:arrow-flight-sql://localhost:31337/?user=analyst&password=secret&useEncryption=false
        """;

    public const string Version = """
        Usage: qe version

        Prints the version of qe and of the .NET runtime it runs on.
        """;

    public static bool IsCommand(string name) => name is "sql" or "demo" or "serve" or "version" or "help";

    public static string For(string? topic) => topic switch
    {
        "sql" => Sql,
        "demo" => Demo,
        "serve" => Serve,
        "version" => Version,
        _ => General,
    };
}
