using QueryEngine.Engine.Storage.S3;

namespace QueryEngine.Cli.Arguments;

/// <summary>
/// The object-store options every command takes (<c>--s3-endpoint URL</c>, <c>--s3-region NAME</c>,
/// <c>--s3-path-style[=true|false]</c>). They stand in for the environment variables with the same meaning
/// (<c>AWS_ENDPOINT_URL_S3</c>, <c>AWS_REGION</c>, <c>QE_S3_PATH_STYLE</c>), so every place that builds the S3 store
/// from the environment sees them, and an option beats its variable.
/// </summary>
internal sealed record StorageArguments(string? Endpoint, string? Region, bool? PathStyle)
{
    public static StorageArguments None { get; } = new(null, null, null);

    /// <summary>Options whose value is free text taken verbatim, so a following "--s3-..." is that text, not an option.</summary>
    private static readonly string[] VerbatimValueOptions = ["-e", "--execute"];

    /// <summary>
    /// Takes the storage options out of a command's arguments (anywhere after the command name) and returns the rest
    /// in order for the command's own parser.
    /// </summary>
    public static (StorageArguments Storage, string[] Remaining) Extract(string[] args, string command)
    {
        string? endpoint = null, region = null;
        bool? pathStyle = null;
        var rest = new List<string>(args.Length);
        for (var i = 0; i < args.Length; i++)
        {
            var arg = args[i];
            if (i > 0 && VerbatimValueOptions.Contains(args[i - 1]))
            {
                rest.Add(arg);
                continue;
            }
            var equals = arg.IndexOf('=', StringComparison.Ordinal);
            var name = equals > 0 ? arg[..equals] : arg;
            string? inline = equals > 0 ? arg[(equals + 1)..] : null;
            switch (name)
            {
                case "--s3-endpoint":
                    endpoint = Once(endpoint, name, ValidEndpoint(Value(args, ref i, inline, name, command), command), command);
                    break;
                case "--s3-region":
                    region = Once(region, name, ValidRegion(Value(args, ref i, inline, name, command), command), command);
                    break;
                case "--s3-path-style":
                    if (pathStyle is not null) throw new UsageException($"option {name} given more than once", command);
                    pathStyle = inline switch
                    {
                        null or "true" => true,
                        "false" => false,
                        _ => throw new UsageException($"--s3-path-style takes true or false, not '{inline}'", command),
                    };
                    break;
                default:
                    rest.Add(arg);
                    break;
            }
        }
        return (new StorageArguments(endpoint, region, pathStyle), rest.ToArray());
    }

    /// <summary>The environment as the storage code should see it: these options over the real variables.</summary>
    public Func<string, string?> Over(Func<string, string?> environment)
    {
        if (this == None) return environment;
        return name => name switch
        {
            "AWS_ENDPOINT_URL_S3" when Endpoint is not null => Endpoint,
            "AWS_REGION" when Region is not null => Region,
            S3Settings.PathStyleVariable when PathStyle is { } pathStyle => pathStyle ? "true" : "false",
            _ => environment(name),
        };
    }

    private static string Value(string[] args, ref int i, string? inline, string name, string command)
    {
        if (inline is not null) return inline;
        if (i + 1 >= args.Length) throw new UsageException($"option {name} needs a value", command);
        return args[++i];
    }

    private static string Once(string? previous, string name, string value, string command) =>
        previous is null ? value : throw new UsageException($"option {name} given more than once", command);

    private static string ValidEndpoint(string value, string command)
    {
        if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https") || uri.Host.Length == 0)
        {
            throw new UsageException($"--s3-endpoint needs an http:// or https:// URL, got '{value}'", command);
        }
        return value;
    }

    private static string ValidRegion(string value, string command)
    {
        var trimmed = value.Trim();
        if (trimmed.Length == 0 || !trimmed.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-'))
        {
            throw new UsageException($"--s3-region needs a region name such as eu-west-1, got '{value}'", command);
        }
        return trimmed;
    }
}
