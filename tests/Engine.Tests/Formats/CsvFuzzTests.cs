using QueryEngine.Engine.Catalog;
using QueryEngine.Engine.Columnar;
using QueryEngine.Engine.Common;
using QueryEngine.Engine.Formats.Csv;
using Xunit;
using static QueryEngine.Engine.Tests.Formats.CsvTestSupport;

namespace QueryEngine.Engine.Tests.Formats;

/// <summary>Random bytes must give rows or a <see cref="QueryException"/>, never a raw .NET exception.</summary>
public sealed class CsvFuzzTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void RandomBytesNeverCrashTheReader()
    {
        var random = new Random(1234);
        byte[] alphabet = [(byte)',', (byte)'|', (byte)'"', (byte)'\\', (byte)'\n', (byte)'\r', (byte)'1', (byte)'9', (byte)'-', (byte)'.', (byte)'e',
            (byte)'a', (byte)'t', (byte)':', (byte)' ', 0x00, 0x02, 0x03, 0xC3, 0xA9, 0xFF];
        var columns = Columns(
            ("i", DataType.Int32), ("d", DataType.Decimal(10, 3)), ("s", DataType.Utf8), ("b", DataType.Boolean),
            ("t", DataType.Timestamp), ("f", DataType.Float64), ("a", HiveTypes.Parse("array<map<string,int>>")));
        var plainColumns = columns[..6];
        var optionSets = new[]
        {
            new CsvOptions { Delimiter = '|', Quote = null, Escape = '\\', NullMarker = "\\N" },
            new CsvOptions { Delimiter = ',', Quote = null, CollectionDelimiter = ':', MapKeyDelimiter = '.' },
            CsvOptions.Default,
            CsvOptions.Default with { Escape = '\\', HasHeader = true },
            CsvOptions.Default with { QuotedNewlines = false, InvalidValues = InvalidValueHandling.Error },
        };
        for (var round = 0; round < 300; round++)
        {
            var data = new byte[random.Next(0, 400)];
            for (var i = 0; i < data.Length; i++) data[i] = alphabet[random.Next(alphabet.Length)];
            var path = _dir.Write($"f{round}.txt", data);
            var options = optionSets[round % optionSets.Length];
            var cols = options.Quote is null ? columns : plainColumns;
            foreach (var buffer in new[] { 16, 4096 })
            {
                try
                {
                    var rows = ReadBatches(path, options, cols, batchSize: 5, bufferSize: buffer).Sum(b => b.RowCount);
                    Assert.True(rows >= 0);
                }
                catch (QueryException)
                {
                    // Corrupt data is a fine answer for garbage.
                }
            }
            var size = data.Length;
            if (options.Quote is null && size > 0)
            {
                var whole = Show(ReadFile(path, options, cols));
                var parts = new List<object?[]>();
                for (long start = 0; start < size; start += 37) parts.AddRange(ReadRange(path, options, cols, start, Math.Min(size, start + 37), bufferSize: 16));
                Assert.Equal(whole, Show(parts));
            }
        }
    }

    private static string Show(IEnumerable<object?[]> rows) =>
        string.Join("\n", rows.Select(r => string.Join("|", r.Select(v => v switch
        {
            null => "NULL",
            object?[] items => "[" + items.Length + "]",
            _ => Convert.ToString(v, System.Globalization.CultureInfo.InvariantCulture),
        }))));
}
