using Xunit;
using QueryEngine.Engine.Columnar;
using QueryEngine.Engine.Execution.Operators;
using QueryEngine.Engine.Execution.Operators.Scan;
using QueryEngine.Engine.Expressions;
using QueryEngine.Engine.Expressions.Evaluation;
using QueryEngine.Engine.Planning;
using QueryEngine.Engine.Tests.Formats.Parquet;

namespace QueryEngine.Engine.Tests.Execution;

/// <summary>
/// <see cref="DictionaryArray"/> and the scan's filter over dictionary-encoded string columns: every predicate keeps
/// exactly the rows the plain filter keeps over the materialized column (nulls, unused and empty dictionaries,
/// several conjuncts, flat conjuncts between encoded ones).
/// </summary>
public sealed class EncodedColumnFilterTests
{
    private static readonly Schema Schema = new([new Field("i", DataType.Int32), new Field("s", DataType.Utf8)]);
    private static readonly ColumnExpr I = new(0, DataType.Int32, "i");
    private static readonly ColumnExpr S = new(1, DataType.Utf8, "s");

    [Fact]
    public void MaterializeTakeAndSliceKeepValuesAndNulls()
    {
        var encoded = Encoded(["AIR", "MAIL", "unused", "SHIP"], [1, 0, 0, 3, 1, 0, 3], [true, true, false, true, true, false, true]);
        var flat = encoded.Materialize();
        Assert.Equal(["MAIL", "AIR", null, "SHIP", "MAIL", null, "SHIP"], Values(flat));
        Assert.Equal(2, flat.NullCount);
        var taken = Assert.IsType<DictionaryArray>(encoded.Take([6, 2, -1, 0]));
        Assert.Same(encoded.Dictionary, taken.Dictionary);
        Assert.Equal(["SHIP", null, null, "MAIL"], Values(taken.Materialize()));
        var sliced = Assert.IsType<DictionaryArray>(encoded.Slice(2, 3));
        Assert.Equal([null, "SHIP", "MAIL"], Values(sliced.Materialize()));
        Assert.Equal(Values(flat), Values(DictionaryArray.Flat(encoded)));
    }

    [Fact]
    public void EveryPredicateKeepsTheRowsThePlainFilterKeeps()
    {
        var dictionaries = new[]
        {
            new[] { "AIR", "MAIL", "SHIP", "RAIL", "TRUCK", "REG AIR", "FOB", "never used" },
            new[] { "Brand#12", "Brand#13", "", "MEDIUM POLISHED TIN", "PROMO BRUSHED STEEL" },
        };
        var predicates = new PhysicalExpr[]
        {
            Compare(BinaryOp.Equal, "MAIL"),
            Compare(BinaryOp.NotEqual, "Brand#12"),
            Compare(BinaryOp.Less, "M"),
            Compare(BinaryOp.GreaterOrEqual, "RAIL"),
            new InListExpr(S, [Text("MAIL"), Text("SHIP"), Text("")], false),
            new InListExpr(S, [Text("MAIL"), new LiteralExpr(null, DataType.Utf8)], true),
            new LikeExpr(S, Text("%AIR"), null, false),
            new LikeExpr(S, Text("MEDIUM POLISHED%"), null, true),
            new ScalarFunctionExpr("starts_with", [S, Text("PROMO")], DataType.Boolean),
            new IsNullExpr(S, false),
            new BinaryExpr(BinaryOp.Or, new IsNullExpr(S, false), Compare(BinaryOp.Equal, "FOB"), DataType.Boolean),
            new NotExpr(Compare(BinaryOp.Equal, "AIR")),
        };
        var random = new Random(7);
        foreach (var dictionary in dictionaries)
        {
            for (var trial = 0; trial < 3; trial++)
            {
                var rows = 1 + random.Next(3000);
                // The last entry is never used; trial 0 has no nulls.
                var indices = Enumerable.Range(0, rows).Select(_ => random.Next(dictionary.Length - 1)).ToArray();
                var valid = Enumerable.Range(0, rows).Select(_ => trial == 0 || random.Next(5) != 0).ToArray();
                var batch = Batch(Encoded(dictionary, indices, valid));
                foreach (var predicate in predicates)
                {
                    AssertSameRows([predicate], batch);
                    AssertSameRows([new BinaryExpr(BinaryOp.Less, I, new LiteralExpr(rows / 2, DataType.Int32), DataType.Boolean), predicate], batch);
                    AssertSameRows([predicate, new BinaryExpr(BinaryOp.Greater, I, new LiteralExpr(rows / 3, DataType.Int32), DataType.Boolean), Compare(BinaryOp.NotEqual, "SHIP")], batch);
                }
            }
        }
    }

