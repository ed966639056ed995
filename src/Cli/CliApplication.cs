using System.Reflection;
using QueryEngine.Cli.Arguments;
using QueryEngine.Cli.Commands;
using QueryEngine.Engine.Common;

namespace QueryEngine.Cli;

/// <summary>
/// qe's entry point: parses the command line, runs the command and turns every outcome into an exit code.
/// User errors print their message (with the SQL position when there is one), never a stack trace;
/// anything unexpected prints "Internal error: ..." (with the stack trace only when QE_DEBUG=1).
/// </summary>
internal static class CliApplication
{
    public const string DebugVariable = "QE_DEBUG";

    public static int Run(IReadOnlyList<string> args, CliConsole console, CancellationToken cancellation)
    {
        CliCommand command;
        try
        {
            command = CommandLineParser.Parse(args, console.InputRedirected);
        }
        catch (UsageException ex)
        {
            console.Error.Write($"qe: {ex.Message}\nRun 'qe {(ex.Command is null ? string.Empty : ex.Command + " ")}--help' for usage.\n");
            return ExitCodes.Usage;
        }
        // --s3-* options stand in for their environment variables wherever a command builds its stores.
        console = console with { Environment = command.Storage.Over(console.Environment) };

        try
        {
            return command switch
            {
                HelpCommand help => Help(help, console),
                VersionCommand => Version(console),
                SqlCommand sql => SqlCommandRunner.Run(sql, console, cancellation),
                DemoCommand demo => DemoRunner.Run(demo, console, cancellation),
                CrawlCommand crawl => CrawlRunner.Run(crawl, console, cancellation),
                CrawlerCommand crawler => CrawlerRunner.Run(crawler, console, cancellation),
                CrawlerBenchCommand bench => CrawlerBench.Run(bench.Files, bench.Partitions, console, cancellation),
                JobCommand job => JobCommandRunner.Run(job, console, cancellation),
                HmsCommand hms => HmsRunner.Run(hms, console, cancellation),
                TpchGenerateCommand generate => TpchRunner.Generate(generate, console, cancellation),
                TpchBenchCommand bench => TpchRunner.Bench(bench, console, cancellation),
                ServeCommand serve => ServeRunner.Run(serve, console, cancellation),
                _ => throw new InternalException($"no runner for {command}"),
            };
        }
        catch (UsageException ex)
        {
            // Runners check what parsing cannot (files an option needs): a usage error all the same.
            console.Error.Write($"qe: {ex.Message}\nRun 'qe {(ex.Command is null ? string.Empty : ex.Command + " ")}--help' for usage.\n");
            return ExitCodes.Usage;
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
        {
            console.Error.Write("Query cancelled\n");
            return ExitCodes.Interrupted;
        }
        catch (InternalException ex)
        {
            console.Error.Write(ex.Describe() + "\n");
            WriteDebug(ex, console);
            return ExitCodes.InternalError;
        }
        catch (QueryException ex)
        {
            console.Error.Write(ex.Render(null) + "\n");
            return ExitCodes.QueryFailed;
        }
        catch (Exception ex)
        {
            console.Error.Write($"Internal error: {ex.GetType().Name}: {ex.Message}\n");
            WriteDebug(ex, console);
            return ExitCodes.InternalError;
        }
    }

    public static string VersionText()
    {
        var assembly = typeof(CliApplication).Assembly;
        var version = assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
            ?? assembly.GetName().Version?.ToString()
            ?? "unknown";
        return $"qe {version} (.NET {Environment.Version})";
    }

    private static int Help(HelpCommand help, CliConsole console)
    {
        console.Output.Write(HelpText.For(help.Topic) + "\n");
        return ExitCodes.Success;
    }

    private static int Version(CliConsole console)
    {
        console.Output.Write(VersionText() + "\n");
        return ExitCodes.Success;
    }

    private static void WriteDebug(Exception ex, CliConsole console)
    {
        if (console.Environment(DebugVariable) is "1" or "true") console.Error.Write(ex + "\n");
        else console.Error.Write($"(set {DebugVariable}=1 for details; please report this as a bug)\n");
    }
}
