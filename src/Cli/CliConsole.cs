namespace QueryEngine.Cli;

/// <summary>The process surroundings a command runs in, so tests can run commands in-process.</summary>
internal sealed record CliConsole(
    TextReader Input,
    bool InputRedirected,
    TextWriter Output,
    TextWriter Error,
    Func<string, string?> Environment,
    string CurrentDirectory)
{
    public static CliConsole System() => new(
        Console.In,
        Console.IsInputRedirected,
        Console.Out,
        Console.Error,
        global::System.Environment.GetEnvironmentVariable,
        global::System.Environment.CurrentDirectory);
}
