namespace QueryEngine.Cli.Arguments;

/// <summary>Parses <c>qe job run|reset|history|runs|delete NAME [options]</c> and <c>qe job list|writes [options]</c>.</summary>
internal static class JobArguments
{
    private const string Command = "job";

    public static CliCommand Parse(string[] args)
    {
        if (args.Length == 0) throw new UsageException("'qe job' needs an action: run, reset, history, list, delete or writes", Command);
        var action = args[0] == "runs" ? "history" : args[0];
        if (action is not ("run" or "reset" or "history" or "list" or "delete" or "writes"))
        {
            throw new UsageException($"unknown action '{args[0]}' for 'qe job' (use run, reset, history, list, delete or writes)", Command);
        }
        var split = ActionArguments.Split(args, action == "run" ? ["--bookmark"] : []);
        var positional = split.Positional;
        var bookmark = split.Flags.Contains("--bookmark");
        string[] known = action == "run" ? ["--warehouse", "--metastore", "--database", "-f", "--file"] : ["--warehouse", "--metastore"];
        var options = CommandLineParser.ReadOptions(split.Options, Command, known);
        if (action is "list" or "writes")
        {
            if (positional.Count != 0) throw new UsageException($"'qe job {action}' takes no NAME", Command);
        }
        else if (positional.Count != 1)
        {
            throw new UsageException($"'qe job {action}' needs one job NAME", Command);
        }
        SqlSource? script = null;
        string? database = null;
        if (action == "run")
        {
            var file = CommandLineParser.Single(options, Command, "-f", "--file") ?? throw new UsageException("'qe job run' needs -f SCRIPT.sql", Command);
            script = file == "-" ? new SqlSource.StandardInput() : new SqlSource.File(file);
            database = CommandLineParser.Single(options, Command, "--database");
            if (database is { Length: 0 }) throw new UsageException("--database needs a name", Command);
        }
        return new JobCommand(action, action is "list" or "writes" ? string.Empty : positional[0], CommandLineParser.Single(options, Command, "--warehouse"))
        {
            Metastore = CommandLineParser.Metastore(options, Command),
            Script = script,
            Bookmark = bookmark,
            Database = database,
        };
    }
}
