using QueryEngine.Cli.Output;
using QueryEngine.Tpch;

namespace QueryEngine.Cli.Arguments;

/// <summary>A parsed command line.</summary>
internal abstract record CliCommand
{
    /// <summary>The object-store options (<c>--s3-endpoint</c>, <c>--s3-region</c>, <c>--s3-path-style</c>) given with the command.</summary>
    public StorageArguments Storage { get; init; } = StorageArguments.None;
}

/// <summary><c>qe --help</c>, <c>qe help [command]</c>, <c>qe &lt;command&gt; --help</c>.</summary>
internal sealed record HelpCommand(string? Topic) : CliCommand;

/// <summary><c>qe version</c> or <c>qe --version</c>.</summary>
internal sealed record VersionCommand : CliCommand;

/// <summary><c>qe sql</c>: run SQL text against the warehouse's metastore.</summary>
internal sealed record SqlCommand(string? Warehouse, string? Database, OutputFormat Format, SqlSource Source) : CliCommand
{
    /// <summary><c>--metastore</c>: a postgres:// URL, an Npgsql connection string or a SQLite file; null for the warehouse's.</summary>
    public string? Metastore { get; init; }

    /// <summary><c>--memory-limit</c> and <c>--spill-dir</c>: each query's memory limit and spill folder.</summary>
    public MemoryFlags Memory { get; init; } = MemoryFlags.None;
}

/// <summary><c>--memory-limit SIZE</c> (e.g. 2GB) and <c>--spill-dir DIR</c>; null leaves the default.</summary>
internal sealed record MemoryFlags(long? Limit, string? SpillDirectory)
{
    public static MemoryFlags None { get; } = new(null, null);

    /// <summary>The default settings with these flags applied.</summary>
    public Engine.Execution.Memory.MemorySettings Apply(Engine.Execution.Memory.MemorySettings settings) => settings with
    {
        QueryMaxMemory = Limit ?? settings.QueryMaxMemory,
        SpillDirectory = SpillDirectory ?? settings.SpillDirectory,
    };
}

/// <summary><c>qe demo</c>: sample TPC-H data, its tables, and an example query.</summary>
internal sealed record DemoCommand(string? Warehouse) : CliCommand
{
    /// <summary><c>--metastore</c>, as for <see cref="SqlCommand.Metastore"/>.</summary>
    public string? Metastore { get; init; }
}

/// <summary><c>qe hms</c>: serve the warehouse's metastore over Hive's Metastore Thrift API.</summary>
internal sealed record HmsCommand(string? Warehouse, int Port, bool Framed) : CliCommand
{
    /// <summary><c>--metastore</c>, as for <see cref="SqlCommand.Metastore"/>.</summary>
    public string? Metastore { get; init; }
}

/// <summary><c>qe tpch generate</c>: dbgen-identical TPC-H .tbl files.</summary>
internal sealed record TpchGenerateCommand(double ScaleFactor, string Output, IReadOnlyList<TpchTable>? Tables, TpchFormat Format = TpchFormat.Tbl) : CliCommand;

/// <summary><c>qe tpch bench</c>: the TPC-H queries timed, checked, and optionally side by side with DuckDB.</summary>
internal sealed record TpchBenchCommand(
    double ScaleFactor,
    string? Data,
    string? Warehouse,
    IReadOnlyList<int> Queries,
    int Runs,
    string? Answers,
    int Threads,
    bool VersusDuckDb,
    string? DuckDbScript,
    TpchFormat Format = TpchFormat.Tbl,
    MemoryFlags? Memory = null,
    bool LineitemScan = false) : CliCommand;

/// <summary><c>qe crawl</c>: discover tables under locations into a database, as a Glue crawler does.</summary>
internal sealed record CrawlCommand(
    string? Warehouse,
    string Database,
    IReadOnlyList<string> Targets,
    IReadOnlyList<string> Exclusions,
    string TablePrefix,
    char? CsvDelimiter,
    string CsvHeader,
    bool CombineSchemas) : CliCommand
{
    /// <summary><c>--metastore</c>: a postgres:// URL, an Npgsql connection string or a SQLite file; null for the warehouse's.</summary>
    public string? Metastore { get; init; }
}

