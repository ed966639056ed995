using QueryEngine.Engine.Columnar;
using QueryEngine.Engine.Common;

namespace QueryEngine.Engine.Expressions.Evaluation;

/// <summary>
/// TRY(expr): the value of <c>expr</c>, or NULL on the rows where evaluating it raises a data error (division by zero,
/// overflow, a bad cast, an invalid function argument), as Trino defines TRY. The whole batch is evaluated at once;
/// only when that fails are the rows split in halves until each failing row is isolated, so a batch without errors
/// costs one evaluation and a batch with k bad rows about k·log(n) small ones.
/// </summary>
internal sealed class TryEvaluator : Evaluator
{
    private readonly Evaluator _input;

    public TryEvaluator(Evaluator input) : base(input.Type, false, input)
    {
        _input = input;
    }

    public override Vec Evaluate(RecordBatch batch)
    {
        if (TryEvaluate(batch, out var all)) return all;
        var assembler = new BranchAssembler(Type, batch.RowCount);
        Split(batch, Selection.All(batch.RowCount), assembler);
        return assembler.Build();
    }

    private void Split(RecordBatch batch, int[] rows, BranchAssembler assembler)
    {
        if (rows.Length == 0) return;
        if (TryEvaluate(Selection.TakeColumns(batch, rows, Columns), out var values))
        {
            assembler.Add(values, rows);
            return;
        }
        if (rows.Length == 1) return; // the failing row stays NULL
        var half = rows.Length / 2;
        Split(batch, rows[..half], assembler);
        Split(batch, rows[half..], assembler);
    }

    private bool TryEvaluate(RecordBatch batch, out Vec values)
    {
        try
        {
            values = _input.Evaluate(batch);
            return true;
        }
        catch (ExecutionException)
        {
            values = default;
            return false;
        }
    }
}
