namespace QueryEngine.Cli.Arguments;

/// <summary>Parses <c>qe crawl PATH... --database DB ...</c>.</summary>
internal static class CrawlArguments
{
    private const string Command = "crawl";

    public static CrawlCommand Parse(string[] args)
    {
        var split = ActionArguments.Split(args, ["--combine-schemas"], start: 0);
        var targets = split.Positional;
        var combine = split.Flags.Contains("--combine-schemas");
        var options = CommandLineParser.ReadOptions(split.Options, Command, ["--database", "--prefix", "--exclude", "--csv-delimiter", "--csv-header", "--warehouse", "--metastore"]);
        if (targets.Count == 0) throw new UsageException("'qe crawl' needs at least one PATH to crawl", Command);
        var database = CommandLineParser.Single(options, Command, "--database") ?? throw new UsageException("'qe crawl' needs --database DB", Command);
        if (database.Length == 0) throw new UsageException("--database needs a name", Command);
        var exclusions = options.Where(o => o.Name == "--exclude").Select(o => o.Value).ToArray();
        char? delimiter = CommandLineParser.Single(options, Command, "--csv-delimiter") is { } text ? CrawlerArguments.Character(text, "--csv-delimiter", Command) : null;
        var metastore = CommandLineParser.Single(options, Command, "--metastore");
        if (metastore is { Length: 0 }) throw new UsageException("--metastore needs a postgres:// URL, a connection string or a file", Command);
        var header = (CommandLineParser.Single(options, Command, "--csv-header") ?? "detect").ToLowerInvariant();
        if (header is not ("detect" or "present" or "absent")) throw new UsageException($"--csv-header takes detect, present or absent, not '{header}'", Command);
        return new CrawlCommand(
            CommandLineParser.Single(options, Command, "--warehouse"),
            database,
            targets,
            exclusions,
            CommandLineParser.Single(options, Command, "--prefix") ?? "",
            delimiter,
            header,
            combine)
        {
            Metastore = metastore,
        };
    }
}
