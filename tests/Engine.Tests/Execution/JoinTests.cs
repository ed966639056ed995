using QueryEngine.Engine.Columnar;
using QueryEngine.Engine.Execution.Plan;
using QueryEngine.Engine.Expressions;
using Xunit;
using static QueryEngine.Engine.Tests.Execution.TestData;

namespace QueryEngine.Engine.Tests.Execution;

public sealed class JoinTests
{
    private static readonly Schema L = Schema(("lk", DataType.Int64), ("lv", DataType.Utf8));
    private static readonly Schema R = Schema(("rk", DataType.Int64), ("rv", DataType.Utf8));

    private static readonly object?[][] LeftRows = [[1L, "a"], [2L, "b"], [2L, "c"], [null, "d"], [4L, "e"]];
    private static readonly object?[][] RightRows = [[2L, "x"], [2L, "y"], [3L, "z"], [null, "w"], [1L, "v"]];

    public static TheoryData<JoinType> AllTypes => [JoinType.Inner, JoinType.Left, JoinType.Right, JoinType.Full, JoinType.LeftSemi, JoinType.LeftAnti];

    private static Schema OutputSchema(JoinType type, Schema left, Schema right) =>
        type is JoinType.LeftSemi or JoinType.LeftAnti ? left : new Schema([.. left.Fields, .. right.Fields]);

    private static HashJoinExec Hash(JoinType type, PhysicalPlan left, PhysicalPlan right, PhysicalExpr? filter = null, bool nullsEqual = false) =>
        new(left, right, type, [Col(left.Schema, 0)], [Col(right.Schema, 0)], filter, OutputSchema(type, left.Schema, right.Schema), nullsEqual);

    [Theory]
    [MemberData(nameof(AllTypes))]
    public void EveryJoinTypeWithDuplicateAndNullKeys(JoinType type)
    {
        var expected = type switch
        {
            JoinType.Inner => new[] { "1|a|1|v", "2|b|2|x", "2|b|2|y", "2|c|2|x", "2|c|2|y" },
            JoinType.Left => ["1|a|1|v", "2|b|2|x", "2|b|2|y", "2|c|2|x", "2|c|2|y", "4|e|NULL|NULL", "NULL|d|NULL|NULL"],
            JoinType.Right => ["1|a|1|v", "2|b|2|x", "2|b|2|y", "2|c|2|x", "2|c|2|y", "NULL|NULL|3|z", "NULL|NULL|NULL|w"],
            JoinType.Full => ["1|a|1|v", "2|b|2|x", "2|b|2|y", "2|c|2|x", "2|c|2|y", "4|e|NULL|NULL", "NULL|NULL|3|z", "NULL|NULL|NULL|w", "NULL|d|NULL|NULL"],
            JoinType.LeftSemi => ["1|a", "2|b", "2|c"],
            _ => ["4|e", "NULL|d"],
        };
        foreach (var batchSize in new[] { 1, 2, 3, 100 })
        {
            var left = Scan(Batches(L, 2, LeftRows), L);
            var right = Scan(Batches(R, 2, RightRows), R);
            Assert.Equal(expected, Sorted(Run(Hash(type, left, right), batchSize)));
            var condition = new BinaryExpr(BinaryOp.Equal, Col(L, 0), new ColumnExpr(2, DataType.Int64, "rk"), DataType.Boolean);
            var nested = new NestedLoopJoinExec(left, right, type, condition, OutputSchema(type, L, R));
            Assert.Equal(expected, Sorted(Run(nested, batchSize)));
        }
    }

