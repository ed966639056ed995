using QueryEngine.Engine.Catalog;
using QueryEngine.Engine.Storage;
using QueryEngine.Engine.Tests.Formats;
using Xunit;
using static QueryEngine.Engine.Tests.Formats.CsvTestSupport;

namespace QueryEngine.Engine.Tests.Catalog;

/// <summary>
/// The settings sessions and scans add to a file factory (file filter, committed writes, prelisted locations) are one
/// record: adding them in any order keeps every one, and a scan honours all of them at once.
/// </summary>
public sealed class FileScanSettingsTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private sealed class SkipFilesNamed(string name) : IScanFileFilter
    {
        public bool Include(string table, ObjectInfo file) => !file.Path.EndsWith(name, StringComparison.Ordinal);
    }

    [Fact]
    public void EachSettingKeepsTheOthersAndTheScanHonoursThemAll()
    {
        _dir.Write("t/a.csv", "1\n2\n");
        _dir.Write("t/b.csv", "30\n");
        var location = _dir.File("t");
        var table = new TableInfo("db", "t", TableKind.External, [new ColumnInfo("v", "bigint")],
            new StorageInfo(location, StorageInfo.Formats.TextInput, StorageInfo.Formats.TextOutput, StorageInfo.Formats.LazySimpleSerde)
            {
                SerdeParameters = new Dictionary<string, string> { ["field.delim"] = "," },
            });
        var catalog = new InMemoryCatalog();
        var filter = new SkipFilesNamed("b.csv");
        var listings = new PrelistedLocations();
        var store = new LocalObjectStore();
        listings.Add(location, store.List(location, recursive: true));
        var factory = new FileTableSourceFactory(store);

        var forward = factory.WithFileFilter(filter).ReadingCommitsOf(catalog).WithPrelisted(listings);
        var backward = factory.WithPrelisted(listings).ReadingCommitsOf(catalog).WithFileFilter(filter);
        Assert.Equal(new FileScanSettings { FileFilter = filter, CommitsOf = catalog, Prelisted = listings }, forward.Settings);
        Assert.Equal(forward.Settings, backward.Settings);
        Assert.Equal(FileScanSettings.None, factory.Settings);

        foreach (var files in new[] { forward, backward })
        {
            var source = files.Create(table);
            Assert.Equal("1\n2", Text(Scan(source, [0])));
        }
        Assert.Equal("1\n2\n30", Text(Scan(factory.ReadingCommitsOf(catalog).WithPrelisted(listings).Create(table), [0])).Split('\n').Order(StringComparer.Ordinal).Aggregate((a, b) => a + "\n" + b));
    }
}
