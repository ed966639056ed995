using QueryEngine.Engine.Common;
using QueryEngine.Engine.Storage;
using QueryEngine.Engine.Tests.Formats;
using Xunit;

namespace QueryEngine.Engine.Tests.Storage;

public sealed class LocalObjectStoreTests : IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly LocalObjectStore _store = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void ListsFilesRecursivelySortedWithRelativePaths()
    {
        _dir.Write("t/b.csv", "bb");
        _dir.Write("t/a.csv", "a");
        _dir.Write("t/year=2020/c.csv", "ccc");
        _dir.Write("t/.hidden", "x");

        var flat = _store.List(_dir.File("t"), recursive: false);
        Assert.Equal([".hidden", "a.csv", "b.csv"], flat.Select(o => o.RelativePath));

        var all = _store.List(_dir.File("t") + "/", recursive: true);
        Assert.Equal([".hidden", "a.csv", "b.csv", "year=2020/c.csv"], all.Select(o => o.RelativePath));
        var c = all[3];
        Assert.Equal(3, c.Size);
        Assert.Equal("c.csv", c.Name);
        Assert.Equal(Path.GetFullPath(_dir.File("t/year=2020/c.csv")), c.Path);
        Assert.True(c.LastModified > DateTimeOffset.UtcNow.AddMinutes(-10));
    }

    [Fact]
    public void ListOfAFileIsThatFileAndMissingIsEmpty()
    {
        var path = _dir.Write("one.txt", "hello");
        var list = _store.List(path, recursive: true);
        var only = Assert.Single(list);
        Assert.Equal("one.txt", only.RelativePath);
        Assert.Equal(5, only.Size);
        Assert.Empty(_store.List(_dir.File("missing"), recursive: true));
    }

    [Fact]
    public void AcceptsFileUris()
    {
        var path = _dir.Write("sub dir/x.txt", "abc");
        var full = Path.GetFullPath(path);
        var uri = new Uri(full).AbsoluteUri; // file:///tmp/.../sub%20dir/x.txt
        Assert.Equal(full, LocalObjectStore.ToLocalPath(uri));
        Assert.Equal(full, LocalObjectStore.ToLocalPath("file:" + full));
        Assert.Equal(full, LocalObjectStore.ToLocalPath("file://localhost" + full));
        Assert.Equal(3, _store.Stat(uri)!.Size);
        using var reader = new StreamReader(_store.OpenRead(uri));
        Assert.Equal("abc", reader.ReadToEnd());
    }

    [Fact]
    public void RejectsOtherSchemes()
    {
        Assert.Throws<NotSupportedQueryException>(() => _store.List("s3://bucket/prefix/", recursive: true));
    }

    [Fact]
    public void StatOfMissingIsNull()
    {
        Assert.Null(_store.Stat(_dir.File("nope")));
    }

    [Fact]
    public void OpenReadOfMissingNamesTheLocation()
    {
        var missing = _dir.File("nope.csv");
        var ex = Assert.Throws<StorageException>(() => _store.OpenRead(missing));
        Assert.Contains(missing, ex.Message, StringComparison.Ordinal);
        Assert.Contains("no such file", ex.Message, StringComparison.Ordinal);
        var ex2 = Assert.Throws<StorageException>(() => _store.ReadRange(missing, 0, new byte[4]));
        Assert.Contains(missing, ex2.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RangedReads()
    {
        var path = _dir.Write("r.bin", "0123456789");
        var buffer = new byte[4];
        Assert.Equal(4, _store.ReadRange(path, 3, buffer));
        Assert.Equal("3456", System.Text.Encoding.ASCII.GetString(buffer));
        Assert.Equal(2, _store.ReadRange(path, 8, buffer));
        Assert.Equal(0, _store.ReadRange(path, 10, buffer));
        Assert.Equal(0, _store.ReadRange(path, 100, buffer));
        using var stream = _store.OpenRead(path, 7);
        using var reader = new StreamReader(stream);
        Assert.Equal("789", reader.ReadToEnd());
    }

    [Fact]
    public void CreateIsAtomicAndDeleteRemoves()
    {
        var path = _dir.File("out/deep/file.txt");
        using (var stream = _store.Create(path))
        {
            stream.Write("partial"u8);
            Assert.Null(_store.Stat(path));
        }
        Assert.Equal(7, _store.Stat(path)!.Size);
        Assert.Single(_store.List(_dir.File("out"), recursive: true));

        using (var stream = _store.Create(path)) stream.Write("new"u8);
        Assert.Equal(3, _store.Stat(path)!.Size);

        _store.Delete(path);
        Assert.Null(_store.Stat(path));
        _store.Delete(path);
        _store.Delete(_dir.File("out"));
        Assert.False(Directory.Exists(_dir.File("out")));
    }

    [Fact]
    public void ResolverPicksStoreByScheme()
    {
        var resolver = new ObjectStoreResolver(_store);
        Assert.Same(_store, resolver.Resolve("/data/x"));
        Assert.Same(_store, resolver.Resolve("file:///data/x"));
        Assert.Same(_store, resolver.Resolve("relative/path"));
        var ex = Assert.Throws<NotSupportedQueryException>(() => resolver.Resolve("s3://bucket/key"));
        Assert.Contains("'s3'", ex.Message, StringComparison.Ordinal);
        var other = new LocalObjectStore();
        resolver.Register("s3", other);
        Assert.Same(other, resolver.Resolve("S3://bucket/key"));
    }

    [Theory]
    [InlineData("s3://b/k", "s3")]
    [InlineData("file:/x", "file")]
    [InlineData("/abs/path", null)]
    [InlineData("C:\\data", null)]
    [InlineData("rel:ative", "rel")]
    [InlineData("a b:c", null)]
    public void SchemeDetection(string location, string? scheme)
    {
        Assert.Equal(scheme, StorageLocations.GetScheme(location));
    }
}
