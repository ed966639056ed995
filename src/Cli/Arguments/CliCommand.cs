using QueryEngine.Cli.Output;

namespace QueryEngine.Cli.Arguments;

/// <summary>A parsed command line.</summary>
internal abstract record CliCommand;

/// <summary><c>qe --help</c>, <c>qe help [command]</c>, <c>qe &lt;command&gt; --help</c>.</summary>
internal sealed record HelpCommand(string? Topic) : CliCommand;

/// <summary><c>qe version</c> or <c>qe --version</c>.</summary>
internal sealed record VersionCommand : CliCommand;

/// <summary><c>qe sql</c>: run SQL text against the warehouse's metastore.</summary>
internal sealed record SqlCommand(string? Warehouse, string? Database, OutputFormat Format, SqlSource Source) : CliCommand;

/// <summary><c>qe demo</c>: sample TPC-H data, its tables, and an example query.</summary>
internal sealed record DemoCommand(string? Warehouse) : CliCommand;

/// <summary><c>qe serve</c>: the Arrow Flight SQL server over the warehouse's metastore.</summary>
internal sealed record ServeCommand(string? Warehouse, string? Database, string FlightHost, int FlightPort, string? User, string? Password) : CliCommand
{
    /// <summary>PEM certificate and key files for TLS; null serves cleartext.</summary>
    public (string Certificate, string Key)? Tls { get; init; }
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
