using Xunit;

namespace QueryEngine.Engine.Tests.SqlLogic;

/// <summary>One test case per .slt file under <c>tests/slt</c>, so a failure names its file.</summary>
public sealed class SqlLogicTests
{
    public static TheoryData<string> Files()
    {
        var data = new TheoryData<string>();
        foreach (var file in SltPaths.AllFiles()) data.Add(file);
        return data;
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Run(string file)
    {
        var path = Path.Combine(SltPaths.SltRoot(), file);
        var script = SltParser.ParseFile(path, "tests/slt/" + file);
        var runner = new SltRunner(SltPaths.SharedTpch(), SltEnvironment.CreateTableSources);
        var result = runner.Run(script);

        var failures = result.Failures;
        if (SltCompleter.Enabled)
        {
            File.WriteAllText(path, SltCompleter.Complete(script, result.Outputs));
            failures = failures.Where(f => !f.Completable).ToList();
        }
        if (failures.Count > 0)
        {
            Assert.Fail($"{failures.Count} failing record(s) in tests/slt/{file}:\n\n" + string.Join("\n\n", failures));
        }
    }
}
