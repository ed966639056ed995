using QueryEngine.Engine.Catalog;
using QueryEngine.Metastore.Crawlers.Inference;
using Xunit;

namespace QueryEngine.Metastore.Tests.Crawlers;

/// <summary>Issue #7's merge rules for the types one column shows across records and files (written as Hive types).</summary>
public sealed class TypeWideningTests
{
    [Theory]
    [InlineData("bigint", "double", "double")]
    [InlineData("int", "bigint", "bigint")]
    [InlineData("bigint", "string", "string")]
    [InlineData("boolean", "string", "string")]
    [InlineData("date", "string", "string")]
    [InlineData("boolean", "bigint", "string")]
    [InlineData("date", "timestamp", "timestamp")]
    [InlineData("struct<a:bigint>", "struct<b:string>", "struct<a:bigint,b:string>")]
    [InlineData("struct<a:bigint,s:struct<x:bigint>>", "struct<a:double,s:struct<y:boolean>>", "struct<a:double,s:struct<x:bigint,y:boolean>>")]
    [InlineData("array<bigint>", "array<double>", "array<double>")]
    [InlineData("struct<a:bigint>", "bigint", "string")]
    public void TypesWidenAsTheIssueSays(string first, string second, string merged)
    {
        var a = HiveTypes.Parse(first);
        var b = HiveTypes.Parse(second);
        Assert.Equal(merged, HiveTypes.Format(TypeWidening.Widen(a, b)));
        // Order matters only for struct fields (first seen first).
        if (!(first.StartsWith("struct", StringComparison.Ordinal) && second.StartsWith("struct", StringComparison.Ordinal)))
        {
            Assert.Equal(merged, HiveTypes.Format(TypeWidening.Widen(b, a)));
        }
    }
}
