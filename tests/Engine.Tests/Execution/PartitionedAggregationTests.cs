using QueryEngine.Engine.Columnar;
using QueryEngine.Engine.Execution;
using QueryEngine.Engine.Execution.Plan;
using QueryEngine.Engine.Expressions;
using Xunit;
using ExecutionContext = QueryEngine.Engine.Execution.ExecutionContext;
using static QueryEngine.Engine.Tests.Execution.TestData;

namespace QueryEngine.Engine.Tests.Execution;

/// <summary>
/// Parallel GROUP BY with many groups: the workers keep one state per key-hash partition and the partitions are merged
/// in parallel; with few groups the workers' states are merged serially. Both must give the groups a plain loop computes.
/// </summary>
public sealed class PartitionedAggregationTests
{
    private static readonly DecimalType Money = new(15, 2);

    private static readonly Schema Rows = Schema(("id", DataType.Int64), ("name", DataType.Utf8), ("n", DataType.Int64), ("amount", Money));

    private const int RowCount = 30_000;

    /// <summary>Row i: key i / 3 (runs of three rows, like line items by order), NULL for every 101st key; amounts with NULLs.</summary>
    private static object?[][] Data(Func<int, long> key)
    {
        var rows = new object?[RowCount][];
        for (var i = 0; i < rows.Length; i++)
        {
            var k = key(i);
            rows[i] =
            [
                k % 101 == 0 ? null : k,
                k % 101 == 0 ? null : "key-" + k.ToString(System.Globalization.CultureInfo.InvariantCulture),
                (long)(i % 17) - 8,
                i % 7 == 0 ? null : (Int128)(i % 1000),
            ];
        }
        return rows;
    }

    /// <summary>count(*), sum(n), sum(amount), min(amount), max(n) per key, computed row by row.</summary>
    private static List<string> Expected(object?[][] rows, int keyColumn)
    {
        var groups = new Dictionary<string, (object? Key, long Count, long Sum, Int128? Amount, Int128? Min, long Max)>();
        foreach (var row in rows)
        {
            var name = row[keyColumn] is { } k ? "v" + k : "null";
            groups.TryGetValue(name, out var g);
            var n = (long)row[2]!;
            var amount = (Int128?)row[3];
            g = (row[keyColumn], g.Count + 1, g.Sum + n,
                amount is null ? g.Amount : (g.Amount ?? 0) + amount,
                amount is null ? g.Min : g.Min is null || amount < g.Min ? amount : g.Min,
                g.Count == 0 ? n : Math.Max(g.Max, n));
            groups[name] = g;
        }
        return Sorted(groups.Values.Select(g => new object?[] { g.Key, g.Count, g.Sum, g.Amount, g.Min, g.Max }));
    }

    private static HashAggregateExec Aggregate(object?[][] rows, int keyColumn)
    {
        var key = Col(Rows, keyColumn);
        AggregateCall[] calls =
        [
            new(AggregateFunction.CountStar, [], false, null, DataType.Int64),
            new(AggregateFunction.Sum, [Col(Rows, 2)], false, null, DataType.Int64),
            new(AggregateFunction.Sum, [Col(Rows, 3)], false, null, DataType.Decimal(38, 2)),
            new(AggregateFunction.Min, [Col(Rows, 3)], false, null, Money),
            new(AggregateFunction.Max, [Col(Rows, 2)], false, null, DataType.Int64),
        ];
        var fields = new List<Field> { Rows.Fields[keyColumn] };
        for (var i = 0; i < calls.Length; i++) fields.Add(new Field("a" + i, calls[i].Type));
        return new HashAggregateExec(Scan(Batches(Rows, 2048, rows), Rows, tasks: 4), [key], calls, new Schema(fields));
    }

    private static (List<string> Rows, string? Note) Run(HashAggregateExec plan, int parallelism)
    {
        var profile = new QueryProfile();
        var context = new ExecutionContext(CancellationToken.None, parallelism, batchSize: 4096) { Profile = profile };
        var rows = new List<object?[]>();
        foreach (var batch in QueryExecutor.Execute(plan, context))
        {
            Assert.True(batch.RowCount <= 4096, $"batch of {batch.RowCount} rows");
            rows.AddRange(ToRows(batch));
        }
        return (Sorted(rows), profile.Find(plan)?.Note);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    public void ManyGroupsAreMergedInKeyPartitionsInParallel(int keyColumn)
    {
        var data = Data(i => i / 3);
        var plan = Aggregate(data, keyColumn);

        var (rows, note) = Run(plan, parallelism: 2);

        var expected = Expected(data, keyColumn);
        Assert.True(expected.Count > 9_000, $"{expected.Count} groups");
        Assert.Equal(expected, rows);
        Assert.Equal("groups merged in 4 key partitions in parallel", note);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    public void FewGroupsAreMergedSerially(int keyColumn)
    {
        var data = Data(i => 1 + i % 5);
        var plan = Aggregate(data, keyColumn);

        var (rows, note) = Run(plan, parallelism: 2);

        Assert.Equal(Expected(data, keyColumn), rows);
        Assert.Null(note);
    }

    [Fact]
    public void OneWorkerNeverPartitions()
    {
        var data = Data(i => i / 3);
        var plan = Aggregate(data, 0);

        var (rows, note) = Run(plan, parallelism: 1);

        Assert.Equal(Expected(data, 0), rows);
        Assert.Null(note);
    }
}