    [Theory]
    [MemberData(nameof(AllTypes))]
    public void ResidualFilterIsPartOfTheMatchCondition(JoinType type)
    {
        // rv <> 'x' removes the (2, x) pairs; for outer/semi/anti joins that changes which rows count as matched.
        var filter = new BinaryExpr(BinaryOp.NotEqual, new ColumnExpr(3, DataType.Utf8, "rv"), Lit("x"), DataType.Boolean);
        var left = Scan(Batches(L, 2, LeftRows), L);
        var right = Scan(Batches(R, 2, [[2L, "x"], [1L, "x"], [2L, "y"]]), R);
        var expected = type switch
        {
            JoinType.Inner => new[] { "2|b|2|y", "2|c|2|y" },
            JoinType.Left => ["1|a|NULL|NULL", "2|b|2|y", "2|c|2|y", "4|e|NULL|NULL", "NULL|d|NULL|NULL"],
            JoinType.Right => ["2|b|2|y", "2|c|2|y", "NULL|NULL|1|x", "NULL|NULL|2|x"],
            JoinType.Full => ["1|a|NULL|NULL", "2|b|2|y", "2|c|2|y", "4|e|NULL|NULL", "NULL|NULL|1|x", "NULL|NULL|2|x", "NULL|d|NULL|NULL"],
            JoinType.LeftSemi => ["2|b", "2|c"],
            _ => ["1|a", "4|e", "NULL|d"],
        };
        Assert.Equal(expected, Sorted(Run(Hash(type, left, right, filter), batchSize: 2)));
    }

    [Fact]
    public void NullsEqualMatchesNullKeys()
    {
        var left = Scan(Batches(L, 2, LeftRows), L);
        var right = Scan(Batches(R, 2, RightRows), R);
        Assert.Contains("NULL|d", Sorted(Run(Hash(JoinType.LeftAnti, left, right))));
        Assert.Equal(["1|a", "2|b", "2|c", "NULL|d"], Sorted(Run(Hash(JoinType.LeftSemi, left, right, nullsEqual: true))));
        Assert.Equal(["4|e"], Sorted(Run(Hash(JoinType.LeftAnti, left, right, nullsEqual: true))));
        // A null key must not meet a zero key (whatever the null slot holds), with or without NullsEqual.
        var zeros = Scan(Batches(R, 2, [0L, "zero"], [null, "null"]), R);
        var withZero = Scan(Batches(L, 2, [0L, "z"], [null, "n"]), L);
        Assert.Equal(["0|z|0|zero", "NULL|n|NULL|null"], Sorted(Run(Hash(JoinType.Inner, withZero, zeros, nullsEqual: true))));
        Assert.Equal(["0|z|0|zero"], Sorted(Run(Hash(JoinType.Inner, withZero, zeros))));
    }

    [Fact]
    public void MultiColumnAndStringKeys()
    {
        var l = Schema(("a", DataType.Utf8), ("b", DataType.Int32), ("x", DataType.Int64));
        var r = Schema(("c", DataType.Utf8), ("d", DataType.Int32), ("y", DataType.Int64));
        var left = Scan(Batches(l, 2, ["k", 1, 1L], ["k", 2, 2L], ["日本", 1, 3L], [null, 1, 4L]), l);
        var right = Scan(Batches(r, 2, ["k", 1, 10L], ["日本", 1, 30L], ["k", 2, 20L], ["k", 3, 99L], [null, 1, 40L]), r);
        var plan = new HashJoinExec(left, right, JoinType.Inner, [Col(l, 0), Col(l, 1)], [Col(r, 0), Col(r, 1)], null, new Schema([.. l.Fields, .. r.Fields]));
        Assert.Equal(["k|1|1|k|1|10", "k|2|2|k|2|20", "日本|1|3|日本|1|30"], Sorted(Run(plan)));
    }

    [Fact]
    public void KeysOfDifferentIntegerTypesAreUnified()
    {
        var l = Schema(("a", DataType.Int32));
        var r = Schema(("b", DataType.Int64));
        var plan = new HashJoinExec(Scan(Batches(l, 2, [1], [2]), l), Scan(Batches(r, 2, [2L], [3L]), r), JoinType.Inner, [Col(l, 0)], [Col(r, 0)], null, new Schema([.. l.Fields, .. r.Fields]));
        Assert.Equal(["2|2"], Sorted(Run(plan)));
    }

