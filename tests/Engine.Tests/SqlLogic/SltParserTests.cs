using Xunit;

namespace QueryEngine.Engine.Tests.SqlLogic;

public sealed class SltParserTests
{
    [Fact]
    public void ParsesStatementsQueriesCommentsAndHalt()
    {
        const string Text = """
            # leading comment

            statement ok
            CREATE TABLE t (a int)

            statement error does not exist
            SELECT *
            FROM missing

            query ITR rowsort sums
            SELECT a, b, c FROM t
            ----
            1 hello world 2.50
            NULL (empty) 0.1

            query I
            SELECT 1

            query error Division by zero
            SELECT 1 / 0

            halt

            this is never parsed
            """;

        var script = SltParser.Parse(Text, "x.slt");

        Assert.Equal(6, script.Records.Count);
        var create = Assert.IsType<SltStatement>(script.Records[0]);
        Assert.Equal(3, create.Line);
        Assert.Equal(4, create.EndLine);
        Assert.Equal("CREATE TABLE t (a int)", create.Sql);
        Assert.False(create.ExpectError);

        var missing = Assert.IsType<SltStatement>(script.Records[1]);
        Assert.True(missing.ExpectError);
        Assert.Equal("does not exist", missing.ExpectedError);
        Assert.Equal("SELECT *\nFROM missing", missing.Sql);

        var query = Assert.IsType<SltQuery>(script.Records[2]);
        Assert.Equal(10, query.Line);
        Assert.Equal(14, query.EndLine);
        Assert.Equal("ITR", query.Types);
        Assert.Equal(SltSortMode.RowSort, query.Sort);
        Assert.Equal("sums", query.Label);
        Assert.Equal("SELECT a, b, c FROM t", query.Sql);
        Assert.Equal(["1 hello world 2.50", "NULL (empty) 0.1"], query.Expected);

        var noRows = Assert.IsType<SltQuery>(script.Records[3]);
        Assert.Empty(noRows.Expected);
        Assert.Equal(SltSortMode.NoSort, noRows.Sort);
        Assert.Null(noRows.Label);

        var error = Assert.IsType<SltQuery>(script.Records[4]);
        Assert.True(error.ExpectError);
        Assert.Equal("Division by zero", error.ExpectedError);
        Assert.Equal("SELECT 1 / 0", error.Sql);

        Assert.IsType<SltHalt>(script.Records[5]);
    }

    [Fact]
    public void StatementErrorWithoutTextExpectsAnyError()
    {
        var script = SltParser.Parse("statement error\nDROP TABLE nope\n", "x.slt");
        var statement = Assert.IsType<SltStatement>(Assert.Single(script.Records));
        Assert.True(statement.ExpectError);
        Assert.Null(statement.ExpectedError);
    }

    [Fact]
    public void ExpectedErrorTextMayFollowASeparator()
    {
        var script = SltParser.Parse("statement error\nSELECT x\n----\nColumn 'x' cannot be resolved\n\nquery error\nSELECT y\n----\nline two\n", "x.slt");
        Assert.Equal("Column 'x' cannot be resolved", Assert.IsType<SltStatement>(script.Records[0]).ExpectedError);
        Assert.Equal("line two", Assert.IsType<SltQuery>(script.Records[1]).ExpectedError);
    }

    [Fact]
    public void CrLfLineEndsAndATrailingRecordWithoutNewlineWork()
    {
        var script = SltParser.Parse("query T\r\nSELECT 'a'\r\n----\r\na", "x.slt");
        var query = Assert.IsType<SltQuery>(Assert.Single(script.Records));
        Assert.Equal("SELECT 'a'", query.Sql);
        Assert.Equal(["a"], query.Expected);
        Assert.Equal(4, query.EndLine);
        Assert.Equal(4, script.Lines.Count);
    }

    [Fact]
    public void ValuesortAndNosortAreRecognized()
    {
        var script = SltParser.Parse("query II valuesort\nSELECT 1, 2\n----\n1\n2\n\nquery I nosort lbl\nSELECT 1\n", "x.slt");
        Assert.Equal(SltSortMode.ValueSort, Assert.IsType<SltQuery>(script.Records[0]).Sort);
        var labelled = Assert.IsType<SltQuery>(script.Records[1]);
        Assert.Equal(SltSortMode.NoSort, labelled.Sort);
        Assert.Equal("lbl", labelled.Label);
    }

    [Theory]
    [InlineData("statement\nSELECT 1\n", 1, "'statement' needs 'ok' or 'error'")]
    [InlineData("statement maybe\nSELECT 1\n", 1, "expected 'ok' or 'error'")]
    [InlineData("statement ok extra\nSELECT 1\n", 1, "takes no arguments")]
    [InlineData("\n\nstatement ok\n\n", 3, "record has no SQL")]
    [InlineData("statement ok\nSELECT 1\n----\nx\n", 3, "has no expected output")]
    [InlineData("query X\nSELECT 1\n", 1, "unknown type letter 'X'")]
    [InlineData("query I sideways\nSELECT 1\n", 1, "unknown sort mode 'sideways'")]
    [InlineData("query I rowsort a b\nSELECT 1\n", 1, "too many words")]
    [InlineData("query\nSELECT 1\n", 1, "needs type letters")]
    [InlineData("skipif duckdb\nstatement ok\nSELECT 1\n", 1, "unknown record 'skipif'")]
    [InlineData("halt now\n", 1, "takes no arguments")]
    public void MalformedFilesNameTheLine(string text, int line, string message)
    {
        var error = Assert.Throws<SltParseException>(() => SltParser.Parse(text, "bad.slt"));
        Assert.Equal("bad.slt", error.File);
        Assert.Equal(line, error.LineNumber);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
        Assert.StartsWith($"bad.slt:{line}: ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void EveryRepositorySltFileParses()
    {
        var files = SltPaths.AllFiles();
        Assert.NotEmpty(files);
        foreach (var file in files) SltParser.ParseFile(Path.Combine(SltPaths.SltRoot(), file), file);
    }
}
