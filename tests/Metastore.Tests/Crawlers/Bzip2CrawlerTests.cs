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
/// bzip2-compressed CSV and JSON lines files (compressed by the reference <c>bzip2</c> tool, which test.sh installs) are
/// classified with the schema of their content, recorded with compressionType bzip2, and read with the same answers as
/// the same files uncompressed.
/// </summary>
public sealed class Bzip2CrawlerTests : IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly InMemoryCatalog _catalog = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Bzip2CsvAndJsonLinesAreClassifiedAndReadLikeTheirPlainCopies()
    {
        var csv = "id,amount,day,name\n1,2.5,2024-01-01,ann\n2,3,2024-01-02,\"b, c\"\n3,4.25,2024-02-01,dee\n";
        var json = "{\"user\": \"a\", \"n\": 1, \"tags\": [\"x\", \"y\"]}\n{\"user\": \"b\", \"n\": 2.5, \"tags\": []}\n{\"user\": \"c\", \"n\": 4}\n";
        Write("plain_csv/a.csv", Encoding.UTF8.GetBytes(csv));
        Write("bz_csv/a.csv.bz2", Compress(csv));
        Write("plain_json/e.json", Encoding.UTF8.GetBytes(json));
        Write("bz_json/e.json.bz2", Compress(json));

        var report = Crawl("lake");

        Assert.Empty(report.Skipped);
        Assert.Equal(["bz_csv", "bz_json", "plain_csv", "plain_json"], report.TablesCreated.Order(StringComparer.Ordinal));
        var plainCsv = _catalog.GetTable("lake", "plain_csv")!;
        var bzCsv = _catalog.GetTable("lake", "bz_csv")!;
        Assert.Equal("id bigint, amount double, day date, name string", Columns(bzCsv.Columns));
        Assert.Equal(Columns(plainCsv.Columns), Columns(bzCsv.Columns));
        Assert.Equal("csv", bzCsv.Parameters["classification"]);
        Assert.Equal("bzip2", bzCsv.Parameters["compressionType"]);
        Assert.Equal("1", bzCsv.Parameters["skip.header.line.count"]);
        Assert.Equal("3", bzCsv.Parameters["recordCount"]);

        var bzJson = _catalog.GetTable("lake", "bz_json")!;
        Assert.Equal("user string, n double, tags array<string>", Columns(bzJson.Columns));
        Assert.Equal("json", bzJson.Parameters["classification"]);
        Assert.Equal("bzip2", bzJson.Parameters["compressionType"]);

        var session = Session("lake");
        var csvAnswer = Rows(session, "SELECT * FROM bz_csv ORDER BY id");
        Assert.Equal("1 2.5 2024-01-01 ann|2 3 2024-01-02 b, c|3 4.25 2024-02-01 dee", csvAnswer);
        Assert.Equal(Rows(session, "SELECT * FROM plain_csv ORDER BY id"), csvAnswer);
        var jsonAnswer = Rows(session, "SELECT user, n, cardinality(tags) FROM bz_json ORDER BY user");
        Assert.Equal("a 1 2|b 2.5 0|c 4 NULL", jsonAnswer);
        Assert.Equal(Rows(session, "SELECT user, n, cardinality(tags) FROM plain_json ORDER BY user"), jsonAnswer);
    }

    [Fact]
    public void ALargeMultiBlockMultiStreamFileIsSampledFromItsPrefixAndReadWhole()
    {
        // Random hex compresses about 2:1, so the compressed file (100 kB blocks, two streams as pbzip2 or `cat` make)
        // is over the crawler's 1 MB sample: the sampler decodes a prefix, the engine every block to the end.
        var random = new Random(9);
        var first = new StringBuilder("id,hash,score\n");
        var second = new StringBuilder();
        long expectedSum = 0;
        const int rows = 60_000;
        for (var i = 1; i <= rows; i++)
        {
            var target = i <= rows / 2 ? first : second;
            var bytes = new byte[32];
            random.NextBytes(bytes);
            target.Append(i).Append(',').Append(Convert.ToHexString(bytes)).Append(',').Append(i % 89).Append('\n');
            expectedSum += i % 89;
        }
        Write("plain/big.csv", Encoding.UTF8.GetBytes(first.ToString() + second));
        Write("packed/big.csv.bz2", [.. Compress(first.ToString(), level: 1), .. Compress(second.ToString(), level: 1)]);
        Assert.True(new FileInfo(_dir.Combine("packed", "big.csv.bz2")).Length > 1 << 20, "the compressed file must be larger than the crawler's sample");

        var report = Crawl("big");

        Assert.Empty(report.Skipped);
        var packed = _catalog.GetTable("big", "packed")!;
        Assert.Equal("id bigint, hash string, score bigint", Columns(packed.Columns));
        Assert.Equal("bzip2", packed.Parameters["compressionType"]);
        var session = Session("big");
        var answer = Rows(session, "SELECT count(*), sum(score), count(DISTINCT hash), max(id) FROM packed");
        Assert.Equal($"{rows} {expectedSum} {rows} {rows}", answer);
        Assert.Equal(Rows(session, "SELECT count(*), sum(score), count(DISTINCT hash), max(id) FROM plain"), answer);
    }

    [Fact]
    public void CorruptAndTruncatedBzip2FilesAreReportedWithTheirPath()
    {
        var csv = "k,v\n" + string.Concat(Enumerable.Range(0, 2000).Select(i => $"{i},value {i}\n"));
        Write("good/t.csv.bz2", Compress(csv));
        var bad = Compress(csv);
        for (var i = 30; i < 60; i++) bad[i] ^= 0x3C;
        Write("bad/b.csv.bz2", bad);

        var report = Crawl("db");

        Assert.Equal(["good"], report.TablesCreated);
        var skipped = Assert.Single(report.Skipped);
        Assert.EndsWith("b.csv.bz2", skipped.Path, StringComparison.Ordinal);
        Assert.Contains("invalid bzip2 data", skipped.Reason, StringComparison.Ordinal);

        // The table's file is cut short after the crawl: the query fails naming the file, it does not return fewer rows.
        var path = _dir.Combine("good", "t.csv.bz2");
        var bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, bytes[..(bytes.Length / 2)]);
        var error = Assert.Throws<CorruptDataException>(() => Rows(Session("db"), "SELECT count(*) FROM good"));
        Assert.Contains("t.csv.bz2", error.Message, StringComparison.Ordinal);
        Assert.Contains("bzip2", error.Message, StringComparison.Ordinal);
    }

    private CrawlReport Crawl(string database) => new Crawler(_catalog, _ => new LocalObjectStore()).Run(new CrawlRequest(database, [_dir.Path], []));

    private QuerySession Session(string database) =>
        new(_catalog, new FileTableSourceFactory(new LocalObjectStore()), new SessionOptions { DefaultDatabase = database });

    private void Write(string relative, byte[] content)
    {
        var path = _dir.Combine(relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, content);
    }

    /// <summary>Compresses with the reference <c>bzip2</c> command-line tool.</summary>
    private static byte[] Compress(string text, int level = 9)
    {
        var start = new ProcessStartInfo("bzip2", $"-c -z -{level}")
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