    [Fact]
    public void EmptyDictionaryOfAllNullRows()
    {
        var batch = Batch(Encoded([], [0, 0, 0], [false, false, false]));
        AssertSameRows([Compare(BinaryOp.Equal, "x")], batch);
        AssertSameRows([new IsNullExpr(S, false)], batch);
        var filter = EncodedColumnFilter.Create([new IsNullExpr(S, false)], Schema)!;
        Assert.Equal(3, filter.Apply(batch)!.RowCount);
        Assert.Null(filter.Apply(batch.Take([])));
    }

    [Fact]
    public void OnlyDeterministicSingleStringColumnConjunctsAreEncodable()
    {
        var filter = EncodedColumnFilter.Create(
            [
                Compare(BinaryOp.Equal, "a"),
                new BinaryExpr(BinaryOp.Equal, I, new LiteralExpr(1, DataType.Int32), DataType.Boolean),
                new BinaryExpr(BinaryOp.Equal, new ScalarFunctionExpr("length", [S], DataType.Int64), new LiteralExpr(2L, DataType.Int64), DataType.Boolean),
            ],
            Schema)!;
        Assert.Equal([1, 1], filter.EncodableColumns());
        // A conjunct calling a non-deterministic function is never evaluated per entry (the planner's list of them).
        Assert.False(ExprUtil.IsDeterministic(new BinaryExpr(BinaryOp.Equal, S, new ScalarFunctionExpr("uuid", [], DataType.Utf8), DataType.Boolean)));
        Assert.True(ExprUtil.IsDeterministic(Compare(BinaryOp.Equal, "a")));
    }

    [Fact]
    public void TheDictionaryAnswerIsReusedAcrossBatchesOfOneChunk()
    {
        var dictionary = Utf8(["a", "b", "c"]);
        var filter = EncodedColumnFilter.Create([Compare(BinaryOp.Equal, "b")], Schema)!;
        var first = Batch(new DictionaryArray(dictionary, [0, 1, 2, 1], 4));
        var second = Batch(new DictionaryArray(dictionary, [1, 1, 0], 3));
        Assert.Equal(["b", "b"], Values(DictionaryArray.Flat(filter.Apply(first)!.Column(1))));
        Assert.Equal(["b", "b"], Values(DictionaryArray.Flat(filter.Apply(second)!.Column(1))));
        var other = Batch(new DictionaryArray(Utf8(["b", "z"]), [1, 0, 1], 3));
        Assert.Equal(["b"], Values(DictionaryArray.Flat(filter.Apply(other)!.Column(1))));
    }

    private static void AssertSameRows(IReadOnlyList<PhysicalExpr> conjuncts, RecordBatch encoded)
    {
        var flat = DictionaryArray.Flat(encoded);
        var plain = BatchFilter.Apply(BatchFilter.Conjunction(ExpressionCompiler.CompileAll(conjuncts, Schema))!, flat);
        var ours = EncodedColumnFilter.Create(conjuncts, Schema)!.Apply(encoded);
        Assert.Equal(Rows(plain), Rows(ours is null ? null : DictionaryArray.Flat(ours)));
    }

    private static List<string> Rows(RecordBatch? batch)
    {
        var rows = new List<string>();
        if (batch is null) return rows;
        for (var r = 0; r < batch.RowCount; r++) rows.Add($"{batch.Column(0).GetValue(r)}|{batch.Column(1).GetValue(r) ?? "NULL"}");
        return rows;
    }

    private static RecordBatch Batch(DictionaryArray strings)
    {
        var ids = Enumerable.Range(0, strings.Length).ToArray();
        return new RecordBatch(Schema, [new PrimitiveArray<int>(DataType.Int32, ids, ids.Length, null), strings], strings.Length);
    }

    private static DictionaryArray Encoded(string[] dictionary, int[] indices, bool[] valid)
    {
        var validity = new byte[Bitmap.BytesFor(indices.Length)];
        for (var i = 0; i < valid.Length; i++)
        {
            if (valid[i]) Bitmap.Set(validity, i);
        }
        return new DictionaryArray(Utf8(dictionary), indices, indices.Length, validity);
    }

    private static BinaryArray Utf8(string[] values) => ParquetDictionaryReadTests.Utf8(values);

    private static List<string?> Values(ArrowArray array) => Enumerable.Range(0, array.Length).Select(i => (string?)array.GetValue(i)).ToList();

    private static LiteralExpr Text(string value) => new(value, DataType.Utf8);

    private static BinaryExpr Compare(BinaryOp op, string value) => new(op, S, Text(value), DataType.Boolean);
}
