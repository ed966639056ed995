using Xunit;

namespace QueryEngine.Engine.Tests.SqlLogic;

public sealed class SltComparerTests
{
    [Theory]
    [InlineData("  a   b\tc  ", "a b c")]
    [InlineData("", "")]
    [InlineData("x", "x")]
    public void NormalizeTrimsAndCollapsesWhitespace(string line, string expected) =>
        Assert.Equal(expected, SltComparer.Normalize(line));

    [Fact]
    public void EqualResultsMatchDespiteSpacing()
    {
        Assert.Null(SltComparer.Compare(["1 hello  world", "2 x "], ["1 hello world", "2 x"], SltSortMode.NoSort));
    }

    [Fact]
    public void NosortComparesInOrder()
    {
        var difference = SltComparer.Compare(["1", "2"], ["2", "1"], SltSortMode.NoSort);
        Assert.NotNull(difference);
        Assert.Contains("first difference at line 1", difference, StringComparison.Ordinal);
        Assert.Contains("expected: 1", difference, StringComparison.Ordinal);
        Assert.Contains("actual:   2", difference, StringComparison.Ordinal);
    }

    [Fact]
    public void RowsortSortsBothSides()
    {
        Assert.Null(SltComparer.Compare(["b 2", "a 1"], ["a 1", "b 2"], SltSortMode.RowSort));
        Assert.Null(SltComparer.Compare(["3", "1", "2"], ["2", "3", "1"], SltSortMode.ValueSort));
    }

    [Fact]
    public void MissingAndExtraRowsAreReported()
    {
        var missing = SltComparer.Compare(["1", "2"], ["1"], SltSortMode.NoSort);
        Assert.NotNull(missing);
        Assert.Contains("expected 2 lines, got 1 line", missing, StringComparison.Ordinal);
        Assert.Contains("(no more lines)", missing, StringComparison.Ordinal);
        Assert.NotNull(SltComparer.Compare([], ["1"], SltSortMode.NoSort));
        Assert.Null(SltComparer.Compare([], [], SltSortMode.NoSort));
    }

    [Theory]
    [InlineData("<slt:ignore>", "anything at all", true)]
    [InlineData("1 <slt:ignore> 3", "1 two words 3", true)]
    [InlineData("1 <slt:ignore> 3", "1 2 4", false)]
    [InlineData("<slt:ignore> end", "the end", true)]
    [InlineData("start <slt:ignore>", "start here", true)]
    [InlineData("a<slt:ignore>b<slt:ignore>c", "a1b2c", true)]
    [InlineData("a<slt:ignore>b<slt:ignore>c", "a12c", false)]
    [InlineData("ab<slt:ignore>ba", "aba", false)]
    [InlineData("exact", "exact", true)]
    [InlineData("exact", "exactly", false)]
    public void IgnoreMatchesAnyText(string expected, string actual, bool matches) =>
        Assert.Equal(matches, SltComparer.LineMatches(expected, actual));
}
