using QueryEngine.Metastore.Hms;
using Xunit;

namespace QueryEngine.Metastore.Tests.Hms;

public sealed class HmsCatalogNamesTests
{
    [Theory]
    [InlineData("sales", "sales")]
    [InlineData("@hive#sales", "sales")]
    [InlineData("@spark_catalog#s*", "s*")]
    [InlineData("@hive#!", "")]
    [InlineData("@hive#", null)]
    [InlineData("@nosep", "@nosep")]
    [InlineData("", "")]
    [InlineData(null, null)]
    public void CatalogQualificationIsRemoved(string? name, string? expected) => Assert.Equal(expected, HmsCatalogNames.Strip(name));

    [Theory]
    [InlineData("sales_*", "SALES_2024", true)]
    [InlineData("sales_*", "other", false)]
    [InlineData("a*|b*", "bee", true)]
    [InlineData(".*", "x", true)]
    [InlineData("*", "anything", true)]
    [InlineData(null, "anything", true)]
    [InlineData("exact", "exactly", false)]
    public void NamePatternsFollowHive(string? pattern, string name, bool matches) =>
        Assert.Equal(matches, new HmsNamePattern(pattern).Matches(name));

    [Fact]
    public void AnInvalidPatternIsAMetaException() =>
        Assert.Equal(HmsErrorKind.MetaException, Assert.Throws<HmsException>(() => new HmsNamePattern("a(")).Kind);
}
