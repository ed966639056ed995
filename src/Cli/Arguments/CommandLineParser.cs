using QueryEngine.Cli.Output;

namespace QueryEngine.Cli.Arguments;

/// <summary>
/// Parses <c>qe</c>'s command line. Options take their value as the next argument or after '='
/// (<c>--format csv</c>, <c>--format=csv</c>); a value is taken verbatim even when it starts with '-'
/// (<c>-e "-- comment ..."</c>). <c>--help</c> anywhere after a command asks for that command's help.
/// </summary>
internal static class CommandLineParser
{
    public static CliCommand Parse(IReadOnlyList<string> args, bool inputRedirected)
    {
        if (args.Count == 0) throw new UsageException("no command given");
        var command = args[0];
        var rest = args.Skip(1).ToArray();
        if (command is "-h" or "--help" or "help" or "--version" or "version") return ParseCommand(command, rest, inputRedirected);
        // The storage options are common to every command that touches storage: taken out here, in one place.
        var (storage, commandArgs) = StorageArguments.Extract(rest, command);
        var parsed = ParseCommand(command, commandArgs, inputRedirected);
        return parsed is HelpCommand ? parsed : parsed with { Storage = storage };
    }

    private static CliCommand ParseCommand(string command, string[] rest, bool inputRedirected)
    {
        switch (command)
        {
            case "-h" or "--help" or "help":
                if (rest.Length > 1) throw new UsageException("'qe help' takes at most one command name");
                if (rest.Length == 1 && !HelpText.IsCommand(rest[0])) throw new UsageException($"unknown command '{rest[0]}'");
                return new HelpCommand(rest.Length == 1 ? rest[0] : null);
            case "--version" or "version":
                if (WantsHelp(rest)) return new HelpCommand("version");
                if (rest.Length > 0) throw new UsageException($"unexpected argument '{rest[0]}' for 'qe version'", "version");
                return new VersionCommand();
            case "sql":
                return WantsHelp(rest) ? new HelpCommand("sql") : ParseSql(rest, inputRedirected);
            case "demo":
                return WantsHelp(rest) ? new HelpCommand("demo") : ParseDemo(rest);
            case "crawl":
                return WantsHelp(rest) ? new HelpCommand("crawl") : CrawlArguments.Parse(rest);
            case "crawler":
                return WantsHelp(rest) ? new HelpCommand("crawler") : CrawlerArguments.Parse(rest);
            case "job":
                return WantsHelp(rest) ? new HelpCommand("job") : JobArguments.Parse(rest);
            case "hms":
                return WantsHelp(rest) ? new HelpCommand("hms") : HmsArguments.Parse(rest);
            case "tpch":
                return WantsHelp(rest) ? new HelpCommand("tpch") : TpchArguments.Parse(rest);
            case "serve":
                return WantsHelp(rest) ? new HelpCommand("serve") : ParseServe(rest);
            default:
                throw new UsageException(command.StartsWith('-') ? $"unknown option '{command}'" : $"unknown command '{command}'");
        }
    }

    private static SqlCommand ParseSql(string[] args, bool inputRedirected)
    {
        var options = ReadOptions(args, "sql", ["--warehouse", "--metastore", "--database", "--format", "-e", "--execute", "-f", "--file", "--memory-limit", "--spill-dir"]);
        var execute = Single(options, "sql", "-e", "--execute");
        var file = Single(options, "sql", "-f", "--file");
        SqlSource source = (execute, file) switch
        {
            ({ }, { }) => throw new UsageException("use either -e or -f, not both", "sql"),
            ({ } sql, null) => new SqlSource.Text(sql),
            (null, "-") => new SqlSource.StandardInput(),
            (null, { } path) => new SqlSource.File(path),
            (null, null) when inputRedirected => new SqlSource.StandardInput(),
            _ => throw new UsageException("'qe sql' needs -e SQL or -f FILE", "sql"),
        };
        var format = Single(options, "sql", "--format") is { } name ? ParseFormat(name) : OutputFormat.Table;
        var database = Single(options, "sql", "--database");
        if (database is { Length: 0 }) throw new UsageException("--database needs a name", "sql");
        return new SqlCommand(Single(options, "sql", "--warehouse"), database, format, source)
        {
            Metastore = Metastore(options, "sql"),
            Memory = Memory(options, "sql"),
        };
    }

    /// <summary>The <c>--memory-limit</c> and <c>--spill-dir</c> options of a command that runs queries.</summary>
    internal static MemoryFlags Memory(List<(string Name, string Value)> options, string command)
    {
        long? limit = null;
        if (Single(options, command, "--memory-limit") is { } size)
        {
            try
            {
                limit = Engine.Common.ByteSize.Parse(size, "--memory-limit");
            }
            catch (Engine.Common.SemanticException ex)
            {
                throw new UsageException(ex.Message, command);
            }
        }
        var spill = Single(options, command, "--spill-dir");
        if (spill is { Length: 0 }) throw new UsageException("--spill-dir needs a folder", command);
        return new MemoryFlags(limit, spill);
    }

    /// <summary>The <c>--metastore</c> option of a command that opens the catalog; null when not given.</summary>
    internal static string? Metastore(List<(string Name, string Value)> options, string command)
    {
        var metastore = Single(options, command, "--metastore");
        if (metastore is { Length: 0 }) throw new UsageException("--metastore needs a postgres:// URL, a connection string or a file", command);
        return metastore;
    }

