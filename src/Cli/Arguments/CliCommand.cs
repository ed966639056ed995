using QueryEngine.Cli.Output;

namespace QueryEngine.Cli.Arguments;

/// <summary>A parsed command line.</summary>
internal abstract record CliCommand;

/// <summary><c>qe --help</c>, <c>qe help [command]</c>, <c>qe &lt;command&gt; --help</c>.</summary>
internal sealed record HelpCommand(string? Topic) : CliCommand;

/// <summary><c>qe version</c> or <c>qe --version</c>.</summary>
internal sealed record VersionCommand : CliCommand;

/// <summary><c>qe sql</c>: run SQL text against the warehouse's metastore.</summary>
internal sealed record SqlCommand(string? Warehouse, string? Database, OutputFormat Format, SqlSource Source) : CliCommand
{
    /// <summary><c>--metastore</c>: a postgres:// URL, an Npgsql connection string or a SQLite file; null for the warehouse's.</summary>
    public string? Metastore { get; init; }
}

/// <summary><c>qe demo</c>: sample TPC-H data, its tables, and an example query.</summary>
internal sealed record DemoCommand(string? Warehouse) : CliCommand;

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
