namespace QueryEngine.Cli;

/// <summary>Where the warehouse (metastore and managed data) lives: --warehouse, else $QE_WAREHOUSE, else ./.warehouse.</summary>
internal static class Warehouse
{
    public const string EnvironmentVariable = "QE_WAREHOUSE";
    public const string DefaultFolder = ".warehouse";

    /// <summary>The absolute warehouse folder (not created).</summary>
    public static string Resolve(string? option, Func<string, string?> environment, string currentDirectory)
    {
        var chosen = !string.IsNullOrWhiteSpace(option) ? option
            : environment(EnvironmentVariable) is { Length: > 0 } fromEnvironment ? fromEnvironment
            : DefaultFolder;
        return Path.GetFullPath(chosen, currentDirectory);
    }
}