    private static DemoCommand ParseDemo(string[] args)
    {
        var options = ReadOptions(args, "demo", ["--warehouse", "--metastore"]);
        return new DemoCommand(Single(options, "demo", "--warehouse")) { Metastore = Metastore(options, "demo") };
    }

    private static ServeCommand ParseServe(string[] args)
    {
        var noScheduler = args.Contains("--no-scheduler");
        args = [.. args.Where(a => a != "--no-scheduler")];
        var options = ReadOptions(args, "serve",
            ["--warehouse", "--database", "--flight", "--user", "--password", "--tls-cert", "--tls-key", "--metastore", "--users", "--ipc-compression", "--hms", "--memory-limit", "--spill-dir"]);
        var certificate = Single(options, "serve", "--tls-cert");
        var key = Single(options, "serve", "--tls-key");
        if ((certificate is null) != (key is null)) throw new UsageException("--tls-cert and --tls-key go together", "serve");
        var user = Single(options, "serve", "--user");
        var password = Single(options, "serve", "--password");
        if ((user is null) != (password is null)) throw new UsageException("--user and --password go together", "serve");
        if (user is { Length: 0 }) throw new UsageException("--user needs a name", "serve");
        var (flightHost, port) = HostAndPort(Single(options, "serve", "--flight") ?? "127.0.0.1:31337", "--flight");
        var hms = Single(options, "serve", "--hms");
        var hmsDisabled = string.Equals(hms, "off", StringComparison.OrdinalIgnoreCase);
        var database = Single(options, "serve", "--database");
        if (database is { Length: 0 }) throw new UsageException("--database needs a name", "serve");
        var metastore = Single(options, "serve", "--metastore");
        if (metastore is { Length: 0 }) throw new UsageException("--metastore needs a postgres:// URL, a connection string or a file", "serve");
        var users = Single(options, "serve", "--users");
        if (users is { Length: 0 }) throw new UsageException("--users needs a file", "serve");
        var compression = Single(options, "serve", "--ipc-compression");
        if (compression is not null && Engine.Columnar.Ipc.IpcCompressionNames.Parse(compression) is null)
        {
            throw new UsageException($"--ipc-compression takes none, lz4_frame or zstd, not '{compression}'", "serve");
        }
        return new ServeCommand(Single(options, "serve", "--warehouse"), database, flightHost, port, user, password)
        {
            Hms = hms is null || hmsDisabled ? null : HostAndPort(hms, "--hms"),
            HmsDisabled = hmsDisabled,
            NoScheduler = noScheduler,
            Tls = certificate is null ? null : (certificate, key!),
            Metastore = metastore,
            UsersFile = users,
            IpcCompression = compression,
            Memory = Memory(options, "serve"),
        };
    }

    /// <summary>A <c>HOST:PORT</c> option value of <c>qe serve</c> (IPv6 hosts in brackets).</summary>
    private static (string Host, int Port) HostAndPort(string value, string option)
    {
        var colon = value.LastIndexOf(':');
        if (colon <= 0 || !int.TryParse(value.AsSpan(colon + 1), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var port) || port > 65535)
        {
            throw new UsageException($"{option} needs HOST:PORT, got '{value}'", "serve");
        }
        return (value[..colon].Trim('[', ']'), port);
    }

    public static OutputFormat ParseFormat(string name) => name.ToLowerInvariant() switch
    {
        "table" => OutputFormat.Table,
        "csv" => OutputFormat.Csv,
        "tsv" => OutputFormat.Tsv,
        "json" => OutputFormat.Json,
        _ => throw new UsageException($"unknown format '{name}' (use table, csv, tsv or json)", "sql"),
    };

    private static bool WantsHelp(string[] args) => args.Any(a => a is "-h" or "--help");

    /// <summary>Reads <c>--name value</c> / <c>--name=value</c> pairs; every argument must be a known option with a value.</summary>
    internal static List<(string Name, string Value)> ReadOptions(string[] args, string command, string[] known)
    {
        var result = new List<(string, string)>();
        for (var i = 0; i < args.Length; i++)
        {
            var arg = args[i];
            var equals = arg.StartsWith("--", StringComparison.Ordinal) ? arg.IndexOf('=', StringComparison.Ordinal) : -1;
            var name = equals > 0 ? arg[..equals] : arg;
            if (!known.Contains(name)) throw Unknown(name, command);
            if (equals > 0)
            {
                result.Add((name, arg[(equals + 1)..]));
                continue;
            }
            if (i + 1 >= args.Length) throw new UsageException($"option {name} needs a value", command);
            result.Add((name, args[++i]));
        }
        return result;
    }

    private static UsageException Unknown(string arg, string command) =>
        new(arg.StartsWith('-') ? $"unknown option '{arg}' for 'qe {command}'" : $"unexpected argument '{arg}' for 'qe {command}'", command);

    /// <summary>The value of an option given at most once under any of its names.</summary>
    internal static string? Single(List<(string Name, string Value)> options, string command, params string[] names)
    {
        string? found = null;
        foreach (var (name, value) in options)
        {
            if (!names.Contains(name)) continue;
            if (found is not null) throw new UsageException($"option {names[^1]} given more than once", command);
            found = value;
        }
        return found;
    }
}
