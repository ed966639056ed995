using QueryEngine.Engine.Columnar;
using QueryEngine.Engine.Common;
using QueryEngine.Engine.Execution.Plan;
using QueryEngine.Engine.Expressions;
using Xunit;
using static QueryEngine.Engine.Tests.Execution.TestData;

namespace QueryEngine.Engine.Tests.Execution;

public sealed class HashAggregateTests
{
    private static readonly DecimalType Money = new(10, 2);

    private static readonly Schema S = Schema(("k", DataType.Utf8), ("n", DataType.Int64), ("d", Money), ("f", DataType.Float64), ("b", DataType.Boolean), ("day", DataType.Date32));

    private static readonly object?[][] Data =
    [
        ["a", 1L, Dec("1.10", 2), 1.5, true, 10],
        ["b", 2L, Dec("2.20", 2), 2.5, false, 11],
        ["a", 3L, Dec("3.30", 2), null, true, 12],
        [null, 4L, Dec("4.40", 2), 4.5, null, 13],
        ["b", null, null, 5.5, true, null],
        ["a", 5L, Dec("5.55", 2), 6.5, false, 9],
        [null, 6L, Dec("0.01", 2), 7.5, true, 14],
    ];

    private static AggregateCall Agg(AggregateFunction f, PhysicalExpr? arg, DataType type, bool distinct = false, PhysicalExpr? filter = null) =>
        new(f, arg is null ? [] : [arg], distinct, filter, type);

    private static HashAggregateExec Aggregate(PhysicalPlan input, IReadOnlyList<PhysicalExpr> keys, params AggregateCall[] aggs)
    {
        var fields = keys.Select((k, i) => new Field("k" + i, k.Type)).Concat(aggs.Select((a, i) => new Field("a" + i, a.Type)));
        return new HashAggregateExec(input, keys, aggs, new Schema([.. fields]));
    }

    private static ScanExec Input(int batchSize = 3, int tasks = 1) => Scan(Batches(S, batchSize, Data), S, tasks);

    [Theory]
    [InlineData(1, 1)]
    [InlineData(3, 1)]
    [InlineData(2, 4)]
    public void GroupsWithNullKeyAndCommonAggregates(int batchSize, int parallelism)
    {
        var plan = Aggregate(Input(batchSize, tasks: 3), [Col(S, 0)],
            Agg(AggregateFunction.CountStar, null, DataType.Int64),
            Agg(AggregateFunction.Count, Col(S, 1), DataType.Int64),
            Agg(AggregateFunction.Sum, Col(S, 1), DataType.Int64),
            Agg(AggregateFunction.Sum, Col(S, 2), new DecimalType(38, 2)),
            Agg(AggregateFunction.Avg, Col(S, 2), Money),
            Agg(AggregateFunction.Avg, Col(S, 1), DataType.Float64),
            Agg(AggregateFunction.Min, Col(S, 3), DataType.Float64),
            Agg(AggregateFunction.Max, Col(S, 5), DataType.Date32));
        var rows = Sorted(Run(plan, batchSize: 2, parallelism: parallelism));
        // Decimals render unscaled: sum(a) = 1.10 + 3.30 + 5.55 = 9.95, avg(a) = 3.3167 -> 3.32 (HALF_UP).
        Assert.Equal(
        [
            "NULL|2|2|10|441|221|5|4.5|14",
            "a|3|3|9|995|332|3|1.5|12",
            "b|2|1|2|220|220|2|2.5|11",
        ],
        rows);
    }

    [Fact]
    public void NoGroupKeysGivesOneRowEvenForEmptyInput()
    {
        var empty = Scan([], S);
        var plan = Aggregate(empty, [],
            Agg(AggregateFunction.CountStar, null, DataType.Int64),
            Agg(AggregateFunction.Count, Col(S, 1), DataType.Int64),
            Agg(AggregateFunction.Sum, Col(S, 1), DataType.Int64),
            Agg(AggregateFunction.Max, Col(S, 0), DataType.Utf8),
            Agg(AggregateFunction.CountIf, Col(S, 4), DataType.Int64));
        Assert.Equal(["0|0|NULL|NULL|0"], Rendered(Run(plan)));
        var grouped = Aggregate(empty, [Col(S, 0)], Agg(AggregateFunction.CountStar, null, DataType.Int64));
        Assert.Empty(Run(grouped));
    }

    [Fact]
    public void GlobalAggregatesOverEveryType()
    {
        var plan = Aggregate(Input(), [],
            Agg(AggregateFunction.Min, Col(S, 0), DataType.Utf8),
            Agg(AggregateFunction.Max, Col(S, 0), DataType.Utf8),
            Agg(AggregateFunction.Min, Col(S, 2), Money),
            Agg(AggregateFunction.Max, Col(S, 4), DataType.Boolean),
            Agg(AggregateFunction.BoolAnd, Col(S, 4), DataType.Boolean),
            Agg(AggregateFunction.BoolOr, Col(S, 4), DataType.Boolean),
            Agg(AggregateFunction.CountIf, Col(S, 4), DataType.Int64),
            Agg(AggregateFunction.Sum, Col(S, 3), DataType.Float64),
            Agg(AggregateFunction.Arbitrary, Col(S, 0), DataType.Utf8));
        Assert.Equal(["a|b|1|True|False|True|4|28|a"], Rendered(Run(plan, parallelism: 1)));
    }

