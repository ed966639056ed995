using QueryEngine.Engine.Common;

namespace QueryEngine.Metastore.Jobs;

/// <summary>Job names and the errors about them.</summary>
public static class JobRules
{
    /// <summary>The job's key: trimmed and lower case; 1 to 255 letters, digits, '_', '-' or '.'.</summary>
    public static string NormalizeName(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var trimmed = name.Trim();
        if (trimmed.Length is 0 or > 255) throw new SemanticException($"Job name '{name}' must have 1 to 255 characters");
        foreach (var c in trimmed)
        {
            if (!char.IsLetterOrDigit(c) && c is not ('_' or '-' or '.')) throw new SemanticException($"Job name '{name}' may only have letters, digits, '_', '-' and '.'");
        }
        return trimmed.ToLowerInvariant();
    }

    public static NotFoundException NotFound(string name) => new(ErrorCode.SemanticError, $"Job '{name}' does not exist (it has never run)");
}
