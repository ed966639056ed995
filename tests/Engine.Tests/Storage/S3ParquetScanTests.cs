using System.Globalization;
using System.Text.RegularExpressions;
using QueryEngine.Engine.Catalog;
using QueryEngine.Engine.Formats.Parquet.Metadata;
using QueryEngine.Engine.Formats.Parquet.Reading;
using QueryEngine.Engine.Formats.Parquet.Writing;
using QueryEngine.Engine.Session;
using QueryEngine.Engine.Storage;
using QueryEngine.Engine.Tests.TestSupport;
using QueryEngine.Engine.Tests.Tpch;
using Xunit;

namespace QueryEngine.Engine.Tests.Storage;

/// <summary>
/// TPC-H SF 0.01 lineitem as Parquet, the same files locally and in s3rver: a selective query fetches each row
/// group's columns with one coalesced ranged GET, answers as the local table does, and reports the same bytes scanned.
/// </summary>
public sealed partial class S3ParquetScanTests(S3rverFixture s3) : IClassFixture<S3rverFixture>, IDisposable
{
    private const string Columns =
        "(l_orderkey bigint, l_partkey bigint, l_suppkey bigint, l_linenumber int, l_quantity decimal(15,2), " +
        "l_extendedprice decimal(15,2), l_discount decimal(15,2), l_tax decimal(15,2), l_returnflag string, l_linestatus string, l_shipdate date, " +
        "l_commitdate date, l_receiptdate date, l_shipinstruct string, l_shipmode string, l_comment string)";

    /// <summary>TPC-H Q6: four of sixteen columns, a selective filter.</summary>
    private static string Q6(string table) =>
        $"SELECT sum(l_extendedprice * l_discount) AS revenue FROM {table} WHERE l_shipdate >= DATE '1994-01-01' " +
        "AND l_shipdate < DATE '1995-01-01' AND l_discount BETWEEN 0.05 AND 0.07 AND l_quantity < 24";

    private readonly string _root = $"s3://{S3rverFixture.Bucket}/{Guid.NewGuid():N}/";
    private readonly string _local = Path.Combine(Path.GetTempPath(), "qe-s3-scan", Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_local)) Directory.Delete(_local, recursive: true);
    }

    [Fact]
    public void ASelectiveQueryOnS3FetchesEachRowGroupWithOneRequestAndAnswersAsLocally()
    {
        using var store = s3.NewStore();
        var session = new QuerySession(new InMemoryCatalog(), new FileTableSourceFactory(new ObjectStoreResolver().Register("s3", store)),
            new SessionOptions { Warehouse = Path.Combine(_local, "warehouse") });
        session.ExecuteScript(
            $"CREATE DATABASE etl; CREATE EXTERNAL TABLE etl.lineitem_text {Columns} ROW FORMAT DELIMITED FIELDS TERMINATED BY '|' " +
            $"LOCATION '{Path.Combine(SharedData.TpchRoot, "data", "sf0.01", "lineitem.tbl.gz")}'");
        // Two files of several row groups each, so that coalescing per row group is visible.
        var rows = session.Execute("SELECT * FROM etl.lineitem_text");
        Directory.CreateDirectory(Path.Combine(_local, "lineitem"));
        string[] files = [Path.Combine(_local, "lineitem", "part-0.parquet"), Path.Combine(_local, "lineitem", "part-1.parquet")];
        for (var f = 0; f < files.Length; f++)
        {
            using var output = File.Create(files[f]);
            var writer = new ParquetWriter(output, rows.Schema, new ParquetWriterOptions { Codec = CompressionCodec.Snappy, RowGroupRows = 10_000 });
            for (var b = f; b < rows.Batches.Count; b += files.Length) writer.Write(rows.Batches[b]);
            writer.Finish();
        }
        session.Execute($"CREATE EXTERNAL TABLE etl.lineitem_local {Columns} STORED AS PARQUET LOCATION '{_local}/lineitem/'");
        var rowGroups = 0;
        foreach (var file in files)
        {
            var key = $"{_root}lineitem/{Path.GetFileName(file)}";
            using (var output = store.Create(key))
            using (var input = File.OpenRead(file))
            {
                input.CopyTo(output);
            }
            rowGroups += ParquetFooter.Read(store, key, new FileInfo(file).Length).Metadata.RowGroups.Count;
        }
        Assert.True(rowGroups > files.Length, $"{rowGroups} row groups in {files.Length} files");
        session.Execute($"CREATE EXTERNAL TABLE etl.lineitem_s3 {Columns} STORED AS PARQUET LOCATION '{_root}lineitem/'");

        var local = session.Execute(Q6("etl.lineitem_local"));
        var before = store.RequestCount;
        var remote = session.Execute(Q6("etl.lineitem_s3"));
        var first = store.RequestCount - before;
        Assert.Equal(TpchAnswerTests.Render(local), TpchAnswerTests.Render(remote));
        var answer = Path.Combine(SharedData.TpchRoot, "answers", "sf0.01", "q06.csv");
        Assert.Null(AnswerComparer.Compare(TpchAnswerTests.Render(remote), answer, AnswerComparer.NumericColumns(SharedData.TpchRoot, "q06")));

        // Footers and page indexes are cached by ETag: a second run lists the folder, then one GET per row group for its four columns.
        before = store.RequestCount;
        session.Execute(Q6("etl.lineitem_s3"));
        Assert.Equal(1 + rowGroups, store.RequestCount - before);
        // The first run also reads each file's footer (at most two requests) and its whole page index (one request).
        Assert.True(first <= 1 + 3 * files.Length + rowGroups, $"first run: {first} requests for {files.Length} file(s), {rowGroups} row groups");

        // Bytes scanned are the same bytes in both stores: in the result and in EXPLAIN ANALYZE.
        Assert.NotNull(remote.BytesScanned);
        Assert.True(remote.BytesScanned > 0);
        Assert.Equal(local.BytesScanned, remote.BytesScanned);
        Assert.Equal(BytesRead(session, "etl.lineitem_local"), BytesRead(session, "etl.lineitem_s3"));
    }

    private static long BytesRead(QuerySession session, string table)
    {
        var plan = string.Join('\n', TpchAnswerTests.Render(session.Execute("EXPLAIN ANALYZE " + Q6(table))).Select(row => string.Join(' ', row)));
        var match = BytesReadLine().Match(plan);
        Assert.True(match.Success, plan);
        return long.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
    }

    [GeneratedRegex(@"bytes read: (\d+)")]
    private static partial Regex BytesReadLine();
}
