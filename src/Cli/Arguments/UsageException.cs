namespace QueryEngine.Cli.Arguments;

/// <summary>A command line that cannot be understood; <see cref="Command"/> names the command whose usage to show.</summary>
internal sealed class UsageException(string message, string? command = null) : Exception(message)
{
    public string? Command { get; } = command;
}
