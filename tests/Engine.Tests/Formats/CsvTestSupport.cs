using System.Text;
using QueryEngine.Engine.Catalog;
using QueryEngine.Engine.Columnar;
using QueryEngine.Engine.Formats;
using QueryEngine.Engine.Formats.Csv;
using QueryEngine.Engine.Storage;
using QueryEngine.Engine.Tests.TestSupport;

namespace QueryEngine.Engine.Tests.Formats;

/// <summary>Reads text through the real reader from temp files and turns batches into rows of boxed values.</summary>
internal static class CsvTestSupport
{
    public static readonly LocalObjectStore Store = new();

    public static CsvColumn[] Columns(params (string Name, DataType Type)[] columns)
    {
        var result = new CsvColumn[columns.Length];
        for (var i = 0; i < columns.Length; i++) result[i] = new CsvColumn(i, columns[i].Name, columns[i].Type);
        return result;
    }

    public static List<object?[]> Read(TempDirectory dir, string content, CsvOptions options, IReadOnlyList<CsvColumn> columns, int batchSize = 8192, int bufferSize = 1 << 16, string name = "data.csv")
        => Read(dir, Encoding.UTF8.GetBytes(content), options, columns, batchSize, bufferSize, name);

    public static List<object?[]> Read(TempDirectory dir, byte[] content, CsvOptions options, IReadOnlyList<CsvColumn> columns, int batchSize = 8192, int bufferSize = 1 << 16, string name = "data.csv")
    {
        var path = dir.Write(name, content);
        return ReadFile(path, options, columns, batchSize, bufferSize);
    }

    public static List<object?[]> ReadFile(string path, CsvOptions options, IReadOnlyList<CsvColumn> columns, int batchSize = 8192, int bufferSize = 1 << 16)
    {
        var reader = new CsvReader(options, columns, batchSize, bufferSize);
        var info = Store.Stat(path)!;
        var codec = TextInput.Detect(Store, info, options.Compression);
        using var input = TextInput.Open(Store, info, 0, codec, null);
        return Rows(reader.Read(input, 0, long.MaxValue, CancellationToken.None));
    }

    /// <summary>Reads the records starting in [start, end) of an uncompressed file.</summary>
    public static List<object?[]> ReadRange(string path, CsvOptions options, IReadOnlyList<CsvColumn> columns, long start, long end, int batchSize = 8192, int bufferSize = 1 << 16)
    {
        var reader = new CsvReader(options, columns, batchSize, bufferSize);
        var info = Store.Stat(path)!;
        using var input = TextInput.Open(Store, info, start == 0 ? 0 : start - 1, TextCodec.None, null);
        return Rows(reader.Read(input, start, end, CancellationToken.None));
    }

    public static List<object?[]> Rows(IEnumerable<RecordBatch> batches)
    {
        var rows = new List<object?[]>();
        foreach (var batch in batches)
        {
            for (var r = 0; r < batch.RowCount; r++)
            {
                var row = new object?[batch.Columns.Count];
                for (var c = 0; c < row.Length; c++) row[c] = batch.Columns[c].GetValue(r);
                rows.Add(row);
            }
        }
        return rows;
    }

    /// <summary>All batches of all scan tasks of a source, in task order.</summary>
    public static List<RecordBatch> Scan(ITableSource source, IReadOnlyList<int> projection, int batchSize = 8192, IReadOnlyList<global::QueryEngine.Engine.Expressions.PhysicalExpr>? filters = null)
    {
        var tasks = source.PlanScan(new ScanRequest(projection, filters ?? [], batchSize));
        var context = new ScanContext(CancellationToken.None);
        var result = new List<RecordBatch>();
        foreach (var task in tasks) result.AddRange(task.Execute(context));
        return result;
    }

    /// <summary>Rows rendered with <see cref="ValueFormatter"/>: columns joined by '|', rows by newlines.</summary>
    public static string Text(IEnumerable<RecordBatch> batches) => string.Join("\n", RowText.Lines(batches));

    /// <summary>Reads text content and renders it with <see cref="Text"/>.</summary>
    public static string ReadText(TempDirectory dir, string content, CsvOptions options, IReadOnlyList<CsvColumn> columns, int batchSize = 8192, int bufferSize = 1 << 16)
    {
        var path = dir.Write("data-" + Guid.NewGuid().ToString("N") + ".csv", content);
        return Text(ReadBatches(path, options, columns, batchSize, bufferSize));
    }

    public static List<RecordBatch> ReadBatches(string path, CsvOptions options, IReadOnlyList<CsvColumn> columns, int batchSize = 8192, int bufferSize = 1 << 16)
    {
        var reader = new CsvReader(options, columns, batchSize, bufferSize);
        var info = Store.Stat(path)!;
        var codec = TextInput.Detect(Store, info, options.Compression);
        using var input = TextInput.Open(Store, info, 0, codec, null);
        return reader.Read(input, 0, long.MaxValue, CancellationToken.None).ToList();
    }

    public static byte[] Gzip(byte[] data)
    {
        using var ms = new MemoryStream();
        using (var gz = new System.IO.Compression.GZipStream(ms, System.IO.Compression.CompressionLevel.Fastest, leaveOpen: true)) gz.Write(data);
        return ms.ToArray();
    }
}
