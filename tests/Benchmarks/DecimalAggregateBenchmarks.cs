using BenchmarkDotNet.Attributes;
using QueryEngine.Engine.Columnar;
using QueryEngine.Engine.Execution.Operators.Aggregate.Accumulators;
using QueryEngine.Engine.Expressions;
using QueryEngine.Engine.Expressions.Evaluation;

namespace QueryEngine.Benchmarks;

/// <summary>
/// TPC-H Q1's decimal work per batch, 16 batches of 65,536 rows of decimal(15,2) price, discount and tax, in four
/// groups. Charge: <c>p * (1 - d) * (1 + t)</c> evaluated and summed, its nodes writing into new arrays per batch
/// (<see cref="ExpressionCompiler.Compile"/>, as before) or into their reused buffers
/// (<see cref="ExpressionCompiler.CompileReusingBuffers"/>, as a sum's argument now is). Sum: the charges folded
/// into a decimal sum accumulator whose input type is declared decimal(15,6) (every charge here is below 10^15, so
/// the additions are proven safe and unchecked) or decimal(38,6) (the bound is passed at once, so every addition is
/// checked, as all were before).
/// </summary>
[MemoryDiagnoser]
public class DecimalAggregateBenchmarks
{
    private const int BatchRows = 65_536;
    private const int Batches = 16;
    private static readonly DecimalType Price = new(15, 2);
    private static readonly Schema Input = new([new Field("p", Price), new Field("d", Price), new Field("t", Price)]);

    private RecordBatch[] _batches = [];
    private ArrowArray[][] _charges = [];
    private int[] _groups = [];
    private Int128 _expectedCharge;

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(10);
        _batches = new RecordBatch[Batches];
        for (var b = 0; b < Batches; b++)
        {
            var price = new Int128[BatchRows];
            var discount = new Int128[BatchRows];
            var tax = new Int128[BatchRows];
            for (var i = 0; i < BatchRows; i++)
            {
                price[i] = random.Next(90_000, 10_500_000);
                discount[i] = random.Next(0, 11);
                tax[i] = random.Next(0, 9);
            }
            _batches[b] = new RecordBatch(Input,
                [new PrimitiveArray<Int128>(Price, price), new PrimitiveArray<Int128>(Price, discount), new PrimitiveArray<Int128>(Price, tax)], BatchRows);
        }
        _groups = new int[BatchRows];
        for (var i = 0; i < BatchRows; i++) _groups[i] = random.Next(0, 4);
        var charge = ExpressionCompiler.Compile(Charge(), Input);
        _charges = [.. _batches.Select(batch => new[] { charge.EvaluateFlat(batch) })];
        _expectedCharge = 0;
        foreach (var batch in _batches)
        {
            var p = ((PrimitiveArray<Int128>)batch.Column(0)).Values;
            var d = ((PrimitiveArray<Int128>)batch.Column(1)).Values;
            var t = ((PrimitiveArray<Int128>)batch.Column(2)).Values;
            for (var i = 0; i < BatchRows; i++) _expectedCharge += p[i] * (100 - d[i]) * (100 + t[i]);
        }
    }

    private static BinaryExpr Arithmetic(BinaryOp op, PhysicalExpr left, PhysicalExpr right) =>
        new(op, left, right, TypeRules.Arithmetic(op, left.Type, right.Type)!);

    private static BinaryExpr Charge() => Arithmetic(BinaryOp.Multiply,
        Arithmetic(BinaryOp.Multiply, new ColumnExpr(0, Price, "p"), Arithmetic(BinaryOp.Subtract, new LiteralExpr(1, DataType.Int32), new ColumnExpr(1, Price, "d"))),
        Arithmetic(BinaryOp.Add, new LiteralExpr(1, DataType.Int32), new ColumnExpr(2, Price, "t")));

    [Benchmark(Baseline = true, Description = "charge, new arrays")]
    public Int128 ChargeFreshArrays() => SumCharge(ExpressionCompiler.Compile(Charge(), Input));

    [Benchmark(Description = "charge, reused buffers")]
    public Int128 ChargeReusedBuffers() => SumCharge(ExpressionCompiler.CompileReusingBuffers(Charge(), Input));

    [Benchmark(Description = "sum, checked additions")]
    public Int128 SumChecked() => Fold(38);

    [Benchmark(Description = "sum, proven unchecked")]
    public Int128 SumUnchecked() => Fold(15);

    private Int128 SumCharge(Evaluator charge)
    {
        Int128 total = 0;
        foreach (var batch in _batches)
        {
            var values = ((PrimitiveArray<Int128>)charge.EvaluateFlat(batch)).Values;
            for (var i = 0; i < values.Length; i++) total += values[i];
        }
        return Check(total);
    }

    /// <summary>The charges summed per group by the accumulator (its input type decides checked or not).</summary>
    private Int128 Fold(int inputPrecision)
    {
        var accumulator = new SumDecimalAccumulator(new DecimalType(38, 6), new DecimalType(inputPrecision, 6));
        accumulator.Resize(4);
        foreach (var args in _charges) accumulator.Update(_groups, args, BatchRows);
        var sums = (PrimitiveArray<Int128>)accumulator.Finish(4);
        Int128 total = 0;
        for (var g = 0; g < 4; g++) total += sums[g];
        return Check(total);
    }

    private Int128 Check(Int128 total)
    {
        if (total != _expectedCharge) throw new InvalidOperationException($"expected {_expectedCharge}, got {total}");
        return total;
    }
}
