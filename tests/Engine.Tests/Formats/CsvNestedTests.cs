using QueryEngine.Engine.Catalog;
using QueryEngine.Engine.Common;
using QueryEngine.Engine.Formats.Csv;
using Xunit;
using static QueryEngine.Engine.Tests.Formats.CsvTestSupport;

namespace QueryEngine.Engine.Tests.Formats;

public sealed class CsvNestedTests : IDisposable
{
    private static readonly CsvOptions Hive = new() { Delimiter = '|', Quote = null, NullMarker = "\\N", CollectionDelimiter = ',', MapKeyDelimiter = ':' };

    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void ArraysMapsAndStructs()
    {
        var columns = Columns(
            ("a", HiveTypes.Parse("array<int>")),
            ("m", HiveTypes.Parse("map<string,decimal(5,2)>")),
            ("s", HiveTypes.Parse("struct<x:string,y:date,z:boolean>")));
        var content =
            "1,2,3|k:1.5,j:2|abc,2020-01-02,true\n" +
            "|\\N|\n" +
            "\\N|k|only\n" +
            "4,x,\\N|:1,\\N:2,a:\\N,b:zz|p,bad,TRUE,extra\n";
        Assert.Equal(
            "[1, 2, 3]|{k=1.50, j=2.00}|{x=abc, y=2020-01-02, z=true}\n" +
            "[]|NULL|{x=, y=NULL, z=NULL}\n" +
            "NULL|{k=NULL}|{x=only, y=NULL, z=NULL}\n" +
            "[4, NULL, NULL]|{=1.00, a=NULL, b=NULL}|{x=p, y=NULL, z=true}",
            ReadText(_dir, content, Hive, columns));
    }

    [Fact]
    public void DeeperLevelsUseTheNextSeparators()
    {
        // array<array<int>>: items by collection.delim, inner items by mapkey.delim; a map value nested two levels lower (byte 4).
        var columns = Columns(("a", HiveTypes.Parse("array<array<int>>")), ("m", HiveTypes.Parse("map<int,array<string>>")));
        Assert.Equal("[[1, 2], [3]]|{1=[a, b], 2=[]}", ReadText(_dir, "1:2,3|1:a\u0004b,2:\n", Hive, columns));
    }

    [Fact]
    public void DefaultSeparatorsAndEscapes()
    {
        var options = new CsvOptions { Delimiter = '\u0001', Quote = null, NullMarker = "\\N", Escape = '\\' };
        var columns = Columns(("a", HiveTypes.Parse("array<string>")), ("i", HiveTypes.Parse("int")));
        Assert.Equal("[x, y\u0002z, w]|7", ReadText(_dir, "x\u0002y\\\u0002z\u0002w\u00017\n", options, columns));
    }

    [Fact]
    public void NestedInQuotedCsvIsNotSupported()
    {
        var columns = Columns(("a", HiveTypes.Parse("array<int>")));
        var ex = Assert.Throws<NotSupportedQueryException>(() => ReadText(_dir, "1\n", CsvOptions.Default, columns));
        Assert.Contains("quoted CSV", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TooDeepIsNotSupported()
    {
        var type = HiveTypes.Parse("array<array<array<array<array<array<array<array<int>>>>>>>>");
        var ex = Assert.Throws<NotSupportedQueryException>(() => ReadText(_dir, "1\n", Hive, Columns(("a", type))));
        Assert.Contains("nested deeper", ex.Message, StringComparison.Ordinal);
    }
}
