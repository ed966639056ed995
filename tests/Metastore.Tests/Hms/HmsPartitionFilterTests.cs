using QueryEngine.Engine.Catalog;
using QueryEngine.Metastore.Hms;
using Xunit;

namespace QueryEngine.Metastore.Tests.Hms;

/// <summary>Hive's partition filter grammar (get_partitions_by_filter) over partition values.</summary>
public sealed class HmsPartitionFilterTests
{
    private static readonly TableInfo Table = new("db", "t", TableKind.External, [new ColumnInfo("x", "int")],
        new StorageInfo("/data/t", string.Empty, string.Empty, string.Empty))
    {
        PartitionKeys = [new ColumnInfo("dt", "string"), new ColumnInfo("hr", "int")],
    };

    [Theory]
    [InlineData("dt = '2024-01-02'", true)]
    [InlineData("dt = \"2024-01-02\"", true)]
    [InlineData("'2024-01-02' = dt", true)]
    [InlineData("dt <> '2024-01-02'", false)]
    [InlineData("dt != '2024-01-02'", false)]
    [InlineData("hr > 9", true)]
    [InlineData("9 < hr", true)]
    [InlineData("hr >= 10 AND hr <= 10", true)]
    [InlineData("hr < 10", false)]
    [InlineData("dt < '2024-01-02' OR (hr = 10 and dt >= '2024')", true)]
    [InlineData("(dt = 'x' OR dt = 'y') AND hr = 10", false)]
    [InlineData("", true)]
    public void Evaluates(string filter, bool expected) =>
        Assert.Equal(expected, HmsPartitionFilter.Parse(Table, filter)(["2024-01-02", "10"]));

    [Theory]
    [InlineData("dt = '2024-01-02' AND hr > 3", "dt in [2024-01-02]")]
    [InlineData("'x' = dt and (hr = '7')", "dt in [x]; hr in [7]")]
    [InlineData("hr = 7", "")]
    [InlineData("dt = 'a' OR dt = 'b'", "")]
    [InlineData("dt <> 'a'", "")]
    public void IndexFilterKeepsOnlyConjunctsOfKeyEqualsString(string filter, string expected)
    {
        var keys = HmsPartitionFilter.IndexFilter(Table, filter).Keys;
        Assert.Equal(expected, string.Join("; ", keys.Select(k => $"{k.Key} in [{string.Join(",", k.Values)}]")));
    }

    [Fact]
    public void IntegersCompareNumericallyAndNonNumbersDoNotMatch()
    {
        var predicate = HmsPartitionFilter.Parse(Table, "hr > 9");
        Assert.True(predicate(["a", "10"]));
        Assert.False(predicate(["a", "2"]));
        Assert.False(predicate(["a", "__HIVE_DEFAULT_PARTITION__"]));
    }

    [Theory]
    [InlineData("nokey = 1")]
    [InlineData("dt = ")]
    [InlineData("dt = 'open")]
    [InlineData("(dt = 'a'")]
    [InlineData("dt = 'a' hr = 1")]
    [InlineData("dt LIKE 'a'")]
    [InlineData("hr = 99999999999999999999")]
    [InlineData("dt = hr")]
    public void MalformedFiltersAreMetaExceptions(string filter)
    {
        var error = Assert.Throws<HmsException>(() => HmsPartitionFilter.Parse(Table, filter));
        Assert.Equal(HmsErrorKind.MetaException, error.Kind);
    }
}
