using QueryEngine.Engine.Columnar;
using QueryEngine.Engine.Common;
using QueryEngine.Engine.Execution.Operators.Aggregate.Accumulators;
using QueryEngine.Engine.Execution.Plan;
using QueryEngine.Engine.Expressions;
using Xunit;
using static QueryEngine.Engine.Tests.Execution.TestData;

namespace QueryEngine.Engine.Tests.Execution;

/// <summary>
/// Decimal sum and avg: unchecked Int128 additions while <see cref="DecimalSumBound"/> proves no overflow, checked
/// after; arguments evaluated into reused buffers (TPC-H Q1's shape) give the same results over many batches.
/// </summary>
public sealed class DecimalSumAccumulatorTests
{
    private static readonly DecimalType Price = new(15, 2);

    private static readonly Schema S = Schema(("k", DataType.Utf8), ("p", Price), ("d", Price), ("t", Price));

    private static readonly Int128 Max38 = Dec("99999999999999999999999999999999999999", 0);

    private static BinaryExpr Arithmetic(BinaryOp op, PhysicalExpr left, PhysicalExpr right) =>
        new(op, left, right, TypeRules.Arithmetic(op, left.Type, right.Type)!);

    private static AggregateCall Agg(AggregateFunction f, PhysicalExpr? arg, DataType type, PhysicalExpr? filter = null) =>
        new(f, arg is null ? [] : [arg], false, filter, type);

    private static HashAggregateExec Aggregate(PhysicalPlan input, IReadOnlyList<PhysicalExpr> keys, params AggregateCall[] aggs)
    {
        var fields = keys.Select((k, i) => new Field("k" + i, k.Type)).Concat(aggs.Select((a, i) => new Field("a" + i, a.Type)));
        return new HashAggregateExec(input, keys, aggs, new Schema([.. fields]));
    }

