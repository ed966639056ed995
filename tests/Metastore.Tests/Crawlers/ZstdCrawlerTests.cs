using System.Diagnostics;
using System.Text;
using QueryEngine.Engine.Catalog;
using QueryEngine.Engine.Common;
using QueryEngine.Engine.Session;
using QueryEngine.Engine.Storage;
using QueryEngine.Metastore.Crawlers;
using Xunit;

namespace QueryEngine.Metastore.Tests.Crawlers;

/// <summary>
/// zstd-compressed CSV and JSON lines files (compressed by the reference <c>zstd</c> tool, which test.sh installs) are
/// classified with the schema of their content, recorded with compressionType zstd, and read with the same answers as
/// the same files uncompressed.
/// </summary>
public sealed class ZstdCrawlerTests : IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly InMemoryCatalog _catalog = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void ZstdCsvAndJsonLinesAreClassifiedAndReadLikeTheirPlainCopies()
    {
        var csv = "id,amount,day,name\n1,2.5,2024-01-01,ann\n2,3,2024-01-02,\"b, c\"\n3,4.25,2024-02-01,dee\n";
        var json = "{\"user\": \"a\", \"n\": 1, \"tags\": [\"x\", \"y\"]}\n{\"user\": \"b\", \"n\": 2.5, \"tags\": []}\n{\"user\": \"c\", \"n\": 4}\n";
        Write("plain_csv/a.csv", csv);
        WriteZstd("zstd_csv/a.csv.zst", csv);
        Write("plain_json/e.json", json);
        WriteZstd("zstd_json/e.json.zst", json);

        var report = Crawl("lake");

        Assert.Empty(report.Skipped);
        Assert.Equal(["plain_csv", "plain_json", "zstd_csv", "zstd_json"], report.TablesCreated.Order(StringComparer.Ordinal));
        var plainCsv = _catalog.GetTable("lake", "plain_csv")!;
        var zstdCsv = _catalog.GetTable("lake", "zstd_csv")!;
        Assert.Equal("id bigint, amount double, day date, name string", Columns(zstdCsv.Columns));
        Assert.Equal(Columns(plainCsv.Columns), Columns(zstdCsv.Columns));
        Assert.Equal("csv", zstdCsv.Parameters["classification"]);
        Assert.Equal("zstd", zstdCsv.Parameters["compressionType"]);
        Assert.Equal("none", plainCsv.Parameters["compressionType"]);
        Assert.Equal("1", zstdCsv.Parameters["skip.header.line.count"]);
        Assert.Equal(plainCsv.Storage.SerdeLibrary, zstdCsv.Storage.SerdeLibrary);

        var plainJson = _catalog.GetTable("lake", "plain_json")!;
        var zstdJson = _catalog.GetTable("lake", "zstd_json")!;
        Assert.Equal("user string, n double, tags array<string>", Columns(zstdJson.Columns));
        Assert.Equal(Columns(plainJson.Columns), Columns(zstdJson.Columns));
        Assert.Equal("json", zstdJson.Parameters["classification"]);
        Assert.Equal("zstd", zstdJson.Parameters["compressionType"]);
        Assert.Equal(StorageInfo.Formats.OpenXJsonSerde, zstdJson.Storage.SerdeLibrary);

        var session = Session("lake");
        var csvAnswer = Rows(session, "SELECT * FROM zstd_csv ORDER BY id");
        Assert.Equal("1 2.5 2024-01-01 ann|2 3 2024-01-02 b, c|3 4.25 2024-02-01 dee", csvAnswer);
        Assert.Equal(Rows(session, "SELECT * FROM plain_csv ORDER BY id"), csvAnswer);
        var jsonAnswer = Rows(session, "SELECT user, n, cardinality(tags) FROM zstd_json ORDER BY user");
        Assert.Equal("a 1 2|b 2.5 0|c 4 NULL", jsonAnswer);
        Assert.Equal(Rows(session, "SELECT user, n, cardinality(tags) FROM plain_json ORDER BY user"), jsonAnswer);
    }

    [Fact]
    public void ALargeMultiFrameZstdFileIsSampledFromItsPrefixAndReadWhole()
    {
        // Random hex compresses about 2:1, so the compressed file is well over the 1 MB sample: the sampler streams a
        // bounded prefix from storage, and the engine must decompress every frame (two files concatenated, as
        // `cat a.zst b.zst` makes) to the end.
        var random = new Random(7);
        var first = new StringBuilder("id,hash,score\n");
        var second = new StringBuilder();
        long expectedSum = 0;
        const int rows = 60_000;
        for (var i = 1; i <= rows; i++)
        {
            var target = i <= rows / 2 ? first : second;
            target.Append(i).Append(',').Append(Convert.ToHexString(RandomBytes(random, 32))).Append(',').Append(i % 97).Append('\n');
            expectedSum += i % 97;
        }
        Write("plain/big.csv", first.ToString() + second);
        var part1 = Compress(first.ToString());
        var part2 = Compress(second.ToString());
        var path = _dir.Combine("packed", "big.csv.zst");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, [.. part1, .. part2]);
        Assert.True(new FileInfo(path).Length > 1 << 20, "the compressed file must be larger than the crawler's sample");

        var report = Crawl("big");

        Assert.Empty(report.Skipped);
        var packed = _catalog.GetTable("big", "packed")!;
        Assert.Equal("id bigint, hash string, score bigint", Columns(packed.Columns));
        Assert.Equal("zstd", packed.Parameters["compressionType"]);
        var session = Session("big");
        var answer = Rows(session, "SELECT count(*), sum(score), count(DISTINCT hash), max(id) FROM packed");
        Assert.Equal($"{rows} {expectedSum} {rows} {rows}", answer);
        Assert.Equal(Rows(session, "SELECT count(*), sum(score), count(DISTINCT hash), max(id) FROM plain"), answer);
    }

    [Fact]
    public void ZstdTablesAnswerAsDuckDbReadingTheSameFiles()
    {
        var random = new Random(3);
        var csv = new StringBuilder("id,amount,label\n");
        var json = new StringBuilder();
        for (var i = 1; i <= 5000; i++)
        {
            csv.Append(i).Append(',').Append(random.Next(0, 100000) / 100.0).Append(',').Append('l').Append(random.Next(0, 50)).Append('\n');
            json.Append("{\"k\": ").Append(i).Append(", \"g\": \"g").Append(i % 7).Append("\", \"v\": ").Append(random.Next(-1000, 1000)).Append("}\n");
        }
        WriteZstd("sales/s.csv.zst", csv.ToString());
        WriteZstd("facts/f.json.zst", json.ToString());

        var report = Crawl("duck");

        Assert.Empty(report.Skipped);
        var sales = $"read_csv('{_dir.Combine("sales", "s.csv.zst")}', header = true)";
        var facts = $"read_json('{_dir.Combine("facts", "f.json.zst")}')";
        (string Ours, string DuckDb)[] queries =
        [
            ("SELECT count(*) FROM sales", $"SELECT count(*) FROM {sales}"),
            ("SELECT CAST(round(sum(amount) * 100) AS bigint) FROM sales", $"SELECT CAST(round(sum(amount) * 100) AS bigint) FROM {sales}"),
            ("SELECT count(DISTINCT label) FROM sales", $"SELECT count(DISTINCT label) FROM {sales}"),
            ("SELECT count(*) FROM facts", $"SELECT count(*) FROM {facts}"),
            ("SELECT sum(v) FROM facts WHERE g = 'g3'", $"SELECT sum(v) FROM {facts} WHERE g = 'g3'"),
            ("SELECT max(k) FROM facts", $"SELECT max(k) FROM {facts}"),
        ];
        var expected = NodeScripts.Run("parquet-query.mjs", queries.Select(q => q.DuckDb).ToArray()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var session = Session("duck");
        Assert.Equal(queries.Length, expected.Length);
        Assert.Equal(expected, queries.Select(q => Rows(session, q.Ours)).ToArray());
    }

    [Fact]
    public void CorruptAndTruncatedZstdFilesAreReportedWithTheirPath()
    {
        var csv = "k,v\n" + string.Concat(Enumerable.Range(0, 2000).Select(i => $"{i},value {i}\n"));
        WriteZstd("good/t.csv.zst", csv);
        Write("bad/b.csv.zst", "\u0028\u00b5\u002f\u00fdnot zstd at all");

        var report = Crawl("db");

        Assert.Equal(["good"], report.TablesCreated);
        var skipped = Assert.Single(report.Skipped);
        Assert.EndsWith("b.csv.zst", skipped.Path, StringComparison.Ordinal);
        Assert.Contains("invalid zstd data", skipped.Reason, StringComparison.Ordinal);

        // The table's file is cut short after the crawl: the query fails naming the file, it does not return fewer rows.
        var path = _dir.Combine("good", "t.csv.zst");
        var bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, bytes[..(bytes.Length / 2)]);
        var error = Assert.Throws<CorruptDataException>(() => Rows(Session("db"), "SELECT count(*) FROM good"));
        Assert.Contains("t.csv.zst", error.Message, StringComparison.Ordinal);
        Assert.Contains("zstd", error.Message, StringComparison.Ordinal);
    }

    private CrawlReport Crawl(string database) => new Crawler(_catalog, _ => new LocalObjectStore()).Run(new CrawlRequest(database, [_dir.Path], []));

    private QuerySession Session(string database) =>
        new(_catalog, new FileTableSourceFactory(new LocalObjectStore()), new SessionOptions { DefaultDatabase = database });

    private static byte[] RandomBytes(Random random, int count)
    {
        var bytes = new byte[count];
        random.NextBytes(bytes);
        return bytes;
    }

    private void Write(string relative, string text)
    {
        var path = _dir.Combine(relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, text.Select(c => (byte)c).ToArray());
    }

    private void WriteZstd(string relative, string text)
    {
        var path = _dir.Combine(relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, Compress(text));
    }

    /// <summary>Compresses with the reference <c>zstd</c> command-line tool.</summary>
    private static byte[] Compress(string text)
    {
        var start = new ProcessStartInfo("zstd", "-q -c -")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        using var process = Process.Start(start)!;
        var output = new MemoryStream();
        var copy = process.StandardOutput.BaseStream.CopyToAsync(output);
        process.StandardInput.BaseStream.Write(Encoding.UTF8.GetBytes(text));
        process.StandardInput.Close();
        copy.Wait();
        process.WaitForExit();
        Assert.Equal(0, process.ExitCode);
        return output.ToArray();
    }

    private static string Columns(IEnumerable<ColumnInfo> columns) => string.Join(", ", columns.Select(c => c.Name + " " + c.HiveType));

    private static string Rows(QuerySession session, string sql)
    {
        var result = session.Execute(sql);
        var rows = new List<string>();
        foreach (var batch in result.Batches)
        {
            for (var r = 0; r < batch.RowCount; r++)
            {
                rows.Add(string.Join(' ', Enumerable.Range(0, batch.Columns.Count).Select(c => Engine.Columnar.ValueFormatter.Format(batch.Columns[c], r))));
            }
        }
        return string.Join('|', rows);
    }
}