    [Theory]
    [MemberData(nameof(AllTypes))]
    public void EmptySides(JoinType type)
    {
        var empty = Scan([], R);
        var left = Scan(Batches(L, 2, LeftRows), L);
        var rows = Sorted(Run(Hash(type, left, empty)));
        var expected = type switch
        {
            JoinType.Left or JoinType.Full => new[] { "1|a|NULL|NULL", "2|b|NULL|NULL", "2|c|NULL|NULL", "4|e|NULL|NULL", "NULL|d|NULL|NULL" },
            JoinType.LeftAnti => ["1|a", "2|b", "2|c", "4|e", "NULL|d"],
            _ => [],
        };
        Assert.Equal(expected, rows);
        var emptyLeft = Scan([], L);
        var right = Scan(Batches(R, 2, RightRows), R);
        var fromRight = Sorted(Run(Hash(type, emptyLeft, right)));
        var expectedRight = type is JoinType.Right or JoinType.Full
            ? new[] { "NULL|NULL|1|v", "NULL|NULL|2|x", "NULL|NULL|2|y", "NULL|NULL|3|z", "NULL|NULL|NULL|w" }
            : [];
        Assert.Equal(expectedRight, fromRight);
    }

    [Fact]
    public void CrossJoinInBatches()
    {
        var left = Scan(Batches(L, 2, LeftRows), L);
        var right = Scan(Batches(R, 2, RightRows), R);
        var plan = new NestedLoopJoinExec(left, right, JoinType.Inner, null, new Schema([.. L.Fields, .. R.Fields]));
        Assert.Equal(25, Run(plan, batchSize: 4).Count);
        var condition = new BinaryExpr(BinaryOp.Less, Col(L, 0), new ColumnExpr(2, DataType.Int64, "rk"), DataType.Boolean);
        var lessThan = new NestedLoopJoinExec(left, right, JoinType.Left, condition, new Schema([.. L.Fields, .. R.Fields]));
        Assert.Equal(
            ["1|a|2|x", "1|a|2|y", "1|a|3|z", "2|b|3|z", "2|c|3|z", "4|e|NULL|NULL", "NULL|d|NULL|NULL"],
            Sorted(Run(lessThan, batchSize: 3)));
    }

    [Fact]
    public void ManyMatchesPerProbeRowSpanOutputBatches()
    {
        var left = Scan(Batches(L, 10, [[7L, "only"]]), L);
        var right = Scan(Batches(R, 10, [.. Enumerable.Range(0, 25).Select(i => new object?[] { 7L, "r" + i })]), R);
        var rows = Run(Hash(JoinType.Inner, left, right), batchSize: 4);
        Assert.Equal(25, rows.Count);
        Assert.Equal(25, rows.Select(r => r[3]).Distinct().Count());
        Assert.Equal(["7|only"], Sorted(Run(Hash(JoinType.LeftSemi, left, right), batchSize: 4)));
    }

    [Theory]
    [MemberData(nameof(AllTypes))]
    public void HashJoinAgreesWithNestedLoopJoinOnRandomData(JoinType type)
    {
        var random = new Random(20240229 + (int)type);
        var l = Schema(("k1", DataType.Int64), ("k2", DataType.Utf8), ("v", DataType.Int64));
        var r = Schema(("k1", DataType.Int64), ("k2", DataType.Utf8), ("w", DataType.Int64));
        object?[] Row(int i) =>
        [
            random.Next(10) == 0 ? null : (long)random.Next(8),
            random.Next(10) == 0 ? null : "s" + random.Next(3),
            (long)i,
        ];
        var leftRows = Enumerable.Range(0, 150).Select(Row).ToArray();
        var rightRows = Enumerable.Range(0, 120).Select(Row).ToArray();
        var left = Scan(Batches(l, 16, leftRows), l, tasks: 4);
        var right = Scan(Batches(r, 16, rightRows), r, tasks: 3);
        var output = OutputSchema(type, l, r);
        var residual = new BinaryExpr(BinaryOp.Less, new ColumnExpr(2, DataType.Int64, "v"), new BinaryExpr(BinaryOp.Multiply, new ColumnExpr(5, DataType.Int64, "w"), Lit(2), DataType.Int64), DataType.Boolean);
        foreach (var filter in new PhysicalExpr?[] { null, residual })
        {
            var hash = new HashJoinExec(left, right, type, [Col(l, 0), Col(l, 1)], [Col(r, 0), Col(r, 1)], filter, output);
            PhysicalExpr condition = new BinaryExpr(
                BinaryOp.And,
                new BinaryExpr(BinaryOp.Equal, Col(l, 0), new ColumnExpr(3, DataType.Int64, "k1"), DataType.Boolean),
                new BinaryExpr(BinaryOp.Equal, Col(l, 1), new ColumnExpr(4, DataType.Utf8, "k2"), DataType.Boolean),
                DataType.Boolean);
            if (filter is not null) condition = new BinaryExpr(BinaryOp.And, condition, filter, DataType.Boolean);
            var nested = new NestedLoopJoinExec(left, right, type, condition, output);
            var expected = Sorted(Run(nested, batchSize: 37));
            Assert.NotEmpty(expected);
            Assert.Equal(expected, Sorted(Run(hash, batchSize: 13)));
            Assert.Equal(expected, Sorted(Run(hash, batchSize: 13, parallelism: 3)));
            var filtered = new FilterExec(hash, Lit(true));
            Assert.Equal(expected, Sorted(Run(filtered, batchSize: 13, parallelism: 3)));
            Assert.Equal(expected, Sorted(Reference(type, leftRows, rightRows, filter is not null)));
        }
    }

