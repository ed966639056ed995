using QueryEngine.Engine.Columnar;
using QueryEngine.Engine.Expressions;
using QueryEngine.Engine.Expressions.Functions;
using QueryEngine.Engine.Expressions.Functions.Lambdas;
using Xunit;

namespace QueryEngine.Engine.Tests.Expressions;

/// <summary>docs/SQL.md lists exactly the functions the registry implements.</summary>
public sealed class FunctionCatalogTests
{
    private static readonly DataType[] Probes =
    [
        DataType.Utf8, DataType.Int64, DataType.Float64, DataType.Date32, DataType.Timestamp, DataType.Binary, DataType.Boolean,
        new ListType(new Field("element", DataType.Int64)),
        new MapType(new Field("key", DataType.Utf8, Nullable: false), new Field("value", DataType.Int64)),
        new ListType(new Field("element", new ListType(new Field("element", DataType.Int64)))),
        new ListType(new Field("element", new StructType([new Field("k", DataType.Utf8), new Field("v", DataType.Int64)]))),
    ];

    [Fact]
    public void EveryCatalogedFunctionResolves()
    {
        var missing = new List<string>();
        foreach (var (_, names) in FunctionCatalog.Families)
        {
            foreach (var name in names)
            {
                if (!Implemented(name)) missing.Add(name);
            }
        }
        Assert.Empty(missing);
    }

    [Fact]
    public void EveryRegistryFunctionIsCataloged()
    {
        var cataloged = FunctionCatalog.Families.SelectMany(f => f.Names).ToHashSet();
        var absent = FunctionRegistry.AggregateNames.Concat(LibrarySignatures.Names).Where(n => !cataloged.Contains(n)).ToList();
        Assert.Empty(absent);
        Assert.Equal(cataloged.Count, FunctionCatalog.Families.Sum(f => f.Names.Count));
    }

    [Fact]
    public void SqlDocumentShowsTheCatalog()
    {
        var doc = File.ReadAllText(Path.Combine(RepositoryRoot(), "docs", "SQL.md")).ReplaceLineEndings("\n");
        const string begin = "<!-- functions:begin (generated from FunctionCatalog.Markdown) -->\n";
        const string end = "<!-- functions:end -->";
        var start = doc.IndexOf(begin, StringComparison.Ordinal);
        var stop = doc.IndexOf(end, StringComparison.Ordinal);
        Assert.True(start >= 0 && stop > start, "docs/SQL.md must contain the function list markers");
        var listed = doc[(start + begin.Length)..stop];
        Assert.True(listed == FunctionCatalog.Markdown(), "docs/SQL.md function list differs from the catalog; expected:\n" + FunctionCatalog.Markdown());
    }

    private static bool Implemented(string name)
    {
        if (FunctionRegistry.IsAggregate(name) || HigherOrderFunctions.IsHigherOrder(name) || name == "typeof") return true;
        if (FunctionRegistry.ResolveScalar(name, []) is not null) return true;
        foreach (var a in Probes)
        {
            if (FunctionRegistry.ResolveScalar(name, [a]) is not null) return true;
            foreach (var b in Probes)
            {
                if (FunctionRegistry.ResolveScalar(name, [a, b]) is not null) return true;
                foreach (var c in Probes)
                {
                    if (FunctionRegistry.ResolveScalar(name, [a, b, c]) is not null) return true;
                }
            }
        }
        return false;
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "QueryEngine.sln"))) return dir.FullName;
        }
        throw new InvalidOperationException("repository root not found");
    }
}
