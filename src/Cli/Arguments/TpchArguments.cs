using System.Globalization;
using QueryEngine.Tpch;

namespace QueryEngine.Cli.Arguments;

/// <summary>Parses <c>qe tpch generate|bench ...</c>.</summary>
internal static class TpchArguments
{
    private const string Command = "tpch";

    public static CliCommand Parse(string[] args)
    {
        if (args.Length == 0) throw new UsageException("'qe tpch' needs a subcommand: generate or bench", Command);
        var rest = args[1..];
        return args[0] switch
        {
            "generate" => ParseGenerate(rest),
            "bench" => ParseBench(rest),
            _ => throw new UsageException($"unknown subcommand '{args[0]}' for 'qe tpch' (use generate or bench)", Command),
        };
    }

    private static TpchGenerateCommand ParseGenerate(string[] args)
    {
        var options = CommandLineParser.ReadOptions(args, Command, ["--sf", "--out", "--tables", "--format"]);
        var output = CommandLineParser.Single(options, Command, "--out") ?? throw new UsageException("'qe tpch generate' needs --out DIR", Command);
        var format = Format(options, "generate");
        var tables = new List<TpchTable>();
        foreach (var name in (CommandLineParser.Single(options, Command, "--tables") ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!TpchTables.TryParse(name, out var table))
            {
                throw new UsageException($"unknown TPC-H table '{name}' (use {string.Join(", ", TpchTables.All.Select(TpchTables.Name))})", Command);
            }
            tables.Add(table);
        }
        return new TpchGenerateCommand(ScaleFactor(options), output, tables.Count == 0 ? null : tables, format);
    }

    private static TpchBenchCommand ParseBench(string[] args)
    {
        var options = CommandLineParser.ReadOptions(
            args, Command, ["--sf", "--data", "--warehouse", "--runs", "--queries", "--answers", "--threads", "--vs", "--duckdb-script", "--format", "--memory-limit", "--spill-dir"]);
        var format = Format(options, "bench");
        var versus = CommandLineParser.Single(options, Command, "--vs");
        if (versus is not null && versus != "duckdb") throw new UsageException($"--vs takes 'duckdb', not '{versus}'", Command);
        var runs = Integer(options, "--runs") ?? 3;
        if (runs < 1) throw new UsageException("--runs must be at least 1", Command);
        var threads = Integer(options, "--threads") ?? Environment.ProcessorCount;
        if (threads < 1) throw new UsageException("--threads must be at least 1", Command);
        var queries = CommandLineParser.Single(options, Command, "--queries");
        var scan = queries == "scan";
        if (scan && format != TpchFormat.Parquet && CommandLineParser.Single(options, Command, "--format") is not null)
        {
            throw new UsageException("--queries scan reads DuckDB-written Parquet: leave out --format or give --format parquet", Command);
        }
        return new TpchBenchCommand(
            ScaleFactor(options),
            CommandLineParser.Single(options, Command, "--data"),
            CommandLineParser.Single(options, Command, "--warehouse"),
            scan ? [] : Queries(queries),
            runs,
            CommandLineParser.Single(options, Command, "--answers"),
            threads,
            versus is not null,
            CommandLineParser.Single(options, Command, "--duckdb-script"),
            scan ? TpchFormat.Parquet : format,
            CommandLineParser.Memory(options, Command),
            scan);
    }

    private static TpchFormat Format(List<(string Name, string Value)> options, string subcommand) =>
        CommandLineParser.Single(options, Command, "--format") switch
        {
            null or "tbl" => TpchFormat.Tbl,
            "parquet" => TpchFormat.Parquet,
            "csv" when subcommand == "generate" => TpchFormat.Csv,
            var other => throw new UsageException(
                $"format '{other}' is not available for 'qe tpch {subcommand}' (use tbl{(subcommand == "generate" ? ", parquet or csv" : " or parquet")})", Command),
        };

    private static double ScaleFactor(List<(string Name, string Value)> options)
    {
        var text = CommandLineParser.Single(options, Command, "--sf") ?? throw new UsageException("--sf N is required", Command);
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var sf) || sf < 0.001 || (sf >= 1 && sf != Math.Floor(sf)))
        {
            throw new UsageException($"--sf must be a scale factor from 0.001 below 1, or a whole number from 1 (got '{text}')", Command);
        }
        return sf;
    }

    private static IReadOnlyList<int> Queries(string? list)
    {
        if (list is null) return Enumerable.Range(1, 22).ToArray();
        var queries = new List<int>();
        foreach (var part in list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var digits = part.StartsWith('q') || part.StartsWith('Q') ? part[1..] : part;
            if (!int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var q) || q is < 1 or > 22)
            {
                throw new UsageException($"--queries takes query numbers 1..22 separated by commas, or 'scan' (got '{part}')", Command);
            }
            queries.Add(q);
        }
        return queries;
    }

    private static int? Integer(List<(string Name, string Value)> options, string name)
    {
        var text = CommandLineParser.Single(options, Command, name);
        if (text is null) return null;
        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new UsageException($"{name} takes a whole number (got '{text}')", Command);
    }
}
