namespace QueryEngine.Engine.Tests.SqlLogic;

/// <summary>Finds the repository's .slt files and the shared TPC-H kit by walking up from the test assembly.</summary>
public static class SltPaths
{
    private const string SolutionFile = "QueryEngine.sln";

    /// <summary>The folder holding <c>QueryEngine.sln</c>.</summary>
    public static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, SolutionFile))) return dir.FullName;
        }
        throw new InvalidOperationException($"no {SolutionFile} above {AppContext.BaseDirectory}");
    }

    /// <summary><c>tests/slt</c> of the repository.</summary>
    public static string SltRoot() => Path.Combine(RepositoryRoot(), "tests", "slt");

    /// <summary>
    /// The nearest <c>shared/tpch</c> above the test assembly (in a clone with <c>shared/</c> beside the repository
    /// that is <c>&lt;repo&gt;/../shared/tpch</c>), or null when there is none.
    /// </summary>
    public static string? SharedTpch()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "tpch");
            if (Directory.Exists(candidate)) return candidate;
        }
        return null;
    }

    /// <summary>Every .slt file under <see cref="SltRoot"/>, as paths relative to it with '/' separators, in order.</summary>
    public static List<string> AllFiles()
    {
        var root = SltRoot();
        var files = Directory.EnumerateFiles(root, "*.slt", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(root, f).Replace('\\', '/'))
            .ToList();
        files.Sort(StringComparer.Ordinal);
        return files;
    }
}
