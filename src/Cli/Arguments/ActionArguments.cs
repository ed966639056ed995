namespace QueryEngine.Cli.Arguments;

/// <summary>
/// The arguments of a command or after its action (<c>qe crawler run NAME --warehouse W</c>): positional names, options with
/// their values (<c>--opt value</c> or <c>--opt=value</c>, still to be checked by <see cref="CommandLineParser.ReadOptions"/>),
/// and the value-less flags the action accepts.
/// </summary>
internal sealed record ActionArguments(IReadOnlyList<string> Positional, string[] Options, IReadOnlySet<string> Flags)
{
    /// <summary>
    /// Splits <paramref name="args"/> from index <paramref name="start"/> (1 by default: index 0 is the action);
    /// <paramref name="flags"/> take no value.
    /// </summary>
    public static ActionArguments Split(string[] args, IReadOnlyCollection<string> flags, int start = 1)
    {
        var positional = new List<string>();
        var options = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = start; i < args.Length; i++)
        {
            var arg = args[i];
            if (flags.Contains(arg))
            {
                seen.Add(arg);
                continue;
            }
            if (arg.StartsWith('-'))
            {
                options.Add(arg);
                if (!arg.Contains('=', StringComparison.Ordinal) && i + 1 < args.Length) options.Add(args[++i]);
                continue;
            }
            positional.Add(arg);
        }
        return new ActionArguments(positional, [.. options], seen);
    }
}
