using QueryEngine.Engine.Catalog;
using QueryEngine.Engine.Columnar;
using QueryEngine.Engine.Storage;

namespace QueryEngine.Engine.Formats.Csv;

/// <summary>Where the output columns of a text scan come from: a column the reader decodes, or a partition key.</summary>
/// <param name="Schema">The projected schema.</param>
/// <param name="Sources">Per output column: the reader column index (&gt;= 0) or <c>~k</c> for partition key k.</param>
/// <param name="PartitionKeys">The table's partition keys.</param>
internal sealed record TextScanOutput(Schema Schema, int[] Sources, IReadOnlyList<Field> PartitionKeys);

/// <summary>
/// Scans the records of one text file that start in [<see cref="Start"/>, <see cref="End"/>), adding the file's
/// partition key values as constant columns.
/// </summary>
internal sealed class CsvScanTask : IScanTask
{
    private readonly IObjectStore _store;
    private readonly TextCodec? _codec;
    private readonly CsvReader _reader;
    private readonly CsvOptions _options;
    private readonly TextScanOutput _output;

    public CsvScanTask(IObjectStore store, DataFile file, long start, long end, TextCodec? codec, CsvReader reader, CsvOptions options, TextScanOutput output)
    {
        _store = store;
        File = file;
        Start = start;
        End = end;
        _codec = codec;
        _reader = reader;
        _options = options;
        _output = output;
    }

    public DataFile File { get; }

    public long Start { get; }

    public long End { get; }

    public IEnumerable<RecordBatch> Execute(ScanContext context)
    {
        var codec = _codec ?? TextInput.Detect(_store, File.Object, _options.Compression);
        using var input = TextInput.Open(_store, File.Object, Start == 0 ? 0 : Start - 1, codec, context);
        var sources = _output.Sources;
        ArrowArray?[]? constants = null;
        foreach (var batch in _reader.Read(input, Start, End, context.Cancellation))
        {
            var columns = new ArrowArray[sources.Length];
            for (var i = 0; i < sources.Length; i++)
            {
                var source = sources[i];
                if (source >= 0)
                {
                    columns[i] = batch.Columns[source];
                    continue;
                }
                // Partition keys: one constant array per output column, reused while the batch length stays the same.
                constants ??= new ArrowArray?[sources.Length];
                if (constants[i] is not { } constant || constant.Length != batch.RowCount)
                {
                    var key = ~source;
                    constant = ConstantArrays.Create(_output.PartitionKeys[key].Type, File.PartitionValues[key], batch.RowCount);
                    constants[i] = constant;
                }
                columns[i] = constant;
            }
            yield return new RecordBatch(_output.Schema, columns, batch.RowCount);
        }
    }

    public override string ToString() => End == long.MaxValue ? $"text {File.Object.Path}" : $"text {File.Object.Path} [{Start}, {End})";
}
