namespace QueryEngine.Metastore.Hms;

/// <summary>
/// Hive 3+ clients qualify database names (and patterns) in the legacy calls with their catalog:
/// <c>@hive#sales</c>; <c>@hive#!</c> is the empty name and <c>@hive#</c> alone means no database name at
/// all (every database, for a pattern). We have one catalog, so the qualification is removed and ignored.
/// </summary>
internal static class HmsCatalogNames
{
    private const char Marker = '@';
    private const char Separator = '#';
    private const string EmptyMarker = "!";

    /// <summary>The database name or pattern without its catalog qualification (null for <c>@cat#</c>).</summary>
    public static string? Strip(string? name)
    {
        if (string.IsNullOrEmpty(name) || name[0] != Marker) return name;
        var separator = name.IndexOf(Separator, StringComparison.Ordinal);
        if (separator < 0) return name;
        var rest = name[(separator + 1)..];
        return rest switch
        {
            "" => null,
            EmptyMarker => string.Empty,
            _ => rest,
        };
    }
}
