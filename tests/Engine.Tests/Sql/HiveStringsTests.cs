using QueryEngine.Engine.Sql;
using QueryEngine.Engine.Sql.Ast;
using Xunit;

namespace QueryEngine.Engine.Tests.Sql;

public sealed class HiveStringsTests
{
    [Theory]
    [InlineData(",", ",")]
    [InlineData("\\t", "\t")]
    [InlineData("\\n", "\n")]
    [InlineData("\\001", "\u0001")]
    [InlineData("\\177", "\u007F")]
    [InlineData("\\\\", "\\")]
    [InlineData("\\\"", "\"")]
    [InlineData("\\u0041b", "Ab")]
    [InlineData("a\\%b\\_", "a\\%b\\_")]
    [InlineData("\\x", "x")]
    [InlineData("end\\", "end\\")]
    [InlineData("\\N", "N")]
    public void UnescapesLikeHive(string written, string stored)
    {
        Assert.Equal(stored, HiveStrings.Unescape(written));
    }

    [Fact]
    public void DdlDelimitersArriveAsWrittenAndUnescapeToCharacters()
    {
        var create = Assert.IsType<CreateExternalTable>(SqlParser.ParseStatement(
            "CREATE EXTERNAL TABLE t (a string) ROW FORMAT DELIMITED FIELDS TERMINATED BY '\\001' ESCAPED BY '\\\\' LINES TERMINATED BY '\\n' LOCATION 's3://b/'"));
        var format = Assert.IsType<RowFormatDelimited>(create.RowFormat);
        Assert.Equal("\\001", format.FieldsTerminatedBy);
        Assert.Equal("\u0001", HiveStrings.Unescape(format.FieldsTerminatedBy!));
        Assert.Equal("\\", HiveStrings.Unescape(format.EscapedBy!));
        Assert.Equal("\n", HiveStrings.Unescape(format.LinesTerminatedBy!));
    }
}
