using QueryEngine.Engine.Catalog;
using QueryEngine.Engine.Columnar;
using QueryEngine.Engine.Common;
using QueryEngine.Engine.Expressions;
using QueryEngine.Engine.Formats;
using QueryEngine.Engine.Storage;
using QueryEngine.Engine.Tests.Formats;
using Xunit;
using static QueryEngine.Engine.Tests.Formats.CsvTestSupport;

namespace QueryEngine.Engine.Tests.Catalog;

public sealed class FileTableSourceFactoryTests : IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly FileTableSourceFactory _factory = new(new LocalObjectStore());

    public void Dispose() => _dir.Dispose();

    private static TableInfo Table(string location, string serde, IReadOnlyDictionary<string, string>? serdeParameters = null, params (string Name, string Type)[] columns) =>
        new("db", "t", TableKind.External, columns.Select(c => new ColumnInfo(c.Name, c.Type)).ToArray(),
            new StorageInfo(location, StorageInfo.Formats.TextInput, StorageInfo.Formats.TextOutput, serde)
            {
                SerdeParameters = serdeParameters ?? new Dictionary<string, string>(),
            });

    private static string All(ITableSource source, int batchSize = 8192, IReadOnlyList<PhysicalExpr>? filters = null) =>
        Text(Scan(source, Enumerable.Range(0, source.Schema.Count).ToArray(), batchSize, filters));

    [Fact]
    public void LazySimpleSerDeTable()
    {
        _dir.Write("t/part-0", "1|a|2.50|\n2|\\N|x\n");
        _dir.Write("t/sub/part-1", "3|c|1e1\n");
        _dir.Write("t/_SUCCESS", "");
        _dir.Write("t/.part-0.crc", "junk");
        _dir.Write("t/_temporary/0/part-9", "9|nope|0\n");
        var table = Table(_dir.File("t"), StorageInfo.Formats.LazySimpleSerde,
            new Dictionary<string, string> { ["field.delim"] = "|", ["serialization.format"] = "|" },
            ("id", "bigint"), ("name", "string"), ("price", "decimal(10,2)"));
        var source = _factory.Create(table);
        Assert.Equal("id bigint, name varchar, price decimal(10,2)", source.Schema.ToString());
        Assert.Equal("1|a|2.50\n2|NULL|NULL\n3|c|10.00", All(source));
    }

    [Fact]
    public void DefaultDelimiterIsCtrlAAndNumericDelimitersAreByteValues()
    {
        _dir.Write("a/f", "1\u0001x\n");
        Assert.Equal("1|x", All(_factory.Create(Table(_dir.File("a"), StorageInfo.Formats.LazySimpleSerde, null, ("i", "int"), ("s", "string")))));
        _dir.Write("b/f", "1\tx\n");
        var tab = new Dictionary<string, string> { ["serialization.format"] = "9" };
        Assert.Equal("1|x", All(_factory.Create(Table(_dir.File("b"), StorageInfo.Formats.LazySimpleSerde, tab, ("i", "int"), ("s", "string")))));
        _dir.Write("c/f", "1,x\n");
        var comma = new Dictionary<string, string> { ["field.delim"] = ",", ["serialization.format"] = "1" };
        Assert.Equal("1|x", All(_factory.Create(Table(_dir.File("c"), StorageInfo.Formats.LazySimpleSerde, comma, ("i", "int"), ("s", "string")))));
    }

    [Theory]
    [InlineData("\\t", "1\tx\n")]
    [InlineData("\\001", "1\u0001x\n")]
    [InlineData("\\u0001", "1\u0001x\n")]
    [InlineData("\\|", "1|x\n")]
    [InlineData("\t", "1\tx\n")]
    public void DelimitersStillWrittenAsHiveEscapesAreUnescaped(string delimiter, string content)
    {
        _dir.Write("t/f", content);
        var table = Table(_dir.File("t"), StorageInfo.Formats.LazySimpleSerde, new Dictionary<string, string> { ["field.delim"] = delimiter }, ("i", "int"), ("s", "string"));
        Assert.Equal("1|x", All(_factory.Create(table)));
        var csv = Table(_dir.File("t"), StorageInfo.Formats.OpenCsvSerde, new Dictionary<string, string> { ["separatorChar"] = delimiter, ["escapeChar"] = "\\\\" }, ("i", "int"), ("s", "string"));
        Assert.Equal("1|x", All(_factory.Create(csv)));
    }

    [Fact]
    public void LazySimpleNullFormatEscapeAndHeader()
    {
        _dir.Write("t/f.txt", "id,name\n1,NULL\n2,a\\,b\n");
        var table = Table(_dir.File("t"), StorageInfo.Formats.LazySimpleSerde,
            new Dictionary<string, string> { ["field.delim"] = ",", ["escape.delim"] = "\\", ["serialization.null.format"] = "NULL" },
            ("id", "int"), ("name", "string")) with
        {
            Parameters = new Dictionary<string, string> { ["skip.header.line.count"] = "1" },
        };
        Assert.Equal("1|NULL\n2|a,b", All(_factory.Create(table)));
    }

    [Fact]
    public void OpenCsvSerdeTable()
    {
        _dir.Write("t/data.csv", "\"id\",\"when\",\"note\"\n\"1\",\"2024-05-06\",\"a, \"\"b\"\"\"\n2,19849,\"multi\nline\"\n");
        var table = Table(_dir.File("t"), StorageInfo.Formats.OpenCsvSerde, null, ("id", "int"), ("when", "date"), ("note", "string")) with
        {
            Parameters = new Dictionary<string, string> { ["skip.header.line.count"] = "1" },
        };
        Assert.Equal("1|2024-05-06|a, \"b\"\n2|2024-05-06|multi\nline", All(_factory.Create(table)));
    }

    [Fact]
    public void OpenCsvInvalidValuesFailUnlessNullForInvalidData()
    {
        _dir.Write("t/data.csv", "1,x\nnope,y\n");
        var table = Table(_dir.File("t"), StorageInfo.Formats.OpenCsvSerde, new Dictionary<string, string> { ["separatorChar"] = "," }, ("id", "int"), ("s", "string"));
        var ex = Assert.Throws<CorruptDataException>(() => All(_factory.Create(table)));
        Assert.Contains("column id", ex.Message, StringComparison.Ordinal);
        var lenient = table with { Parameters = new Dictionary<string, string> { ["use.null.for.invalid.data"] = "TRUE" } };
        Assert.Equal("1|x\nNULL|y", All(_factory.Create(lenient)));
    }

    [Fact]
    public void SingleFileLocation()
    {
        var path = _dir.Write("one.csv", "5,e\n");
        Assert.Equal("5|e", All(_factory.Create(Table("file://" + path, StorageInfo.Formats.OpenCsvSerde, null, ("i", "int"), ("s", "string")))));
    }

    [Fact]
    public void MissingLocationHasNoRows()
    {
        var source = _factory.Create(Table(_dir.File("nothing-here"), StorageInfo.Formats.LazySimpleSerde, null, ("i", "int")));
        Assert.Empty(source.PlanScan(new ScanRequest([0], [])));
        Assert.Equal(0, source.EstimatedRowCount);
    }

    [Fact]
    public void PartitionFoldersGiveKeyValues()
    {
        _dir.Write("t/year=2020/region=eu/a.txt", "1|x\n2|y\n");
        _dir.Write("t/year=2021/region=us%2Fwest/b.txt", "3|z\n");
        _dir.Write("t/year=__HIVE_DEFAULT_PARTITION__/region=eu/c.txt", "4|w\n");
        _dir.Write("t/stray.txt", "9|not in a partition\n");
        _dir.Write("t/year=2022/d.txt", "8|missing region folder\n");
        var table = Table(_dir.File("t"), StorageInfo.Formats.LazySimpleSerde, new Dictionary<string, string> { ["field.delim"] = "|" }, ("id", "int"), ("s", "string")) with
        {
            PartitionKeys = [new ColumnInfo("year", "int"), new ColumnInfo("region", "string")],
        };
        var source = _factory.Create(table);
        Assert.Equal("id integer, s varchar, year integer, region varchar", source.Schema.ToString());
        Assert.Equal("1|x|2020|eu\n2|y|2020|eu\n3|z|2021|us/west\n4|w|NULL|eu", All(source));

        // Projection of partition keys only, reordered, with a duplicate.
        Assert.Equal("eu|2020|eu\neu|2020|eu\nus/west|2021|us/west\neu|NULL|eu", Text(Scan(source, [3, 2, 3])));

        // Pruning: year = 2021, region IN ('eu') AND year IS NULL, year > 2020 OR region = 'eu'.
        var year = new ColumnExpr(2, DataType.Int32, "year");
        var region = new ColumnExpr(3, DataType.Utf8, "region");
        var eq2021 = new BinaryExpr(BinaryOp.Equal, year, new LiteralExpr(2021, DataType.Int32), DataType.Boolean);
        Assert.Single(source.PlanScan(new ScanRequest([0], [eq2021])));
        Assert.Equal("3|z|2021|us/west", All(source, filters: [eq2021]));
        var inEu = new InListExpr(region, [new LiteralExpr("eu", DataType.Utf8)], Negated: false);
        var yearNull = new IsNullExpr(year, Negated: false);
        Assert.Equal("4|w|NULL|eu", All(source, filters: [inEu, yearNull]));
        var gt = new BinaryExpr(BinaryOp.Greater, year, new LiteralExpr(2020, DataType.Int32), DataType.Boolean);
        var either = new BinaryExpr(BinaryOp.Or, gt, new BinaryExpr(BinaryOp.Equal, region, new LiteralExpr("eu", DataType.Utf8), DataType.Boolean), DataType.Boolean);
        Assert.Equal(3, source.PlanScan(new ScanRequest([0], [either])).Count);
        // A filter on a data column cannot prune.
        var onData = new BinaryExpr(BinaryOp.Equal, new ColumnExpr(0, DataType.Int32, "id"), new LiteralExpr(1, DataType.Int32), DataType.Boolean);
        Assert.Equal(3, source.PlanScan(new ScanRequest([0], [onData])).Count);
        // year = NULL is never true.
        var eqNull = new BinaryExpr(BinaryOp.Equal, year, new LiteralExpr(null, DataType.Int32), DataType.Boolean);
        Assert.Empty(source.PlanScan(new ScanRequest([0], [eqNull])));
    }

    [Fact]
    public void BadPartitionValueNamesTheFolder()
    {
        _dir.Write("t/year=abc/a.txt", "1\n");
        var table = Table(_dir.File("t"), StorageInfo.Formats.LazySimpleSerde, null, ("id", "int")) with { PartitionKeys = [new ColumnInfo("year", "int")] };
        var ex = Assert.Throws<CorruptDataException>(() => _factory.Create(table).PlanScan(new ScanRequest([0], [])));
        Assert.Contains("year=abc", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void LargeFilesAreSplitIntoRangesThatReadTheSameRows()
    {
        var sb = new System.Text.StringBuilder();
        for (var i = 0; i < 5000; i++) sb.Append(i).Append('|').Append("row ").Append(i).Append("|\n");
        _dir.Write("t/big.tbl", sb.ToString());
        _dir.Write("t/big2.tbl.gz", Gzip(System.Text.Encoding.UTF8.GetBytes(sb.ToString())));
        var table = Table(_dir.File("t"), StorageInfo.Formats.LazySimpleSerde, new Dictionary<string, string> { ["field.delim"] = "|" }, ("id", "int"), ("s", "string"));
        var split = new FileTableSourceFactory(new LocalObjectStore(), new FileTableSourceOptions { SplitSize = 1000, BufferSize = 256 }).Create(table);
        var tasks = split.PlanScan(new ScanRequest([0, 1], []));
        var size = new FileInfo(_dir.File("t/big.tbl")).Length;
        Assert.Equal((int)((size + 999) / 1000) + 1, tasks.Count);
        var whole = All(_factory.Create(table));
        Assert.Equal(whole, All(split, batchSize: 100));
        Assert.Equal(10000, whole.Split('\n').Length);
        // Quoted CSV with newlines allowed in quotes is never split.
        _dir.Write("q/big.csv", sb.ToString().Replace('|', ','));
        var csv = Table(_dir.File("q"), StorageInfo.Formats.OpenCsvSerde, null, ("id", "int"), ("s", "string"));
        var csvSource = new FileTableSourceFactory(new LocalObjectStore(), new FileTableSourceOptions { SplitSize = 1000 }).Create(csv);
        Assert.Single(csvSource.PlanScan(new ScanRequest([0], [])));
    }

    [Fact]
    public void RangeTasksReadLittleBeyondTheirRange()
    {
        var sb = new System.Text.StringBuilder();
        for (var i = 0; i < 100_000; i++) sb.Append(i).Append("|some text for this row|\n");
        var path = _dir.Write("t/big.tbl", sb.ToString());
        var size = new FileInfo(path).Length;
        var table = Table(_dir.File("t"), StorageInfo.Formats.LazySimpleSerde, new Dictionary<string, string> { ["field.delim"] = "|" }, ("id", "int"), ("s", "string"));
        var source = new FileTableSourceFactory(new LocalObjectStore(), new FileTableSourceOptions { SplitSize = 1 << 20, BufferSize = 4 << 20 }).Create(table);
        var tasks = source.PlanScan(new ScanRequest([0], []));
        Assert.Equal((int)((size + (1 << 20) - 1) >> 20), tasks.Count);
        long rows = 0, bytes = 0;
        foreach (var task in tasks)
        {
            var context = new ScanContext(CancellationToken.None);
            rows += task.Execute(context).Sum(b => b.RowCount);
            Assert.InRange(context.BytesRead, 1, (1 << 20) + (64 << 10) + 100);
            bytes += context.BytesRead;
        }
        Assert.Equal(100_000, rows);
        Assert.InRange(bytes, size, size + (tasks.Count * ((64 << 10) + 100)));
    }

    [Fact]
    public void EstimatesRowCountFromASample()
    {
        var sb = new System.Text.StringBuilder();
        for (var i = 0; i < 20000; i++) sb.Append(i % 10).Append("|abcdefgh|\n");
        _dir.Write("t/a.txt", sb.ToString());
        _dir.Write("t/b.txt.gz", Gzip(System.Text.Encoding.UTF8.GetBytes(sb.ToString())));
        var source = _factory.Create(Table(_dir.File("t"), StorageInfo.Formats.LazySimpleSerde, null, ("i", "int")));
        var estimate = source.EstimatedRowCount;
        Assert.NotNull(estimate);
        Assert.InRange(estimate!.Value, 20000, 200000);
    }

    [Fact]
    public void OtherFormatsAreNotReadableYet()
    {
        var parquet = new TableInfo("db", "p", TableKind.External, [new ColumnInfo("a", "int")],
            new StorageInfo("/x", StorageInfo.Formats.ParquetInput, StorageInfo.Formats.ParquetOutput, StorageInfo.Formats.ParquetSerde));
        Assert.IsType<QueryEngine.Engine.Formats.Parquet.Reading.ParquetTableSource>(_factory.Create(parquet));
        var orc = parquet with { Storage = parquet.Storage with { SerdeLibrary = "org.apache.hadoop.hive.ql.io.orc.OrcSerde", InputFormat = "org.apache.hadoop.hive.ql.io.orc.OrcInputFormat" } };
        var ex = Assert.Throws<NotSupportedQueryException>(() => _factory.Create(orc));
        Assert.Equal("table db.p: format OrcSerde is not readable yet", ex.Message);
        var json = parquet with { Storage = parquet.Storage with { SerdeLibrary = StorageInfo.Formats.OpenXJsonSerde, InputFormat = StorageInfo.Formats.TextInput } };
        Assert.IsType<QueryEngine.Engine.Formats.Json.JsonTableSource>(_factory.Create(json));
        var sequence = Table("/x", StorageInfo.Formats.LazySimpleSerde, null, ("a", "int"));
        sequence = sequence with { Storage = sequence.Storage with { InputFormat = "org.apache.hadoop.mapred.SequenceFileInputFormat" } };
        Assert.Contains("SequenceFileInputFormat", Assert.Throws<NotSupportedQueryException>(() => _factory.Create(sequence)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TableErrorsNameTheTable()
    {
        var badType = Table("/x", StorageInfo.Formats.LazySimpleSerde, null, ("a", "integr"));
        var ex = Assert.Throws<SemanticException>(() => _factory.Create(badType));
        Assert.StartsWith("table db.t column a: invalid Hive type 'integr'", ex.Message, StringComparison.Ordinal);
        var noLocation = Table("", StorageInfo.Formats.LazySimpleSerde, null, ("a", "int"));
        Assert.Contains("has no location", Assert.Throws<SemanticException>(() => _factory.Create(noLocation)).Message, StringComparison.Ordinal);
        var footer = Table("/x", StorageInfo.Formats.LazySimpleSerde, null, ("a", "int")) with
        {
            Parameters = new Dictionary<string, string> { ["skip.footer.line.count"] = "1" },
        };
        Assert.Contains("skip.footer.line.count", Assert.Throws<NotSupportedQueryException>(() => _factory.Create(footer)).Message, StringComparison.Ordinal);
        var s3 = Table("s3://bucket/t/", StorageInfo.Formats.LazySimpleSerde, null, ("a", "int"));
        var resolverFactory = new FileTableSourceFactory(new ObjectStoreResolver());
        Assert.Contains("'s3'", Assert.Throws<NotSupportedQueryException>(() => resolverFactory.Create(s3)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void NestedColumnsUseTheTableSeparators()
    {
        _dir.Write("t/f", "1|a;b|k=1;j=2\n2||\n");
        var serde = new Dictionary<string, string> { ["field.delim"] = "|", ["collection.delim"] = ";", ["mapkey.delim"] = "=" };
        var source = _factory.Create(Table(_dir.File("t"), StorageInfo.Formats.LazySimpleSerde, serde, ("i", "int"), ("tags", "array<string>"), ("m", "map<string,int>")));
        Assert.Equal("1|[a, b]|{k=1, j=2}\n2|[]|{}", All(source));
        var csv = _factory.Create(Table(_dir.File("t"), StorageInfo.Formats.OpenCsvSerde, null, ("i", "int"), ("tags", "array<string>")));
        Assert.Throws<NotSupportedQueryException>(() => csv.PlanScan(new ScanRequest([1], [])));
    }
}