    [Fact]
    public void ParallelPipelinesThroughJoinsFeedAggregatesAndLimits()
    {
        var l = Schema(("k", DataType.Int64), ("v", DataType.Int64));
        var r = Schema(("k", DataType.Int64), ("name", DataType.Utf8));
        var left = Scan(Batches(l, 10, [.. Enumerable.Range(0, 1000).Select(i => new object?[] { (long)(i % 50), (long)i })]), l, tasks: 6);
        var right = Scan(Batches(r, 7, [.. Enumerable.Range(0, 40).Select(i => new object?[] { (long)i, "n" + i })]), r, tasks: 2);
        var join = new HashJoinExec(left, right, JoinType.Inner, [Col(l, 0)], [Col(r, 0)], null, new Schema([.. l.Fields, .. r.Fields]));
        var filtered = new FilterExec(join, new BinaryExpr(BinaryOp.Less, Col(l, 1), Lit(900), DataType.Boolean));
        var aggregate = new HashAggregateExec(filtered, [new ColumnExpr(3, DataType.Utf8, "name")],
            [new AggregateCall(AggregateFunction.CountStar, [], false, null, DataType.Int64), new AggregateCall(AggregateFunction.Sum, [Col(l, 1)], false, null, DataType.Int64)],
            Schema(("name", DataType.Utf8), ("c", DataType.Int64), ("s", DataType.Int64)));
        var serial = Sorted(Run(aggregate, parallelism: 1));
        Assert.Equal(40, serial.Count);
        Assert.Equal(serial, Sorted(Run(aggregate, parallelism: 4)));
        var limited = new LimitExec(filtered, 0, 5);
        Assert.Equal(5, Run(limited, batchSize: 4, parallelism: 4).Count);
        var outer = new HashJoinExec(left, right, JoinType.Full, [Col(l, 0)], [Col(r, 0)], null, new Schema([.. l.Fields, .. r.Fields]));
        Assert.Equal(Sorted(Run(outer, parallelism: 1)), Sorted(Run(outer, parallelism: 4)));
    }

    /// <summary>Textbook join semantics over boxed rows.</summary>
    private static IEnumerable<object?[]> Reference(JoinType type, object?[][] left, object?[][] right, bool filter)
    {
        bool Match(object?[] a, object?[] b) =>
            a[0] is not null && a[1] is not null && Equals(a[0], b[0]) && Equals(a[1], b[1]) && (!filter || (long)a[2]! < (long)b[2]! * 2);
        var rightMatched = new bool[right.Length];
        foreach (var a in left)
        {
            var any = false;
            for (var j = 0; j < right.Length; j++)
            {
                if (!Match(a, right[j])) continue;
                any = true;
                rightMatched[j] = true;
                if (type is JoinType.Inner or JoinType.Left or JoinType.Right or JoinType.Full) yield return [.. a, .. right[j]];
            }
            if (type == JoinType.LeftSemi && any || type == JoinType.LeftAnti && !any) yield return a;
            if (!any && type is JoinType.Left or JoinType.Full) yield return [.. a, null, null, null];
        }
        if (type is JoinType.Right or JoinType.Full)
        {
            for (var j = 0; j < right.Length; j++)
            {
                if (!rightMatched[j]) yield return [null, null, null, .. right[j]];
            }
        }
    }
}
