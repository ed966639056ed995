using System.IO.Compression;
using System.Text;
using QueryEngine.Engine.Catalog;
using QueryEngine.Engine.Session;
using QueryEngine.Engine.Storage;
using QueryEngine.Metastore.Crawlers;
using QueryEngine.Metastore.Store.Sqlite;
using Xunit;

namespace QueryEngine.Metastore.Tests.Crawlers;

/// <summary>
/// The hand-written half of issue #7's proof lake: CSV with quoted fields holding delimiters, quotes and line breaks,
/// TSV without a header, gzip CSV, two sibling folders of incompatible schemas, an excluded folder and file, an empty
/// file and a corrupt Parquet file. The catalog is asserted exactly, then our answers over the crawled tables must
/// equal DuckDB's (@duckdb/node-api) over the same files.
/// </summary>
public sealed class HandWrittenLakeCrawlTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void AHandWrittenLakeCrawlsExactlyAndAnswersAsDuckDbDoes()
    {
        var lake = _dir.Combine("lake");
        Write(lake, "notes/notes.csv", "id,title,body\n1,\"Hello, world\",\"line one\nline two\"\n2,plain,\"say \"\"hi\"\"\"\n3,x,\"a,b,c\"\n");
        Write(lake, "tsv/data.tsv", "a\t1\t0.5\nb\t2\t1.5\nc\t3\t2.5\n");
        WriteGzip(lake, "gz/data.csv.gz", "k,v\nx,10\ny,20\nz,12\n");
        Write(lake, "gz/empty.csv", "");
        Write(lake, "pair/alpha/l.csv", "a,b\n1,2\n3,4\n");
        Write(lake, "pair/beta/r.csv", "name,city,zip\nann,oslo,0150\nbob,rome,00118\n");
        Write(lake, "staging/s.csv", "q,r\n1,2\n");
        Write(lake, "tsv/old.bak", "ignored\tfile\n");
        Write(lake, "broken/p.parquet", "PAR1 this is not a parquet file PAR1");

        using var catalog = SqliteCatalog.OpenWarehouse(_dir.Combine("warehouse"));
        var report = new Crawler(catalog, _ => new LocalObjectStore()).Run(new CrawlRequest("lake", [lake], ["staging/**", "**/*.bak"]));

        Assert.Equal(["alpha", "beta", "gz", "notes", "tsv"], report.TablesCreated.Order(StringComparer.Ordinal));
        Assert.Equal(0, report.PartitionsAdded);
        Assert.Equal(["empty.csv", "p.parquet"], report.Skipped.Select(s => Path.GetFileName(s.Path)).Order(StringComparer.Ordinal));
        Assert.Equal("empty file", report.Skipped.Single(s => s.Path.EndsWith("empty.csv", StringComparison.Ordinal)).Reason);
        Assert.Equal(["alpha", "beta", "gz", "notes", "tsv"], catalog.ListTables("lake").Order(StringComparer.Ordinal));

        Assert.Equal("id bigint, title string, body string |  | csv , 1 none", Describe(catalog, "notes"));
        Assert.Equal("col1 string, col2 bigint, col3 double |  | csv \t - none", Describe(catalog, "tsv"));
        Assert.Equal("k string, v bigint |  | csv , 1 gzip", Describe(catalog, "gz"));
        Assert.Equal("a bigint, b bigint |  | csv , 1 none", Describe(catalog, "alpha"));
        Assert.Equal("name string, city string, zip bigint |  | csv , 1 none", Describe(catalog, "beta"));

        string Files(string glob) => Path.Combine(lake, glob).Replace("'", "''", StringComparison.Ordinal);
        var notes = $"read_csv('{Files("notes/*.csv")}', header = true)";
        var tsv = $"read_csv('{Files("tsv/*.tsv")}', header = false, delim = '\t')";
        var gz = $"read_csv('{Files("gz/*.csv.gz")}', header = true)";
        var beta = $"read_csv('{Files("pair/beta/*.csv")}', header = true, types = {{'zip': 'BIGINT'}})";
        (string Ours, string DuckDb)[] queries =
        [
            ("SELECT count(*) FROM notes", $"SELECT count(*) FROM {notes}"),
            ("SELECT sum(length(body)) FROM notes", $"SELECT sum(length(body)) FROM {notes}"),
            ("SELECT sum(length(title)) FROM notes", $"SELECT sum(length(title)) FROM {notes}"),
            ("SELECT count(*) FROM notes WHERE body LIKE '%\"hi\"%'", $"SELECT count(*) FROM {notes} WHERE body LIKE '%\"hi\"%'"),
            ("SELECT length(body) FROM notes WHERE id = 1", $"SELECT length(body) FROM {notes} WHERE id = 1"),
            ("SELECT sum(col2) FROM tsv", $"SELECT sum(column1) FROM {tsv}"),
            ("SELECT max(col1) FROM tsv WHERE col3 < 2", $"SELECT max(column0) FROM {tsv} WHERE column2 < 2"),
            ("SELECT sum(v) FROM gz", $"SELECT sum(v) FROM {gz}"),
            ("SELECT max(k) FROM gz", $"SELECT max(k) FROM {gz}"),
            ("SELECT sum(a * b) FROM alpha", $"SELECT sum(a * b) FROM read_csv('{Files("pair/alpha/*.csv")}', header = true)"),
            ("SELECT sum(zip) FROM beta", $"SELECT sum(zip) FROM {beta}"),
        ];
        var expected = NodeScripts.Run("parquet-query.mjs", queries.Select(q => q.DuckDb).ToArray()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var session = new QuerySession(catalog, new FileTableSourceFactory(new LocalObjectStore()), new SessionOptions { DefaultDatabase = "lake" });
        Assert.Equal(queries.Length, expected.Length);
        Assert.Equal(expected, queries.Select(q => Scalar(session, q.Ours)));
        Assert.Equal("17", expected[4]); // "line one\nline two": the line break is inside the value
    }

    private static void Write(string root, string relative, string text)
    {
        var path = Path.Combine(root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
    }

    private static void WriteGzip(string root, string relative, string text)
    {
        var path = Path.Combine(root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using var file = File.Create(path);
        using var gzip = new GZipStream(file, CompressionLevel.Fastest);
        gzip.Write(Encoding.UTF8.GetBytes(text));
    }

    /// <summary>Columns | partition keys | classification, delimiter, header lines skipped (- when none), compression.</summary>
    private static string Describe(ICatalog catalog, string name)
    {
        var table = catalog.GetTable("lake", name)!;
        var header = table.Parameters.TryGetValue("skip.header.line.count", out var skip) ? skip : "-";
        return $"{string.Join(", ", table.Columns.Select(c => c.Name + " " + c.HiveType))} | "
            + $"{string.Join(", ", table.PartitionKeys.Select(c => c.Name + " " + c.HiveType))} | "
            + $"{table.Parameters["classification"]} {table.Parameters["delimiter"]} {header} {table.Parameters["compressionType"]}";
    }

    private static string Scalar(QuerySession session, string sql)
    {
        var batch = session.Execute(sql).Batches.First(b => b.RowCount > 0);
        return Engine.Columnar.ValueFormatter.Format(batch.Columns[0], 0);
    }
}
