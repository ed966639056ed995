using QueryEngine.Engine.Columnar;
using QueryEngine.Engine.Execution.Plan;
using QueryEngine.Engine.Expressions;
using Xunit;
using static QueryEngine.Engine.Tests.Execution.TestData;

namespace QueryEngine.Engine.Tests.Execution;

public sealed class SortTests
{
    private static List<object?> Column(List<object?[]> rows, int c) => [.. rows.Select(r => r[c])];

    [Theory]
    [InlineData(true, false, new object?[] { 1L, 2L, 3L, null, null })]
    [InlineData(true, true, new object?[] { null, null, 1L, 2L, 3L })]
    [InlineData(false, false, new object?[] { 3L, 2L, 1L, null, null })]
    [InlineData(false, true, new object?[] { null, null, 3L, 2L, 1L })]
    public void DirectionAndNullPlacement(bool ascending, bool nullsFirst, object?[] expected)
    {
        var s = Schema(("x", DataType.Int64));
        var input = Scan(Batches(s, 2, [3L], [null], [1L], [2L], [null]), s);
        var rows = Run(new SortExec(input, [new SortKey(Col(s, 0), ascending, nullsFirst)]), batchSize: 2);
        Assert.Equal(expected, Column(rows, 0));
    }

    [Fact]
    public void KeyTypes()
    {
        var s = Schema(("s", DataType.Utf8), ("d", DataType.Float64), ("m", new DecimalType(38, 0)), ("day", DataType.Date32), ("b", DataType.Boolean), ("t", DataType.Int8));
        var huge = Int128.Parse("10000000000000000000000000", System.Globalization.CultureInfo.InvariantCulture);
        var rows = Batches(s, 3,
            ["b", double.NaN, huge, 5, true, (sbyte)-1],
            ["abcdefghij", -0.0, -huge, -5, false, (sbyte)3],
            ["abcdefghi", double.NegativeInfinity, (Int128)5, 0, null, (sbyte)-128],
            ["é", 1.5, huge + 1, 100, true, (sbyte)127],
            ["", 0.0, (Int128)(-3), -100, false, null],
            [null, null, null, null, null, (sbyte)0]);
        List<object?> SortBy(int c, bool asc = true) => Column(Run(new SortExec(Scan(rows, s), [new SortKey(Col(s, c), asc, false)])), c);
        Assert.Equal(["", "abcdefghi", "abcdefghij", "b", "é", null], SortBy(0));
        var doubles = SortBy(1);
        Assert.Equal(double.NegativeInfinity, doubles[0]);
        Assert.Equal(0.0, Math.Abs((double)doubles[1]!));
        Assert.Equal(0.0, Math.Abs((double)doubles[2]!));
        Assert.Equal(1.5, doubles[3]);
        Assert.True(double.IsNaN((double)doubles[4]!));
        Assert.Null(doubles[5]);
        Assert.True(double.IsNaN((double)SortBy(1, asc: false)[0]!));
        Assert.Equal([-huge, (Int128)(-3), (Int128)5, huge, huge + 1, null], SortBy(2));
        Assert.Equal([huge + 1, huge, (Int128)5, (Int128)(-3), -huge, null], SortBy(2, asc: false));
        Assert.Equal([-100, -5, 0, 5, 100, null], SortBy(3));
        Assert.Equal([false, false, true, true, null, null], SortBy(4));
        Assert.Equal([(sbyte)-128, (sbyte)-1, (sbyte)0, (sbyte)3, (sbyte)127, null], SortBy(5));
    }

    [Fact]
    public void MultipleKeys()
    {
        var s = Schema(("g", DataType.Utf8), ("v", DataType.Int64), ("id", DataType.Int64));
        var rows = Batches(s, 2, ["b", 1L, 1L], ["a", 2L, 2L], ["b", null, 3L], ["a", 1L, 4L], [null, 5L, 5L], ["b", 3L, 6L], ["a", 2L, 7L]);
        var plan = new SortExec(Scan(rows, s), [new SortKey(Col(s, 0), true, true), new SortKey(Col(s, 1), false, false), new SortKey(Col(s, 2), true, false)]);
        Assert.Equal([5L, 2L, 7L, 4L, 6L, 1L, 3L], Column(Run(plan, batchSize: 3), 2));
        var byExpression = new SortExec(Scan(rows, s), [new SortKey(new BinaryExpr(BinaryOp.Modulo, Col(s, 2), Lit(3), DataType.Int64), true, false), new SortKey(Col(s, 2), false, false)]);
        Assert.Equal([6L, 3L, 7L, 4L, 1L, 5L, 2L], Column(Run(byExpression), 2));
    }

