using QueryEngine.Engine.Catalog;
using QueryEngine.Engine.Columnar;
using QueryEngine.Engine.Common;
using Xunit;

namespace QueryEngine.Engine.Tests.Catalog;

public sealed class HiveTypesTests
{
    [Theory]
    [InlineData("boolean", "boolean")]
    [InlineData("tinyint", "tinyint")]
    [InlineData("smallint", "smallint")]
    [InlineData("int", "integer")]
    [InlineData("INTEGER", "integer")]
    [InlineData("bigint", "bigint")]
    [InlineData("float", "real")]
    [InlineData("double", "double")]
    [InlineData("double precision", "double")]
    [InlineData("string", "varchar")]
    [InlineData("varchar(20)", "varchar")]
    [InlineData("char(1)", "varchar")]
    [InlineData("binary", "varbinary")]
    [InlineData("date", "date")]
    [InlineData("timestamp", "timestamp(6)")]
    [InlineData("decimal", "decimal(10,0)")]
    [InlineData("decimal(7)", "decimal(7,0)")]
    [InlineData("DECIMAL( 15 , 2 )", "decimal(15,2)")]
    [InlineData("decimal(38,38)", "decimal(38,38)")]
    [InlineData("array<int>", "array(integer)")]
    [InlineData("map<string,bigint>", "map(varchar, bigint)")]
    [InlineData("struct<a:int,b:string>", "row(a integer, b varchar)")]
    [InlineData(" Array < Map < String , Array<Decimal(5,1)> > > ", "array(map(varchar, array(decimal(5,1))))")]
    [InlineData("struct<`my field`:int, x : struct<y:date>>", "row(my field integer, x row(y date))")]
    public void ParsesHiveSpellings(string hive, string sql)
    {
        Assert.Equal(sql, HiveTypes.Parse(hive).SqlName);
    }

    [Fact]
    public void TimestampIsZoneLess()
    {
        var type = Assert.IsType<TimestampType>(HiveTypes.Parse("timestamp"));
        Assert.Null(type.TimeZone);
    }

    [Theory]
    [InlineData("boolean")]
    [InlineData("tinyint")]
    [InlineData("smallint")]
    [InlineData("int")]
    [InlineData("bigint")]
    [InlineData("float")]
    [InlineData("double")]
    [InlineData("string")]
    [InlineData("binary")]
    [InlineData("date")]
    [InlineData("timestamp")]
    [InlineData("decimal(10,0)")]
    [InlineData("decimal(38,9)")]
    [InlineData("array<string>")]
    [InlineData("array<array<int>>")]
    [InlineData("map<string,array<bigint>>")]
    [InlineData("struct<a:int,b:map<string,double>,c:array<struct<d:date>>>")]
    [InlineData("struct<`a b`:int,`x``y`:string>")]
    [InlineData("json")]
    [InlineData("time(0)")]
    [InlineData("time(12)")]
    [InlineData("struct<t:time(6),j:array<json>>")]
    public void RoundTrips(string hive)
    {
        var type = HiveTypes.Parse(hive);
        var text = HiveTypes.Format(type);
        Assert.Equal(hive, text);
        Assert.Equal(type, HiveTypes.Parse(text));
    }

    [Fact]
    public void FormatsNormalizedSpellings()
    {
        Assert.Equal("time(3)", HiveTypes.Format(HiveTypes.Parse("TIME")));
        Assert.Equal("int", HiveTypes.Format(HiveTypes.Parse("INTEGER")));
        Assert.Equal("string", HiveTypes.Format(HiveTypes.Parse("varchar(10)")));
        Assert.Equal("decimal(10,0)", HiveTypes.Format(HiveTypes.Parse("decimal")));
        Assert.Equal("map<string,int>", HiveTypes.Format(HiveTypes.Parse("map< string , int >")));
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("   ", "empty")]
    [InlineData("integr", "unknown type 'integr'")]
    [InlineData("array<int", "expected '>' at the end")]
    [InlineData("array<>", "expected a type name")]
    [InlineData("map<string>", "expected ','")]
    [InlineData("struct<>", "at least one field")]
    [InlineData("struct<a int>", "expected ':'")]
    [InlineData("struct<a:int,a:string>", "duplicate struct field 'a'")]
    [InlineData("decimal(39,2)", "precision must be 1..38")]
    [InlineData("decimal(0)", "precision must be 1..38")]
    [InlineData("decimal(5,6)", "scale must be 0..5")]
    [InlineData("decimal(5,)", "expected the decimal scale")]
    [InlineData("decimal(99999999999)", "too large")]
    [InlineData("varchar", "expected '('")]
    [InlineData("char(0)", "length must be 1..255")]
    [InlineData("int int", "unexpected 'i' after the type")]
    [InlineData("array<int>>", "unexpected '>'")]
    [InlineData("time(13)", "time precision must be 0..12")]
    [InlineData("time(", "expected the time precision")]
    public void RejectsInvalidText(string hive, string message)
    {
        var ex = Assert.Throws<SemanticException>(() => HiveTypes.Parse(hive));
        Assert.Contains(message, ex.Message, StringComparison.Ordinal);
        Assert.Contains("invalid Hive type", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void DeepNestingIsAnErrorNotAStackOverflow()
    {
        var text = string.Concat(Enumerable.Repeat("array<", 5000)) + "int" + new string('>', 5000);
        var ex = Assert.Throws<SemanticException>(() => HiveTypes.Parse(text));
        Assert.Contains("nested too deeply", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TryParseReportsErrors()
    {
        Assert.True(HiveTypes.TryParse("bigint", out var type, out var error));
        Assert.Equal(DataType.Int64, type);
        Assert.Null(error);
        Assert.False(HiveTypes.TryParse("bigint(", out type, out error));
        Assert.Null(type);
        Assert.NotNull(error);
    }

    [Fact]
    public void FormatRejectsTypesHiveLacks()
    {
        Assert.Throws<NotSupportedQueryException>(() => HiveTypes.Format(new TimestampType("UTC")));
    }
}