/// <summary><c>qe serve</c>: the Arrow Flight SQL server over the warehouse's metastore.</summary>
internal sealed record ServeCommand(string? Warehouse, string? Database, string FlightHost, int FlightPort, string? User, string? Password) : CliCommand
{
    /// <summary>PEM certificate and key files for TLS; null serves cleartext.</summary>
    public (string Certificate, string Key)? Tls { get; init; }

    /// <summary>--metastore: a PostgreSQL URL or connection string, or a SQLite file (else $QE_METASTORE, else the warehouse's).</summary>
    public string? Metastore { get; init; }

    /// <summary>--users: a file of <c>user:password</c> lines, each allowed in.</summary>
    public string? UsersFile { get; init; }

    /// <summary>--ipc-compression: none, lz4_frame or zstd for results (clients may ask otherwise per call).</summary>
    public string? IpcCompression { get; init; }

    /// <summary>--memory-limit and --spill-dir: each query's memory limit and spill folder.</summary>
    public MemoryFlags Memory { get; init; } = MemoryFlags.None;

    /// <summary>
    /// --hms: where the Hive Metastore Thrift API listens (HOST:PORT; port 0 picks a free one); null means the default,
    /// 127.0.0.1:9083, skipped with a notice when that port is taken; <see cref="HmsDisabled"/> when given <c>off</c>.
    /// </summary>
    public (string Host, int Port)? Hms { get; init; }

    /// <summary>--hms off: no Hive Metastore Thrift API.</summary>
    public bool HmsDisabled { get; init; }

    /// <summary>--no-scheduler: no scheduled nor event-mode crawls in the background.</summary>
    public bool NoScheduler { get; init; }
}

/// <summary>Where <c>qe sql</c> reads its statements from.</summary>
internal abstract record SqlSource
{
    /// <summary><c>-e SQL</c>.</summary>
    public sealed record Text(string Sql) : SqlSource;

    /// <summary><c>-f FILE</c>.</summary>
    public sealed record File(string Path) : SqlSource;

    /// <summary><c>-f -</c>, or no -e/-f with standard input redirected.</summary>
    public sealed record StandardInput : SqlSource;
}

/// <summary><c>qe crawler ACTION [NAME]</c>: manage and run crawlers stored in the metastore.</summary>
/// <param name="Action">create, update, get, list, delete, run, history or run-due.</param>
internal sealed record CrawlerCommand(string Action, string? Name, string? Warehouse) : CliCommand
{
    /// <summary><c>--metastore</c>: a postgres:// URL, an Npgsql connection string or a SQLite file; null for the warehouse's.</summary>
    public string? Metastore { get; init; }

    /// <summary>The definition options of create and update (null fields are not given).</summary>
    public CrawlerChanges? Changes { get; init; }
}

/// <summary><c>qe crawler bench</c>: crawl a generated lake of many small files and print the times.</summary>
internal sealed record CrawlerBenchCommand(int Files, int Partitions) : CliCommand;

/// <summary>What <c>qe crawler create|update</c> sets; a null field keeps the current (or default) value.</summary>
internal sealed record CrawlerChanges
{
    public string? Database { get; init; }

    public IReadOnlyList<string>? Targets { get; init; }

    public IReadOnlyList<string>? Exclusions { get; init; }

    public string? TablePrefix { get; init; }

    public char? CsvDelimiter { get; init; }

    public char? CsvQuote { get; init; }

    public string? CsvHeader { get; init; }

    public string? OnChange { get; init; }

    public string? OnDelete { get; init; }

    public string? Recrawl { get; init; }

    public string? Grouping { get; init; }

    /// <summary>A cron expression, or "none" to remove the schedule.</summary>
    public string? Schedule { get; init; }

    public string? Description { get; init; }
}

/// <summary><c>qe job run|reset|history NAME</c>: SQL scripts run as named jobs, with bookmarks and run history.</summary>
/// <param name="Action">run, reset or history.</param>
internal sealed record JobCommand(string Action, string Name, string? Warehouse) : CliCommand
{
    /// <summary><c>--metastore</c>: a postgres:// URL, an Npgsql connection string or a SQLite file; null for the warehouse's.</summary>
    public string? Metastore { get; init; }

    /// <summary><c>-f FILE</c> of run: the job's SQL script.</summary>
    public SqlSource? Script { get; init; }

    /// <summary><c>--bookmark</c> of run: skip the files earlier successful runs processed.</summary>
    public bool Bookmark { get; init; }

    /// <summary><c>--database</c> of run: the session's current database.</summary>
    public string? Database { get; init; }
}
