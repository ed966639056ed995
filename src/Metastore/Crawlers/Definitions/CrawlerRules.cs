using QueryEngine.Engine.Catalog;
using QueryEngine.Engine.Common;

namespace QueryEngine.Metastore.Crawlers.Definitions;

/// <summary>What makes a crawler definition valid, how names are normalized, and the errors stores raise.</summary>
public static class CrawlerRules
{
    /// <summary>Checks a definition and returns it with its names in lower case.</summary>
    public static CrawlerDefinition Normalize(CrawlerDefinition crawler)
    {
        var name = NormalizeName(crawler.Name);
        if (crawler.Targets.Count == 0) throw new SemanticException($"Crawler '{name}' needs at least one target location");
        foreach (var target in crawler.Targets)
        {
            if (string.IsNullOrWhiteSpace(target)) throw new SemanticException($"Crawler '{name}' has an empty target location");
        }
        foreach (var exclusion in crawler.Exclusions)
        {
            if (string.IsNullOrWhiteSpace(exclusion)) throw new SemanticException($"Crawler '{name}' has an empty exclusion pattern");
        }
        if (crawler.Schedule is { } schedule) CronSchedule.Parse(schedule);
        return crawler with
        {
            Name = name,
            Database = CatalogRules.NormalizeName(crawler.Database, "Schema"),
            TablePrefix = crawler.TablePrefix.ToLowerInvariant(),
            Schedule = string.IsNullOrWhiteSpace(crawler.Schedule) ? null : crawler.Schedule.Trim(),
        };
    }

    /// <summary>A crawler name in lower case; letters, digits, '_', '-' and '.' only.</summary>
    public static string NormalizeName(string name)
    {
        var trimmed = name.Trim();
        if (trimmed.Length is 0 or > 255) throw new SemanticException($"Crawler name '{name}' must have 1 to 255 characters");
        foreach (var c in trimmed)
        {
            if (!char.IsLetterOrDigit(c) && c is not ('_' or '-' or '.')) throw new SemanticException($"Crawler name '{name}' may hold only letters, digits, '_', '-' and '.'");
        }
        return trimmed.ToLowerInvariant();
    }

    /// <summary>
    /// Hours after which a run still RUNNING counts as abandoned (its process was killed): the next start records it
    /// as FAILED instead of refusing to run.
    /// </summary>
    public const int StaleRunHours = 12;

    public static NotFoundException NotFound(string name) => new(ErrorCode.SemanticError, $"Crawler '{name}' does not exist");

    public static SemanticException Exists(string name) => new($"Crawler '{name}' already exists", code: ErrorCode.AlreadyExists);
}
