using System.Text.Json;
using QueryEngine.Engine.Catalog;
using QueryEngine.Engine.Columnar;
using QueryEngine.Engine.Common;
using QueryEngine.Engine.Formats.Csv;
using QueryEngine.Engine.Storage;

namespace QueryEngine.Engine.Formats.Json;

/// <summary>
/// Reads the JSON-lines records of one file that start in [<see cref="Start"/>, <see cref="End"/>), adding the file's
/// partition key values as constant columns. Blank lines are skipped.
/// </summary>
internal sealed class JsonScanTask(
    IObjectStore store,
    DataFile file,
    long start,
    long end,
    TextCodec? codec,
    IReadOnlyList<JsonColumn> columns,
    JsonOptions options,
    TextScanOutput output,
    int batchSize,
    int bufferSize) : IScanTask
{
    public DataFile File { get; } = file;

    public long Start { get; } = start;

    public long End { get; } = end;

    public IEnumerable<RecordBatch> Execute(ScanContext context)
    {
        var actualCodec = codec ?? TextInput.Detect(store, File.Object, options.Compression);
        using var input = TextInput.Open(store, File.Object, Start == 0 ? 0 : Start - 1, actualCodec, context);
        var lines = new JsonLineReader(input, Start == 0 ? 0 : Start - 1, bufferSize);
        var decoder = new JsonRecordDecoder(columns, options);
        var first = Start > 0;
        while (true)
        {
            context.Cancellation.ThrowIfCancellationRequested();
            if (!Next(lines, decoder, ref first)) break;
            if (decoder.Rows >= batchSize) yield return Output(decoder);
        }
        if (decoder.Rows > 0) yield return Output(decoder);
    }

    /// <summary>Decodes the next record of the range into <paramref name="decoder"/>; false at the range's end.</summary>
    private bool Next(JsonLineReader lines, JsonRecordDecoder decoder, ref bool skipPartialLine)
    {
        while (lines.TryReadLine(out var line))
        {
            if (skipPartialLine)
            {
                // Opened one byte early: this line belongs to the previous range unless that byte ended a line.
                skipPartialLine = false;
                continue;
            }
            if (lines.LineOffset >= End) return false;
            if (line.Trim(" \t"u8).IsEmpty) continue;
            try
            {
                decoder.Add(line);
            }
            catch (JsonException ex)
            {
                throw new CorruptDataException(File.Object.Path, lines.LineOffset, $"malformed JSON record: {ex.Message} (set SerDe property '{JsonFormat.IgnoreMalformed}'='true' to read such records as NULLs)", ex);
            }
            catch (JsonValueException ex)
            {
                throw new CorruptDataException(File.Object.Path, lines.LineOffset, ex.Message, ex);
            }
            return true;
        }
        return false;
    }

    private RecordBatch Output(JsonRecordDecoder decoder)
    {
        var rows = decoder.Rows;
        var decoded = decoder.Flush();
        var sources = output.Sources;
        var result = new ArrowArray[sources.Length];
        for (var i = 0; i < sources.Length; i++)
        {
            var source = sources[i];
            result[i] = source >= 0
                ? decoded[source]
                : ConstantArrays.Create(output.PartitionKeys[~source].Type, File.PartitionValues[~source], rows);
        }
        return new RecordBatch(output.Schema, result, rows);
    }

    public override string ToString() => End == long.MaxValue ? $"json {File.Object.Path}" : $"json {File.Object.Path} [{Start}, {End})";
}
