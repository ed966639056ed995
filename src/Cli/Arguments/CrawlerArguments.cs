namespace QueryEngine.Cli.Arguments;

/// <summary>Parses <c>qe crawler create|update|get|list|delete|run|history|run-due|watch [NAME] [options]</c>.</summary>
internal static class CrawlerArguments
{
    private const string Command = "crawler";

    private static readonly string[] Store = ["--warehouse", "--metastore"];

    private static readonly string[] Definition =
    [
        "--database", "--target", "--exclude", "--prefix", "--csv-delimiter", "--csv-quote", "--csv-header",
        "--on-change", "--on-delete", "--recrawl", "--schedule", "--grouping", "--description",
    ];

    public static CliCommand Parse(string[] args)
    {
        if (args.Length == 0) throw new UsageException("'qe crawler' needs an action: create, update, get, list, delete, run, history, run-due or watch", Command);
        var action = args[0];
        var split = ActionArguments.Split(args, action is "create" or "update" ? ["--combine-schemas"] : []);
        var positional = split.Positional;
        string[] optionArgs = split.Flags.Contains("--combine-schemas") ? [.. split.Options, "--grouping=combine"] : split.Options;
        var (needsName, known) = action switch
        {
            "create" or "update" => (true, (string[])[.. Store, .. Definition]),
            "get" or "show" or "delete" or "run" or "history" or "watch" => (true, Store),
            "list" or "run-due" => (false, Store),
            "bench" => (false, (string[])["--files", "--partitions"]),
            _ => throw new UsageException($"unknown action '{action}' for 'qe crawler' (use create, update, get, list, delete, run, history, run-due or watch)", Command),
        };
        var options = CommandLineParser.ReadOptions(optionArgs, Command, known);
        if (needsName && positional.Count != 1) throw new UsageException($"'qe crawler {action}' needs one crawler NAME", Command);
        if (!needsName && positional.Count > 0) throw new UsageException($"unexpected argument '{positional[0]}' for 'qe crawler {action}'", Command);
        var metastore = CommandLineParser.Single(options, Command, "--metastore");
        if (metastore is { Length: 0 }) throw new UsageException("--metastore needs a postgres:// URL, a connection string or a file", Command);
        if (action == "bench")
        {
            var files = Count(options, "--files", 10_000);
            return new CrawlerBenchCommand(files, Math.Min(files, Count(options, "--partitions", 1_000)));
        }
        return new CrawlerCommand(action == "show" ? "get" : action, needsName ? positional[0] : null, CommandLineParser.Single(options, Command, "--warehouse"))
        {
            Metastore = metastore,
            Changes = action is "create" or "update" ? Changes(options, action) : null,
        };
    }

    private static CrawlerChanges Changes(List<(string Name, string Value)> options, string action)
    {
        var targets = options.Where(o => o.Name == "--target").Select(o => o.Value).ToArray();
        var exclusions = options.Where(o => o.Name == "--exclude").Select(o => o.Value).ToArray();
        var database = CommandLineParser.Single(options, Command, "--database");
        if (action == "create")
        {
            if (database is null) throw new UsageException("'qe crawler create' needs --database DB", Command);
            if (targets.Length == 0) throw new UsageException("'qe crawler create' needs at least one --target PATH", Command);
        }
        if (database is { Length: 0 }) throw new UsageException("--database needs a name", Command);
        return new CrawlerChanges
        {
            Database = database,
            Targets = targets.Length == 0 ? null : targets,
            Exclusions = exclusions.Length == 0 ? null : exclusions,
            TablePrefix = CommandLineParser.Single(options, Command, "--prefix"),
            CsvDelimiter = CommandLineParser.Single(options, Command, "--csv-delimiter") is { } delimiter ? Character(delimiter, "--csv-delimiter") : null,
            CsvQuote = CommandLineParser.Single(options, Command, "--csv-quote") is { } quote ? Character(quote, "--csv-quote") : null,
            CsvHeader = Choice(options, "--csv-header", "detect", "present", "absent"),
            OnChange = Choice(options, "--on-change", "update", "log"),
            OnDelete = Choice(options, "--on-delete", "deprecate", "delete", "log"),
            Recrawl = Choice(options, "--recrawl", "everything", "new-folders", "events"),
            Grouping = Choice(options, "--grouping", "default", "combine"),
            Schedule = CommandLineParser.Single(options, Command, "--schedule"),
            Description = CommandLineParser.Single(options, Command, "--description"),
        };
    }

    private static int Count(List<(string Name, string Value)> options, string option, int fallback)
    {
        if (CommandLineParser.Single(options, Command, option) is not { } text) return fallback;
        if (!int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var value) || value < 1)
        {
            throw new UsageException($"{option} takes a positive whole number, not '{text}'", Command);
        }
        return value;
    }

    /// <summary>One character; <c>\t</c> or <c>tab</c> for a tab.</summary>
    public static char Character(string value, string option, string command = Command) => value switch
    {
        "\\t" or "tab" => '\t',
        { Length: 1 } one => one[0],
        _ => throw new UsageException($"{option} takes one character, not '{value}'", command),
    };

    private static string? Choice(List<(string Name, string Value)> options, string option, params string[] choices)
    {
        if (CommandLineParser.Single(options, Command, option) is not { } value) return null;
        var lower = value.ToLowerInvariant();
        if (!choices.Contains(lower)) throw new UsageException($"{option} takes {string.Join(", ", choices[..^1])} or {choices[^1]}, not '{value}'", Command);
        return lower;
    }
}
