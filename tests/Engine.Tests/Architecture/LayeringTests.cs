using System.Text.RegularExpressions;
using Xunit;

namespace QueryEngine.Engine.Tests.Architecture;

/// <summary>
/// The engine's folders form layers (DataFusion's depcheck in spirit): each folder may use only the namespaces
/// listed for it, so the SQL front end never sees the executor, the executor never sees SQL or the planner, and
/// only the session ties everything together. Checked over the source text of src/Engine.
/// </summary>
public sealed partial class LayeringTests
{
    private static readonly Dictionary<string, string[]> Allowed = new()
    {
        ["Common"] = [],
        ["Columnar"] = ["Common", "Compression"], // Arrow IPC body compression (LZ4 frames, ZSTD)
        ["Thrift"] = ["Common"],
        ["Compression"] = ["Common"],
        ["Storage"] = ["Common"],
        ["Sql"] = ["Common"],
        ["Expressions"] = ["Common", "Columnar", "Execution.Vectors"],
        ["Catalog"] = ["Common", "Columnar", "Expressions", "Storage", "Formats"],
        ["Formats"] = ["Common", "Columnar", "Expressions", "Storage", "Catalog", "Thrift", "Compression"],
        ["Execution"] = ["Common", "Columnar", "Expressions", "Catalog"],
        ["Planning"] = ["Common", "Columnar", "Expressions", "Catalog", "Sql", "Execution.Plan"],
        ["Optimizer"] = ["Common", "Columnar", "Expressions", "Planning", "Execution.Plan"],
        ["Writing"] = ["Common", "Columnar", "Storage", "Sql", "Catalog", "Formats", "Execution.Vectors"],
        ["Session"] = ["*"],
    };

    [Fact]
    public void EngineFoldersUseOnlyTheLayersBelowThem()
    {
        var root = Path.Combine(RepositoryRoot(), "src", "Engine");
        var violations = new List<string>();
        foreach (var file in Directory.EnumerateFiles(root, "*.cs", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(root, file);
            if (relative.StartsWith("obj", StringComparison.Ordinal) || relative.StartsWith("bin", StringComparison.Ordinal)) continue;
            var folder = relative.Split(Path.DirectorySeparatorChar)[0];
            if (!Allowed.TryGetValue(folder, out var allowed))
            {
                violations.Add($"{relative}: folder '{folder}' has no layer rule");
                continue;
            }
            if (allowed is ["*"]) continue;
            foreach (Match m in EngineReference().Matches(File.ReadAllText(file)))
            {
                var target = m.Groups[1].Value;
                if (target == folder || target.StartsWith(folder + ".", StringComparison.Ordinal)) continue;
                if (allowed.Any(a => target == a || target.StartsWith(a + ".", StringComparison.Ordinal))) continue;
                violations.Add($"{relative}: {folder} must not use QueryEngine.Engine.{target}");
            }
        }
        Assert.True(violations.Count == 0, string.Join("\n", violations.Distinct()));
    }

    [GeneratedRegex(@"QueryEngine\.Engine\.([A-Z][A-Za-z]*(?:\.Plan|\.Vectors)?)")]
    private static partial Regex EngineReference();

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "QueryEngine.sln"))) return dir.FullName;
        }
        throw new DirectoryNotFoundException("QueryEngine.sln not found above " + AppContext.BaseDirectory);
    }
}