    [Fact]
    public void EmptyInput()
    {
        var s = Schema(("x", DataType.Int64));
        Assert.Empty(Run(new SortExec(Scan([], s), [new SortKey(Col(s, 0), true, false)])));
        Assert.Empty(Run(new TopNExec(Scan([], s), [new SortKey(Col(s, 0), true, false)], 5, 0)));
    }

    [Fact]
    public void TopNWithOffset()
    {
        var s = Schema(("x", DataType.Int64));
        var input = Scan(Batches(s, 3, [.. Enumerable.Range(0, 20).Select(i => new object?[] { (long)((i * 7) % 20) })]), s);
        var plan = new TopNExec(input, [new SortKey(Col(s, 0), false, false)], 4, 3);
        Assert.Equal([16L, 15L, 14L, 13L], Column(Run(plan, batchSize: 2), 0));
        Assert.Empty(Run(new TopNExec(input, [new SortKey(Col(s, 0), true, false)], 0, 0)));
        Assert.Equal([18L, 19L], Column(Run(new TopNExec(input, [new SortKey(Col(s, 0), true, false)], 5, 18)), 0));
    }

    [Fact]
    public void TopNAgreesWithSortAndLimitOnRandomData()
    {
        var random = new Random(12345);
        var s = Schema(("a", DataType.Int64), ("b", DataType.Utf8), ("c", DataType.Float64), ("id", DataType.Int64));
        var data = Enumerable.Range(0, 3000).Select(i => new object?[]
        {
            random.Next(10) == 0 ? null : (long)random.Next(50),
            random.Next(10) == 0 ? null : "k" + random.Next(30),
            random.Next(20) == 0 ? double.NaN : random.Next(10) == 0 ? null : Math.Round(random.NextDouble() * 10, 1),
            (long)i,
        }).ToArray();
        var input = Scan(Batches(s, 100, data), s, tasks: 3);
        for (var trial = 0; trial < 6; trial++)
        {
            SortKey[] keys =
            [
                new(Col(s, trial % 3), trial % 2 == 0, trial % 4 < 2),
                new(Col(s, (trial + 1) % 3), trial % 3 == 0, trial % 2 == 1),
                new(Col(s, 3), true, false),
            ];
            var limit = new[] { 1L, 7L, 100L, 5000L }[trial % 4];
            var offset = new[] { 0L, 3L, 250L }[trial % 3];
            var expected = Rendered(Run(new LimitExec(new SortExec(input, keys), offset, limit), batchSize: 64));
            var actual = Rendered(Run(new TopNExec(input, keys, limit, offset), batchSize: 64));
            Assert.Equal(expected, actual);
            var reference = Rendered(Reference(data, keys.Select(k => (((ColumnExpr)k.Expr).Index, k.Ascending, k.NullsFirst)).ToArray()).Skip((int)offset).Take((int)limit));
            Assert.Equal(reference, expected);
        }
    }

    private static IEnumerable<object?[]> Reference(object?[][] rows, (int Column, bool Ascending, bool NullsFirst)[] keys)
    {
        int CompareValues(object a, object b) => a switch
        {
            string x => string.CompareOrdinal(x, (string)b),
            double x => x.CompareTo((double)b) is var c && (double.IsNaN(x) || double.IsNaN((double)b)) ? (double.IsNaN(x) ? (double.IsNaN((double)b) ? 0 : 1) : -1) : c,
            IComparable x => x.CompareTo(b),
            _ => 0,
        };
        var list = rows.ToList();
        list.Sort((x, y) =>
        {
            foreach (var (c, asc, nullsFirst) in keys)
            {
                var a = x[c];
                var b = y[c];
                if (a is null || b is null)
                {
                    if (a is null && b is null) continue;
                    return (a is null ? -1 : 1) * (nullsFirst ? 1 : -1);
                }
                var cmp = CompareValues(a, b) * (asc ? 1 : -1);
                if (cmp != 0) return cmp;
            }
            return 0;
        });
        return list;
    }
}
