using QueryEngine.Engine.Catalog;
using Xunit;

namespace QueryEngine.Metastore.Tests.Store;

/// <summary>Field-by-field equality of catalog objects (records holding dictionaries compare them by reference).</summary>
internal static class CatalogAssert
{
    public static void Equal(DatabaseInfo expected, DatabaseInfo? actual)
    {
        Assert.NotNull(actual);
        Assert.Equal(expected.Name, actual.Name);
        Assert.Equal(expected.Description, actual.Description);
        Assert.Equal(expected.Location, actual.Location);
        Assert.Equal(expected.Owner, actual.Owner);
        Equal(expected.Parameters, actual.Parameters);
    }

    public static void Equal(TableInfo expected, TableInfo? actual)
    {
        Assert.NotNull(actual);
        Assert.Equal(expected.Database, actual.Database);
        Assert.Equal(expected.Name, actual.Name);
        Assert.Equal(expected.Kind, actual.Kind);
        Assert.Equal(expected.Columns, actual.Columns);
        Assert.Equal(expected.PartitionKeys, actual.PartitionKeys);
        Assert.Equal(expected.Storage.Location, actual.Storage.Location);
        Assert.Equal(expected.Storage.InputFormat, actual.Storage.InputFormat);
        Assert.Equal(expected.Storage.OutputFormat, actual.Storage.OutputFormat);
        Assert.Equal(expected.Storage.SerdeLibrary, actual.Storage.SerdeLibrary);
        Equal(expected.Storage.SerdeParameters, actual.Storage.SerdeParameters);
        Assert.Equal(expected.Storage.BucketColumns, actual.Storage.BucketColumns);
        Assert.Equal(expected.Storage.BucketCount, actual.Storage.BucketCount);
        Assert.Equal(expected.Storage.SortColumns, actual.Storage.SortColumns);
        Equal(expected.Parameters, actual.Parameters);
        Assert.Equal(expected.Owner, actual.Owner);
        Assert.Equal(expected.CreateTime, actual.CreateTime);
        Assert.Equal(expected.ViewOriginalText, actual.ViewOriginalText);
        Assert.Equal(expected.ViewExpandedText, actual.ViewExpandedText);
        Assert.Equal(expected.Comment, actual.Comment);
    }

    public static void Equal(IReadOnlyDictionary<string, string> expected, IReadOnlyDictionary<string, string> actual)
    {
        var e = expected.OrderBy(p => p.Key, StringComparer.Ordinal).ToArray();
        var a = actual.OrderBy(p => p.Key, StringComparer.Ordinal).ToArray();
        Assert.Equal(e, a);
    }
}
