using QueryEngine.Engine.Columnar;
using QueryEngine.Engine.Session;
using Xunit;

namespace QueryEngine.Engine.Tests.SqlLogic;

public sealed class SltResultRendererTests
{
    private static readonly Schema Schema = new([
        new Field("i", DataType.Int64),
        new Field("s", DataType.Utf8),
        new Field("d", DataType.Decimal(15, 2)),
        new Field("day", DataType.Date32),
        new Field("b", DataType.Boolean),
    ]);

    [Fact]
    public void RowsAreValuesJoinedBySpaces()
    {
        var result = Result(
            [1L, "hello world", (Int128)12345, 0, true],
            [null, string.Empty, (Int128)(-5), 19_000, false],
            [3L, "two\nlines", null, null, null]);

        Assert.Equal(
            ["1 hello world 123.45 1970-01-01 true", "NULL (empty) -0.05 2022-01-08 false", "3 two\\nlines NULL NULL NULL"],
            SltResultRenderer.Render(result, SltSortMode.NoSort));
        Assert.Equal("IRTDB".Length, SltTypes.LettersOf(Schema).Length);
        Assert.Equal("ITRDB", SltTypes.LettersOf(Schema));
    }

    [Fact]
    public void ValuesortPutsEveryValueOnItsOwnLine()
    {
        var result = Result([1L, "a", (Int128)100, 1, true]);
        Assert.Equal(["1", "a", "1.00", "1970-01-02", "true"], SltResultRenderer.Render(result, SltSortMode.ValueSort));
    }

    [Fact]
    public void NullTypedColumnsMatchAnyLetter()
    {
        Assert.True(SltTypes.Matches('I', DataType.Null));
        Assert.True(SltTypes.Matches('T', DataType.Null));
        Assert.True(SltTypes.Matches('R', DataType.Float64));
        Assert.True(SltTypes.Matches('D', DataType.Timestamp));
        Assert.False(SltTypes.Matches('I', DataType.Decimal(10, 0)));
        Assert.Equal('T', SltTypes.LetterOf(new ListType(new Field("item", DataType.Int32))));
    }

    private static StatementResult Result(params object?[][] rows)
    {
        var builders = Schema.Fields.Select(f => ArrayBuilder.Create(f.Type)).ToArray();
        foreach (var row in rows)
        {
            for (var c = 0; c < builders.Length; c++) builders[c].AppendValue(row[c]);
        }
        var batch = new RecordBatch(Schema, builders.Select(b => b.Build()).ToArray(), rows.Length);
        return new StatementResult(Schema, [batch]);
    }
}
