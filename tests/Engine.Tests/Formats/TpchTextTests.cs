using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Text.RegularExpressions;
using QueryEngine.Engine.Catalog;
using QueryEngine.Engine.Columnar;
using QueryEngine.Engine.Formats;
using QueryEngine.Engine.Storage;
using Xunit;
using static QueryEngine.Engine.Tests.Formats.CsvTestSupport;

namespace QueryEngine.Engine.Tests.Formats;

/// <summary>Reads the real dbgen files of the shared TPC-H kit (SF 0.01) as Hive text tables.</summary>
public sealed partial class TpchTextTests
{
    private static string TpchRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            foreach (var candidate in new[] { Path.Combine(dir.FullName, "shared", "tpch"), Path.Combine(dir.FullName, "..", "shared", "tpch") })
            {
                if (File.Exists(Path.Combine(candidate, "schema.sql"))) return Path.GetFullPath(candidate);
            }
        }
        throw new InvalidOperationException("shared/tpch not found above " + AppContext.BaseDirectory);
    }

    [GeneratedRegex(@"CREATE TABLE (\w+) \((.*?)\);", RegexOptions.Singleline)]
    private static partial Regex CreateTable();

    [GeneratedRegex(@"^\s*(\w+)\s+([A-Z]+(?:\(\d+,\d+\))?)", RegexOptions.Multiline)]
    private static partial Regex ColumnLine();

    /// <summary>The table's columns from schema.sql, as Hive types (VARCHAR becomes string).</summary>
    private static ColumnInfo[] SchemaColumns(string root, string table)
    {
        var sql = File.ReadAllText(Path.Combine(root, "schema.sql"));
        foreach (Match m in CreateTable().Matches(sql))
        {
            if (m.Groups[1].Value != table) continue;
            return ColumnLine().Matches(m.Groups[2].Value)
                .Select(c => new ColumnInfo(c.Groups[1].Value, c.Groups[2].Value.ToLowerInvariant() switch
                {
                    "varchar" => "string",
                    "integer" => "int",
                    var other => other,
                }))
                .ToArray();
        }
        throw new InvalidOperationException($"table {table} not in schema.sql");
    }

    private static TableInfo TblTable(string name, string location, ColumnInfo[] columns) =>
        new("tpch", name, TableKind.External, columns,
            new StorageInfo(location, StorageInfo.Formats.TextInput, StorageInfo.Formats.TextOutput, StorageInfo.Formats.LazySimpleSerde)
            {
                SerdeParameters = new Dictionary<string, string> { ["field.delim"] = "|", ["serialization.format"] = "|" },
            });

    private static string[] RawLines(string gzPath)
    {
        using var stream = new GZipStream(File.OpenRead(gzPath), CompressionMode.Decompress);
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }

    [Fact]
    public void LineitemFromGzip()
    {
        var root = TpchRoot();
        var path = Path.Combine(root, "data", "sf0.01", "lineitem.tbl.gz");
        var columns = SchemaColumns(root, "lineitem");
        Assert.Equal(16, columns.Length);
        Assert.Equal("decimal(15,2)", columns[4].HiveType);
        var source = new FileTableSourceFactory(new LocalObjectStore()).Create(TblTable("lineitem", path, columns));
        Assert.Equal("l_orderkey bigint, l_partkey bigint, l_suppkey bigint, l_linenumber bigint, l_quantity decimal(15,2), "
            + "l_extendedprice decimal(15,2), l_discount decimal(15,2), l_tax decimal(15,2), l_returnflag varchar, l_linestatus varchar, "
            + "l_shipdate date, l_commitdate date, l_receiptdate date, l_shipinstruct varchar, l_shipmode varchar, l_comment varchar",
            source.Schema.ToString());

        var batches = Scan(source, Enumerable.Range(0, 16).ToArray());
        var rows = batches.Sum(b => b.RowCount);
        Assert.Equal(60175, rows);
        Assert.All(batches, b => Assert.All(b.Columns, c => Assert.Equal(0, c.NullCount)));

        var first = batches[0].Slice(0, 1);
        Assert.Equal("1|1552|93|1|17.00|24710.35|0.04|0.02|N|O|1996-03-13|1996-02-12|1996-03-22|DELIVER IN PERSON|TRUCK|egular courts above the", Text([first]));
        var lastBatch = batches[^1];
        Assert.Equal("60000|836|3|6|45.00|78157.35|0.04|0.08|N|O|1995-07-23|1995-07-17|1995-07-24|DELIVER IN PERSON|TRUCK|ke final packages. carefully final fo",
            Text([lastBatch.Slice(lastBatch.RowCount - 1, 1)]));

        // l_quantity and l_extendedprice summed independently from the raw lines.
        decimal quantity = 0, price = 0;
        foreach (var line in RawLines(path))
        {
            var fields = line.Split('|');
            quantity += decimal.Parse(fields[4], CultureInfo.InvariantCulture);
            price += decimal.Parse(fields[5], CultureInfo.InvariantCulture);
        }
        Int128 quantityUnscaled = 0, priceUnscaled = 0;
        foreach (var b in batches)
        {
            foreach (var v in ((PrimitiveArray<Int128>)b.Columns[4]).Values) quantityUnscaled += v;
            foreach (var v in ((PrimitiveArray<Int128>)b.Columns[5]).Values) priceUnscaled += v;
        }
        Assert.Equal(quantity, decimal.Parse(ValueFormatter.FormatDecimal(quantityUnscaled, 2), CultureInfo.InvariantCulture));
        Assert.Equal(price, decimal.Parse(ValueFormatter.FormatDecimal(priceUnscaled, 2), CultureInfo.InvariantCulture));
        Assert.Equal(1536127m, quantity);

        // Comments (the last field, followed by the trailing '|') come through byte for byte.
        var raw = RawLines(path);
        var r = 0;
        foreach (var b in batches)
        {
            var comments = (BinaryArray)b.Columns[15];
            for (var i = 0; i < b.RowCount; i++, r++)
            {
                var line = raw[r];
                var start = line.LastIndexOf('|', line.Length - 2) + 1;
                Assert.Equal(line[start..^1], comments.GetString(i));
            }
        }
    }

    [Fact]
    public void OrdersFromGzipWithProjection()
    {
        var root = TpchRoot();
        var path = Path.Combine(root, "data", "sf0.01", "orders.tbl.gz");
        var source = new FileTableSourceFactory(new LocalObjectStore()).Create(TblTable("orders", path, SchemaColumns(root, "orders")));
        var all = Scan(source, Enumerable.Range(0, 9).ToArray());
        Assert.Equal(15000, all.Sum(b => b.RowCount));
        Assert.Equal("1|370|O|172799.49|1996-01-02|5-LOW|Clerk#000000951|0|nstructions sleep furiously among ", Text([all[0].Slice(0, 1)]));
        var last = all[^1];
        Assert.Equal("60000|1426|P|299401.61|1995-04-21|2-HIGH|Clerk#000000194|0|usual frets use alongside of the furiou", Text([last.Slice(last.RowCount - 1, 1)]));

        // o_orderdate and o_totalprice only, in that order.
        var projected = Scan(source, [4, 3], batchSize: 1000);
        Assert.Equal(15, projected.Count);
        Assert.Equal("1996-01-02|172799.49", Text([projected[0].Slice(0, 1)]));
        Assert.Equal(source.Schema.Project([4, 3]), projected[0].Schema);
        var estimate = source.EstimatedRowCount;
        Assert.NotNull(estimate);
        Assert.InRange(estimate!.Value, 10000, 22500);
    }

    [Fact]
    public void SplitUncompressedLineitemReadsTheSameRows()
    {
        var root = TpchRoot();
        using var dir = new TempDirectory();
        var plain = dir.Write("lineitem/lineitem.tbl", Encoding.UTF8.GetBytes(string.Join('\n', RawLines(Path.Combine(root, "data", "sf0.01", "lineitem.tbl.gz"))) + "\n"));
        var table = TblTable("lineitem", Path.GetDirectoryName(plain)!, SchemaColumns(root, "lineitem"));
        var whole = new FileTableSourceFactory(new LocalObjectStore()).Create(table);
        var split = new FileTableSourceFactory(new LocalObjectStore(), new FileTableSourceOptions { SplitSize = 1_000_003, BufferSize = 1 << 16 }).Create(table);
        var tasks = split.PlanScan(new ScanRequest([0, 3, 4], []));
        Assert.Equal(8, tasks.Count);
        Assert.Equal(Text(Scan(whole, [0, 3, 4])), Text(Scan(split, [0, 3, 4])));
    }
}