    [Fact]
    public void BoundAllowsUncheckedAdditionsUntil10To38()
    {
        var narrow = new DecimalSumBound(15);
        Assert.True(narrow.AddRows(1_000_000));
        Assert.True(narrow.AddRows(int.MaxValue));
        var wide = new DecimalSumBound(36);
        Assert.True(wide.AddRows(99));
        Assert.False(wide.AddRows(1));
        Assert.False(wide.AddRows(0));
        var other = new DecimalSumBound(36);
        Assert.True(other.AddRows(60));
        var merged = new DecimalSumBound(36);
        Assert.True(merged.AddRows(50));
        merged.Merge(other);
        Assert.False(merged.AddRows(0));
        Assert.False(new DecimalSumBound(38).AddRows(1));
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 1)]
    [InlineData(3, 3)]
    public void Q1ShapedAggregatesOverManyBatches(int batchSize, int parallelism)
    {
        var rows = new List<object?[]>();
        for (var i = 0; i < 40; i++)
        {
            var discount = i % 11 == 0 ? null : (object)Dec($"0.0{i % 10}", 2);
            rows.Add([i % 3 == 0 ? "A" : "B", Dec($"{i * 37 - 500}.{i % 100:D2}", 2), discount, Dec($"0.0{i % 9}", 2)]);
        }
        rows.Insert(17, ["C", Dec("1.25", 2), null, Dec("0.01", 2)]);
        var discounted = Arithmetic(BinaryOp.Multiply, Col(S, 1), Arithmetic(BinaryOp.Subtract, Lit(1, DataType.Int32), Col(S, 2)));
        var charge = Arithmetic(BinaryOp.Multiply, discounted, Arithmetic(BinaryOp.Add, Lit(1, DataType.Int32), Col(S, 3)));
        var plan = Aggregate(Scan(Batches(S, batchSize, [.. rows]), S, tasks: 3), [Col(S, 0)],
            Agg(AggregateFunction.Sum, Col(S, 1), new DecimalType(38, 2)),
            Agg(AggregateFunction.Sum, discounted, new DecimalType(38, 4)),
            Agg(AggregateFunction.Sum, charge, new DecimalType(38, 6)),
            Agg(AggregateFunction.Avg, Col(S, 2), Price),
            Agg(AggregateFunction.Avg, discounted, (DecimalType)discounted.Type),
            Agg(AggregateFunction.CountStar, null, DataType.Int64),
            Agg(AggregateFunction.Avg, Col(S, 1), Price));

        // The expected sums, computed here row by row on Int128.
        var expected = new List<string>();
        foreach (var key in new[] { "A", "B", "C" })
        {
            Int128 sumPrice = 0, sumDiscounted = 0, sumCharge = 0, sumDiscount = 0;
            long count = 0, discounts = 0;
            foreach (var row in rows.Where(r => (string)r[0]! == key))
            {
                var p = (Int128)row[1]!;
                var t = (Int128)row[3]!;
                sumPrice += p;
                count++;
                if (row[2] is not Int128 d) continue;
                sumDiscount += d;
                discounts++;
                var disc = p * (100 - d);
                sumDiscounted += disc;
                sumCharge += disc * (100 + t);
            }
            // avg(p) is finished from sum(p)'s state; with no discount at all, the sums over d are NULL.
            var avgPrice = Engine.Expressions.Kernels.DecimalMath.DivideHalfUp(sumPrice, count);
            if (discounts == 0)
            {
                expected.Add($"{key}|{sumPrice}|NULL|NULL|NULL|NULL|{count}|{avgPrice}");
                continue;
            }
            var avgDiscount = Engine.Expressions.Kernels.DecimalMath.DivideHalfUp(sumDiscount, discounts);
            var avgDiscounted = Engine.Expressions.Kernels.DecimalMath.DivideHalfUp(sumDiscounted, discounts);
            expected.Add($"{key}|{sumPrice}|{sumDiscounted}|{sumCharge}|{avgDiscount}|{avgDiscounted}|{count}|{avgPrice}");
        }
        Assert.Equal(expected, Sorted(Run(plan, batchSize, parallelism)));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public void AvgBesideSumOfTheSameArgumentInEitherOrderAndWithFilters(int parallelism)
    {
        var data = Batches(S, 2,
            ["A", Dec("10.00", 2), Dec("0.10", 2), Dec("0", 2)],
            ["A", Dec("20.01", 2), null, Dec("0", 2)],
            ["B", null, Dec("0.50", 2), Dec("0", 2)],
            ["A", null, Dec("0.00", 2), Dec("0", 2)],
            ["B", Dec("-3.33", 2), Dec("0.00", 2), Dec("0", 2)]);
        var positive = new BinaryExpr(BinaryOp.Greater, Col(S, 1), Lit(Dec("0", 2), Price), DataType.Boolean);
        var plan = Aggregate(Scan(data, S, tasks: 3), [Col(S, 0)],
            Agg(AggregateFunction.Avg, Col(S, 1), Price),
            Agg(AggregateFunction.Sum, Col(S, 1), new DecimalType(38, 2), filter: positive),
            Agg(AggregateFunction.Avg, Col(S, 1), Price, filter: positive),
            Agg(AggregateFunction.Sum, Col(S, 1), new DecimalType(38, 2)));
        // avg(p) = 30.01 / 2 = 15.005 -> 15.01 (HALF_UP); B's filtered aggregates see no row.
        Assert.Equal(["A|1501|3001|1501|3001", "B|-333|NULL|NULL|-333"], Sorted(Run(plan, batchSize: 2, parallelism: parallelism)));
    }

    [Fact]
    public void PublishedArgumentKeptByALaterArrayAggIsNotOverwritten()
    {
        // sum(p * (1 - d)) publishes its value; array_agg keeps the arrays it reads, so the sum must not reuse buffers.
        var discounted = Arithmetic(BinaryOp.Multiply, Col(S, 1), Arithmetic(BinaryOp.Subtract, Lit(1, DataType.Int32), Col(S, 2)));
        var data = Batches(S, 1,
            ["A", Dec("10.00", 2), Dec("0.10", 2), Dec("0", 2)],
            ["A", Dec("20.00", 2), Dec("0.50", 2), Dec("0", 2)],
            ["A", Dec("30.00", 2), Dec("0.00", 2), Dec("0", 2)]);
        var plan = Aggregate(Scan(data, S), [Col(S, 0)],
            Agg(AggregateFunction.Sum, discounted, new DecimalType(38, 4)),
            Agg(AggregateFunction.ArrayAgg, discounted, new ListType(new Field("element", discounted.Type))));
        var row = Assert.Single(Run(plan, batchSize: 1));
        Assert.Equal(Dec("49.0000", 4), row[1]);
        Assert.Equal([Dec("9.0000", 4), Dec("10.0000", 4), Dec("30.0000", 4)], ((object?[])row[2]!).Order());
    }

    [Fact]
    public void WideSumsStayCheckedAndOverflowIsAnError()
    {
        // decimal(38,0): the bound is passed at once; the second addition overflows 128 bits.
        var d = Schema(("v", new DecimalType(38, 0)));
        var sum = Aggregate(Scan(Batches(d, 2, [Max38], [Max38]), d), [], Agg(AggregateFunction.Sum, Col(d, 0), new DecimalType(38, 0)));
        Assert.Equal(ErrorCode.NumericOverflow, Assert.Throws<ExecutionException>(() => Run(sum, batchSize: 2)).Code);
        var avg = Aggregate(Scan(Batches(d, 2, [Max38], [Max38]), d), [], Agg(AggregateFunction.Avg, Col(d, 0), new DecimalType(38, 0)));
        Assert.Equal(ErrorCode.NumericOverflow, Assert.Throws<ExecutionException>(() => Run(avg, batchSize: 2)).Code);
        // decimal(37,0): 11 values near 10^37 fit 128 bits but not 38 digits: the finished sum is an error, the avg is not.
        var n = Schema(("v", new DecimalType(37, 0)));
        var near = Dec("9999999999999999999999999999999999999", 0);
        var rows = Enumerable.Repeat(new object?[] { near }, 11).ToArray();
        var tooBig = Aggregate(Scan(Batches(n, 11, rows), n), [], Agg(AggregateFunction.Sum, Col(n, 0), new DecimalType(38, 0)));
        Assert.Equal(ErrorCode.NumericOverflow, Assert.Throws<ExecutionException>(() => Run(tooBig, batchSize: 11)).Code);
        var average = Aggregate(Scan(Batches(n, 11, rows), n), [], Agg(AggregateFunction.Avg, Col(n, 0), new DecimalType(37, 0)));
        Assert.Equal(near, Assert.Single(Run(average, batchSize: 11))[0]);
        // Ten of them make 10^38 - 10: still 38 digits, exact.
        var ten = Aggregate(Scan(Batches(n, 3, rows[..10]), n), [], Agg(AggregateFunction.Sum, Col(n, 0), new DecimalType(38, 0)));
        Assert.Equal(near * 10, Assert.Single(Run(ten, batchSize: 3))[0]);
    }

    [Fact]
    public void SumsAtThe38DigitLimitAndNullsOnly()
    {
        // Nine values of 10^37 - 1 plus 10^37 + 8: exactly 10^38 - 1, the largest decimal(38,0).
        var n = Schema(("v", new DecimalType(38, 0)));
        var near = Dec("9999999999999999999999999999999999999", 0);
        object?[][] rows = [.. Enumerable.Repeat(new object?[] { near }, 9), [near + 9], [null]];
        var sum = Aggregate(Scan(Batches(n, 4, rows), n), [], Agg(AggregateFunction.Sum, Col(n, 0), new DecimalType(38, 0)));
        Assert.Equal(Max38, Assert.Single(Run(sum, batchSize: 4))[0]);
        var nulls = Schema(("v", Price));
        var none = Aggregate(Scan(Batches(nulls, 2, [null], [null], [null]), nulls), [],
            Agg(AggregateFunction.Sum, Col(nulls, 0), new DecimalType(38, 2)), Agg(AggregateFunction.Avg, Col(nulls, 0), Price));
        Assert.Equal([null, null], Assert.Single(Run(none, batchSize: 2)));
    }
}
