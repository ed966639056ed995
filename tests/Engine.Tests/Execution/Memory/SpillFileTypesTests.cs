using QueryEngine.Engine.Columnar;
using QueryEngine.Engine.Execution.Memory;
using Xunit;

namespace QueryEngine.Engine.Tests.Execution.Memory;

/// <summary>
/// Spill files are Arrow IPC streams: a column must come back with the type it went out with, so that the operators
/// merging spilled runs (and the result's formatting) still see an interval, not the integer it is stored as.
/// </summary>
public sealed class SpillFileTypesTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "qe-spill-types-" + Guid.NewGuid().ToString("N"));

    public SpillFileTypesTests() => Directory.CreateDirectory(_root);

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public void IntervalColumnsComeBackAsIntervals()
    {
        var schema = new Schema([new Field("ym", IntervalType.YearToMonth), new Field("ds", IntervalType.DayToSecond)]);
        var batch = new RecordBatch(schema,
        [
            new PrimitiveArray<int>(IntervalType.YearToMonth, [14, -3]),
            new PrimitiveArray<long>(IntervalType.DayToSecond, [90_061_001, -500]),
        ], 2);
        using var files = SpillFiles.Create(_root);
        SpillFile file;
        using (var writer = new SpillWriter(files, "types", schema))
        {
            writer.Write(batch);
            file = writer.Finish();
        }
        var read = Assert.Single(file.Read(schema).ToList());
        Assert.Equal(IntervalType.YearToMonth, read.Column(0).Type);
        Assert.Equal(IntervalType.DayToSecond, read.Column(1).Type);
        Assert.Equal(["1-2", "-0-3"], new[] { ValueFormatter.Format(read.Column(0), 0), ValueFormatter.Format(read.Column(0), 1) });
        Assert.Equal(["1 01:01:01.001", "-0 00:00:00.500"], new[] { ValueFormatter.Format(read.Column(1), 0), ValueFormatter.Format(read.Column(1), 1) });
    }
}
