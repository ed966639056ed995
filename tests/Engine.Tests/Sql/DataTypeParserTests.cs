using QueryEngine.Engine.Common;
using QueryEngine.Engine.Sql;
using QueryEngine.Engine.Sql.Ast;
using Xunit;

namespace QueryEngine.Engine.Tests.Sql;

public sealed class DataTypeParserTests
{
    [Theory]
    [InlineData("bigint", "bigint", "bigint")]
    [InlineData("INT", "int", "int")]
    [InlineData("string", "string", "string")]
    [InlineData("varchar(10)", "varchar(10)", "varchar(10)")]
    [InlineData("decimal(15, 2)", "decimal(15,2)", "decimal(15,2)")]
    [InlineData("char(3)", "char(3)", "char(3)")]
    [InlineData("array<string>", "array(string)", "array<string>")]
    [InlineData("array(bigint)", "array(bigint)", "array<bigint>")]
    [InlineData("map<string,int>", "map(string, int)", "map<string,int>")]
    [InlineData("map(varchar, array(bigint))", "map(varchar, array(bigint))", "map<varchar,array<bigint>>")]
    [InlineData("struct<a:int,b:array<string>>", "struct<a:int,b:array<string>>", "struct<a:int,b:array<string>>")]
    [InlineData("struct< a : int , `End` : map<string,struct<x:double>> >", "struct<a:int,`End`:map<string,struct<x:double>>>", "struct<a:int,`End`:map<string,struct<x:double>>>")]
    [InlineData("row(a bigint, b varchar)", "row(a bigint, b varchar)", "struct<a:bigint,b:varchar>")]
    [InlineData("row(bigint, double)", "row(bigint, double)", "struct<_col0:bigint,_col1:double>")]
    [InlineData("timestamp(3) with time zone", "timestamp(3) with time zone", "timestamp(3) with time zone")]
    [InlineData("timestamp", "timestamp", "timestamp")]
    [InlineData("TIME WITH TIME ZONE", "time with time zone", "time with time zone")]
    [InlineData("timestamp(6) without time zone", "timestamp(6)", "timestamp(6)")]
    [InlineData("interval day to second", "interval day to second", "interval day to second")]
    [InlineData("interval year to month", "interval year to month", "interval year to month")]
    [InlineData("double precision", "double", "double")]
    [InlineData("array<array<int>>", "array(array(int))", "array<array<int>>")]
    public void ParsesTrinoAndHiveTypes(string text, string canonical, string hive)
    {
        var type = SqlParser.ParseDataType(text);
        Assert.Equal(canonical, type.ToCanonicalString());
        Assert.Equal(hive, type.ToHiveString());
        Assert.Equal(type, SqlParser.ParseDataType(type.ToCanonicalString()));
        Assert.Equal(type.Name == "row" ? type with { Name = "struct" } : type, SqlParser.ParseDataType(type.ToHiveString()), new DataTypeComparer());
    }

    [Fact]
    public void StructureOfNestedType()
    {
        var type = SqlParser.ParseDataType("map<string,array<decimal(10,2)>>");
        Assert.Equal("map", type.Name);
        var value = Assert.IsType<TypeArgument>(type.Parameters[1]).Type;
        Assert.Equal("array", value.Name);
        var element = Assert.IsType<TypeArgument>(Assert.Single(value.Parameters)).Type;
        Assert.Equal("decimal", element.Name);
        Assert.Equal([10L, 2L], element.Parameters.Cast<NumericParameter>().Select(p => p.Value));

        var row = SqlParser.ParseDataType("row(\"Quoted\" int, x varchar)");
        var field = Assert.IsType<FieldParameter>(row.Parameters[0]);
        Assert.Equal(new Identifier("Quoted", true), field.Name);
    }

    [Theory]
    [InlineData("array<", "Expected: a data type, found: end of input")]
    [InlineData("map<string>", "Expected: ',', found: >")]
    [InlineData("struct<a int>", "Expected: ':', found: int")]
    [InlineData("decimal(10,", "Expected: a data type, found: end of input")]
    [InlineData("int extra", "Expected: end of input, found: extra")]
    [InlineData("", "Expected: a data type, found: end of input")]
    public void RejectsMalformedTypes(string text, string message)
    {
        var error = Assert.Throws<SyntaxException>(() => SqlParser.ParseDataType(text));
        Assert.Equal(message, error.Message);
    }

    /// <summary>Compares types ignoring the row/struct spelling (Hive rendering turns rows into structs).</summary>
    private sealed class DataTypeComparer : IEqualityComparer<DataTypeSyntax>
    {
        public bool Equals(DataTypeSyntax? x, DataTypeSyntax? y) => x is not null && y is not null && x.ToHiveString() == y.ToHiveString();

        public int GetHashCode(DataTypeSyntax obj) => obj.ToHiveString().GetHashCode(StringComparison.Ordinal);
    }
}
