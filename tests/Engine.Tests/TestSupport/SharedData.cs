namespace QueryEngine.Engine.Tests.TestSupport;

/// <summary>Locates the shared TPC-H kit: <c>shared/tpch</c> beside or above the repository.</summary>
public static class SharedData
{
    private static readonly Lazy<string> Root = new(Find);

    /// <summary>Absolute path of the <c>shared/tpch</c> folder.</summary>
    public static string TpchRoot => Root.Value;

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            foreach (var candidate in new[] { Path.Combine(dir.FullName, "shared", "tpch"), Path.Combine(dir.FullName, "..", "shared", "tpch") })
            {
                if (Directory.Exists(Path.Combine(candidate, "queries"))) return Path.GetFullPath(candidate);
            }
        }
        throw new DirectoryNotFoundException("shared/tpch not found above " + AppContext.BaseDirectory);
    }
}
