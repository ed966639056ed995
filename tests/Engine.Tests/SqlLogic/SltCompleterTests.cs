using Xunit;

namespace QueryEngine.Engine.Tests.SqlLogic;

public sealed class SltCompleterTests
{
    [Fact]
    public void RewritesQueryResultsAndKeepsEverythingElse()
    {
        const string Text = """
            # keep me
            statement ok
            CREATE TABLE t (a int)

            query T rowsort
            SELECT a,
                   b FROM t
            ----
            stale

            query error boom
            SELECT boom

            query I
            SELECT 1
            """;
        var script = SltParser.Parse(Text + "\n", "x.slt");
        var outputs = new Dictionary<int, SltQueryOutput>
        {
            [5] = new("IT", ["1 a", "2 b"]),
            [14] = new("I", ["1"]),
        };

        var completed = SltCompleter.Complete(script, outputs);

        const string Expected = """
            # keep me
            statement ok
            CREATE TABLE t (a int)

            query IT rowsort
            SELECT a,
                   b FROM t
            ----
            1 a
            2 b

            query error boom
            SELECT boom

            query I
            SELECT 1
            ----
            1

            """;
        Assert.Equal(Expected, completed);
        var reparsed = SltParser.Parse(completed, "x.slt");
        Assert.Equal(["1 a", "2 b"], Assert.IsType<SltQuery>(reparsed.Records[1]).Expected);
    }

    [Fact]
    public void QueriesWithoutOutputAreLeftAlone()
    {
        const string Text = "query I\nSELECT 1\n----\n7\n";
        Assert.Equal(Text, SltCompleter.Complete(SltParser.Parse(Text, "x.slt"), new Dictionary<int, SltQueryOutput>()));
    }
}