    [Fact]
    public void MultiColumnKeys()
    {
        var s = Schema(("x", DataType.Int32), ("y", DataType.Utf8), ("v", DataType.Int64));
        var rows = Batches(s, 2, [1, "p", 1L], [1, "q", 2L], [2, "p", 3L], [1, "p", 4L], [null, "p", 5L], [null, null, 6L], [null, "p", 7L], [2, null, 8L]);
        var plan = Aggregate(Scan(rows, s), [Col(s, 0), Col(s, 1)], Agg(AggregateFunction.Sum, Col(s, 2), DataType.Int64));
        Assert.Equal(["1|p|5", "1|q|2", "2|NULL|8", "2|p|3", "NULL|NULL|6", "NULL|p|12"], Sorted(Run(plan)));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public void SingleIntegerKeysWithNullsAcrossPartitions(int parallelism)
    {
        var s = Schema(("i", DataType.Int32), ("day", DataType.Date32), ("t", DataType.Int8));
        var data = Enumerable.Range(0, 300).Select(i => new object?[] { i % 7 == 0 ? null : i % 5 - 2, i % 11 == 0 ? null : 19000 + i % 3, (sbyte)(i % 4 - 2) }).ToArray();
        foreach (var column in new[] { 0, 1, 2 })
        {
            var plan = Aggregate(Scan(Batches(s, 16, data), s, tasks: 5), [Col(s, column)], Agg(AggregateFunction.CountStar, null, DataType.Int64));
            var expected = data.GroupBy(r => r[column]).Select(g => Render([g.Key, (long)g.Count()])).Order(StringComparer.Ordinal).ToList();
            Assert.Equal(expected, Sorted(Run(plan, parallelism: parallelism)));
        }
    }

    [Fact]
    public void GroupKeysOfManyTypes()
    {
        var s = Schema(("d", Money), ("day", DataType.Date32), ("b", DataType.Boolean), ("f", DataType.Float64), ("t", DataType.Timestamp));
        var rows = Batches(s, 2,
            [Dec("1.00", 2), 5, true, 0.0, 1L],
            [Dec("1.00", 2), 5, true, -0.0, 1L],
            [Dec("1.00", 2), 5, false, double.NaN, 1L],
            [Dec("1.00", 2), 5, false, double.NaN, 1L],
            [null, null, null, null, null]);
        var plan = Aggregate(Scan(rows, s), [Col(s, 0), Col(s, 1), Col(s, 2), Col(s, 3), Col(s, 4)], Agg(AggregateFunction.CountStar, null, DataType.Int64));
        Assert.Equal(["100|5|False|NaN|1|2", "100|5|True|0|1|2", "NULL|NULL|NULL|NULL|NULL|1"], Sorted(Run(plan)));
    }

    [Fact]
    public void DistinctAggregates()
    {
        var s = Schema(("g", DataType.Int64), ("v", DataType.Int64));
        var rows = Batches(s, 3, [1L, 10L], [1L, 10L], [1L, 20L], [2L, 10L], [2L, null], [2L, 10L], [1L, 20L], [1L, 30L]);
        var plan = Aggregate(Scan(rows, s), [Col(s, 0)],
            Agg(AggregateFunction.Count, Col(s, 1), DataType.Int64, distinct: true),
            Agg(AggregateFunction.Sum, Col(s, 1), DataType.Int64, distinct: true),
            Agg(AggregateFunction.Count, Col(s, 1), DataType.Int64),
            Agg(AggregateFunction.Sum, Col(s, 1), DataType.Int64));
        Assert.Equal(["1|3|60|5|90", "2|1|10|2|20"], Sorted(Run(plan, parallelism: 4)));
    }

    [Fact]
    public void FilterClauseRestrictsRowsAndArguments()
    {
        var s = Schema(("g", DataType.Int64), ("v", DataType.Int64));
        var rows = Batches(s, 2, [1L, 0L], [1L, 2L], [2L, 5L], [2L, 0L], [1L, 4L]);
        var nonZero = new BinaryExpr(BinaryOp.NotEqual, Col(s, 1), Lit(0), DataType.Boolean);
        var inverse = new BinaryExpr(BinaryOp.Divide, Lit(100), Col(s, 1), DataType.Int64);
        var plan = Aggregate(Scan(rows, s), [Col(s, 0)],
            Agg(AggregateFunction.Sum, inverse, DataType.Int64, filter: nonZero),
            Agg(AggregateFunction.CountStar, null, DataType.Int64, filter: nonZero),
            Agg(AggregateFunction.CountStar, null, DataType.Int64, filter: Lit(false)));
        Assert.Equal(["1|75|2|0", "2|20|1|0"], Sorted(Run(plan)));
    }

    [Fact]
    public void VarianceFamily()
    {
        var s = Schema(("v", DataType.Int64));
        var rows = Batches(s, 2, [2L], [4L], [4L], [4L], [5L], [5L], [7L], [9L]);
        var plan = Aggregate(Scan(rows, s), [],
            Agg(AggregateFunction.VarPop, Col(s, 0), DataType.Float64),
            Agg(AggregateFunction.StddevPop, Col(s, 0), DataType.Float64),
            Agg(AggregateFunction.VarSamp, Col(s, 0), DataType.Float64),
            Agg(AggregateFunction.StddevSamp, Col(s, 0), DataType.Float64));
        var row = Run(plan).Single();
        Assert.Equal(4.0, (double)row[0]!, 12);
        Assert.Equal(2.0, (double)row[1]!, 12);
        Assert.Equal(32.0 / 7, (double)row[2]!, 12);
        Assert.Equal(Math.Sqrt(32.0 / 7), (double)row[3]!, 12);
        var single = Aggregate(Scan(Batches(s, 2, [3L]), s), [], Agg(AggregateFunction.VarSamp, Col(s, 0), DataType.Float64), Agg(AggregateFunction.VarPop, Col(s, 0), DataType.Float64));
        Assert.Equal(["NULL|0"], Rendered(Run(single)));
    }

    [Fact]
    public void ParallelVarianceMatchesSerial()
    {
        var s = Schema(("g", DataType.Int64), ("v", DataType.Float64));
        var random = new Random(7);
        var data = Enumerable.Range(0, 2000).Select(_ => new object?[] { (long)random.Next(5), random.NextDouble() * 100 }).ToArray();
        var plan = Aggregate(Scan(Batches(s, 64, data), s, tasks: 8), [Col(s, 0)],
            Agg(AggregateFunction.StddevSamp, Col(s, 1), DataType.Float64),
            Agg(AggregateFunction.Avg, Col(s, 1), DataType.Float64),
            Agg(AggregateFunction.Max, Col(s, 1), DataType.Float64));
        var serial = Run(plan, parallelism: 1).OrderBy(r => (long)r[0]!).ToList();
        var parallel = Run(plan, parallelism: 4).OrderBy(r => (long)r[0]!).ToList();
        Assert.Equal(serial.Count, parallel.Count);
        for (var i = 0; i < serial.Count; i++)
        {
            Assert.Equal((double)serial[i][1]!, (double)parallel[i][1]!, 9);
            Assert.Equal((double)serial[i][2]!, (double)parallel[i][2]!, 9);
            Assert.Equal(serial[i][3], parallel[i][3]);
        }
    }

    [Fact]
    public void SumOverflowIsAnError()
    {
        var s = Schema(("v", DataType.Int64));
        var plan = Aggregate(Scan(Batches(s, 1, [long.MaxValue], [1L]), s), [], Agg(AggregateFunction.Sum, Col(s, 0), DataType.Int64));
        var e = Assert.Throws<ExecutionException>(() => Run(plan));
        Assert.Equal(ErrorCode.NumericOverflow, e.Code);
        var d = Schema(("v", new DecimalType(38, 0)));
        var big = Int128.Parse("99999999999999999999999999999999999999", System.Globalization.CultureInfo.InvariantCulture);
        var decimals = Aggregate(Scan(Batches(d, 1, [big], [big]), d), [], Agg(AggregateFunction.Sum, Col(d, 0), new DecimalType(38, 0)));
        Assert.Throws<ExecutionException>(() => Run(decimals));
    }

    [Fact]
    public void AvgOfDecimalRoundsHalfUp()
    {
        var s = Schema(("v", new DecimalType(5, 2)));
        var plan = Aggregate(Scan(Batches(s, 2, [Dec("0.01", 2)], [Dec("0.02", 2)]), s), [], Agg(AggregateFunction.Avg, Col(s, 0), new DecimalType(5, 2)));
        Assert.Equal(["2"], Rendered(Run(plan))); // 0.015 -> 0.02
        var neg = Aggregate(Scan(Batches(s, 2, [Dec("-0.01", 2)], [Dec("-0.02", 2)]), s), [], Agg(AggregateFunction.Avg, Col(s, 0), new DecimalType(5, 2)));
        Assert.Equal(["-2"], Rendered(Run(neg)));
    }

    [Fact]
    public void ManyGroupsAcrossBatchesAndOutputBatching()
    {
        var s = Schema(("k", DataType.Int64), ("name", DataType.Utf8));
        var data = Enumerable.Range(0, 5000).Select(i => new object?[] { (long)(i % 1234), "n" + (i % 1234) }).ToArray();
        var plan = Aggregate(Scan(Batches(s, 100, data), s, tasks: 4), [Col(s, 1)],
            Agg(AggregateFunction.CountStar, null, DataType.Int64),
            Agg(AggregateFunction.Min, Col(s, 0), DataType.Int64));
        foreach (var parallelism in new[] { 1, 3 })
        {
            var rows = Run(plan, batchSize: 500, parallelism: parallelism);
            Assert.Equal(1234, rows.Count);
            foreach (var r in rows)
            {
                var k = (long)r[2]!;
                Assert.Equal("n" + k, r[0]);
                Assert.Equal(k < 5000 % 1234 ? 5L : 4L, r[1]);
            }
        }
    }
}
