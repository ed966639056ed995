using System.Globalization;
using QueryEngine.Metastore.Server;

namespace QueryEngine.Cli.Arguments;

/// <summary>Parses <c>qe hms [--warehouse DIR] [--metastore URL] [--port N] [--framed]</c>.</summary>
internal static class HmsArguments
{
    public static HmsCommand Parse(string[] args)
    {
        var framed = args.Contains("--framed");
        var options = CommandLineParser.ReadOptions(args.Where(a => a != "--framed").ToArray(), "hms", ["--warehouse", "--metastore", "--port"]);
        var port = HmsServerOptions.DefaultPort;
        if (CommandLineParser.Single(options, "hms", "--port") is { } text)
        {
            if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out port) || port > 65535)
            {
                throw new UsageException($"--port needs a number from 0 to 65535, not '{text}'", "hms");
            }
        }
        return new HmsCommand(CommandLineParser.Single(options, "hms", "--warehouse"), port, framed)
        {
            Metastore = CommandLineParser.Metastore(options, "hms"),
        };
    }
}
