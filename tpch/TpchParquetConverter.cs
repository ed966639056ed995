using System.Diagnostics;
using QueryEngine.Engine.Catalog;
using QueryEngine.Engine.Formats.Parquet.Metadata;
using QueryEngine.Engine.Formats.Parquet.Writing;
using QueryEngine.Engine.Storage;

namespace QueryEngine.Tpch;

/// <summary>
/// TPC-H data as Parquet: the tables are generated as <c>.tbl</c> into a scratch folder, then each is scanned batch
/// by batch through the engine's text reader (the <see cref="TpchSchema"/> types) and streamed into a
/// <see cref="ParquetWriter"/>, so memory stays bounded by a row group whatever the scale factor.
/// </summary>
public static class TpchParquetConverter
{
    /// <summary>SNAPPY, row groups of 256 Ki rows: the writer holds one row group's batches, so this bounds memory.</summary>
    private static readonly ParquetWriterOptions WriterOptions = new() { Codec = CompressionCodec.Snappy, RowGroupRows = 1 << 18 };

    /// <summary>Where the Parquet file of a table goes: <c>directory/&lt;table&gt;/&lt;table&gt;.parquet</c>.</summary>
    public static string TablePath(string directory, TpchTable table) =>
        Path.Combine(directory, TpchTables.Name(table), TpchTables.Name(table) + ".parquet");

    /// <summary>Generates the requested tables (all eight if null) as Parquet into <paramref name="directory"/>.</summary>
    public static IReadOnlyList<TpchTableResult> Generate(
        TpchDataGenerator generator,
        string directory,
        IEnumerable<TpchTable>? tables = null,
        Action<TpchTableResult>? onTableDone = null,
        CancellationToken cancellation = default)
    {
        var requested = (tables ?? TpchTables.All).Distinct().ToArray();
        Directory.CreateDirectory(directory);
        var scratch = Path.Combine(directory, ".tbl-" + Guid.NewGuid().ToString("N"));
        try
        {
            generator.GenerateToDirectory(scratch, requested, cancellation: cancellation);
            var results = new TpchTableResult[requested.Length];
            var gate = new object();
            Parallel.For(
                0,
                requested.Length,
                new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, Environment.ProcessorCount), CancellationToken = cancellation },
                i =>
                {
                    var watch = Stopwatch.StartNew();
                    var table = requested[i];
                    var path = TablePath(directory, table);
                    var rows = Convert(Path.GetDirectoryName(TpchDataGenerator.TablePath(scratch, table))!, table, path, cancellation);
                    results[i] = new TpchTableResult(table, rows, watch.Elapsed, path);
                    if (onTableDone is not null)
                    {
                        lock (gate) onTableDone(results[i]);
                    }
                });
            return results;
        }
        finally
        {
            if (Directory.Exists(scratch)) Directory.Delete(scratch, recursive: true);
        }
    }

    /// <summary>Generates, into <paramref name="directory"/>, only the tables whose Parquet file is not there yet.</summary>
    public static IReadOnlyList<TpchTableResult> GenerateMissing(TpchDataGenerator generator, string directory, CancellationToken cancellation = default)
    {
        var missing = TpchTables.All.Where(t => !File.Exists(TablePath(directory, t))).ToArray();
        return missing.Length == 0 ? [] : Generate(generator, directory, missing, cancellation: cancellation);
    }

    /// <summary>
    /// Streams the <c>.tbl</c> data of <paramref name="table"/> in <paramref name="tblFolder"/> into the Parquet file
    /// <paramref name="path"/> (written as <c>.tmp</c> and renamed when complete); returns the row count.
    /// </summary>
    public static long Convert(string tblFolder, TpchTable table, string path, CancellationToken cancellation = default)
    {
        var info = TpchSchema.TextTable("tpch", table, tblFolder, "scratch");
        var source = new FileTableSourceFactory(new LocalObjectStore()).Create(info);
        var projection = new int[source.Schema.Count];
        for (var c = 0; c < projection.Length; c++) projection[c] = c;
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temporary = path + ".tmp";
        long rows = 0;
        using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 20))
        {
            var writer = new ParquetWriter(stream, source.Schema, WriterOptions);
            var context = new ScanContext(cancellation);
            foreach (var task in source.PlanScan(new ScanRequest(projection, [])))
            {
                foreach (var batch in task.Execute(context))
                {
                    cancellation.ThrowIfCancellationRequested();
                    writer.Write(batch);
                    rows += batch.RowCount;
                }
            }
            writer.Finish();
        }
        File.Move(temporary, path, overwrite: true);
        return rows;
    }
}
