using QueryEngine.Metastore.Crawlers;
using QueryEngine.Metastore.Crawlers.Classification;
using Xunit;

namespace QueryEngine.Metastore.Tests.Crawlers;

public sealed class SnifferTests
{
    [Theory]
    [InlineData("a,b\n1,x\n2,y\n", ',', true, "a bigint|b varchar")]
    [InlineData("a,b\nx,y\nz,w\n", ',', false, "col1 varchar|col2 varchar")] // all strings: no header
    [InlineData("1|comma, inside|2.5|\n2|more, commas|3|\n", '|', false, "col1 bigint|col2 varchar|col3 double")]
    [InlineData("Order Date;Total\n2024-01-02;1\n2024-01-03;2\n", ';', true, "order_date date|total bigint")]
    [InlineData("x\u0001y\n1\u00012024-01-01 10:00:00\n", '\u0001', true, "x bigint|y timestamp(6)")]
    public void DetectsDelimiterHeaderAndTypes(string text, char delimiter, bool header, string columns)
    {
        var (dialect, fields) = CsvSniffer.Sniff(text, complete: true, CsvClassifierOptions.Default)!.Value;
        Assert.Equal(delimiter, dialect.Delimiter);
        Assert.Equal(header, dialect.HasHeader);
        Assert.Equal(columns, string.Join('|', fields.Select(f => f.Name + " " + f.Type.SqlName)));
    }

    [Fact]
    public void QuotedFieldsMayHoldDelimitersAndLineBreaks()
    {
        var (dialect, fields) = CsvSniffer.Sniff("id,text\n1,\"a, b\"\n2,\"line\nbreak\"\n", complete: true, CsvClassifierOptions.Default)!.Value;
        Assert.True(dialect.Quoted);
        Assert.Equal(2, fields.Count);
    }

    [Fact]
    public void ACustomClassifierFixesTheHeader()
    {
        var (dialect, fields) = CsvSniffer.Sniff("a,b\nx,y\n", complete: true, new CsvClassifierOptions(',', CsvHeader.Present))!.Value;
        Assert.True(dialect.HasHeader);
        Assert.Equal(["a", "b"], fields.Select(f => f.Name));
    }

    [Fact]
    public void NotDelimitedTextIsNoCsv()
    {
        Assert.Null(CsvSniffer.Sniff("just one line of prose without structure\n", complete: true, CsvClassifierOptions.Default));
        Assert.Null(CsvSniffer.Sniff("a,b\nc\n", complete: true, CsvClassifierOptions.Default));
    }

    [Theory]
    [InlineData("**/_tmp/**", "a/_tmp/x.csv", true)]
    [InlineData("**/_tmp/**", "_tmp/x.csv", true)]
    [InlineData("*.crc", "x.crc", true)]
    [InlineData("*.crc", "a/x.crc", false)]
    [InlineData("**.csv", "a/b/x.csv", true)]
    [InlineData("2015/0[2-9]/**", "2015/03/x", true)]
    [InlineData("2015/0[2-9]/**", "2015/01/x", false)]
    [InlineData("{a,b}/*", "b/x", true)]
    [InlineData("{a,b}/*", "c/x", false)]
    public void ExcludePatternsFollowGlueGlobs(string glob, string path, bool excluded) =>
        Assert.Equal(excluded, new GlobMatcher([glob]).Excludes(path));
}
