using QueryEngine.Engine.Columnar;
using QueryEngine.Engine.Expressions.Evaluation;

namespace QueryEngine.Engine.Expressions.Functions;

/// <summary>coalesce(a, b, ...): the first non-null argument; later arguments are evaluated only on rows still null.</summary>
internal sealed class CoalesceEvaluator : Evaluator
{
    private readonly Evaluator[] _args;

    public CoalesceEvaluator(DataType type, Evaluator[] args) : base(type, false, args) => _args = args;

    public override Vec Evaluate(RecordBatch batch)
    {
        var n = batch.RowCount;
        var first = _args[0].Evaluate(batch);
        if (first.IsConstant && !first.Array.IsNull(0) || first.Array.NullCount == 0) return first;
        var assembler = new BranchAssembler(Type, n);
        var remaining = Selection.All(n);
        for (var k = 0; k < _args.Length && remaining.Length > 0; k++)
        {
            var values = k == 0 ? first : CaseEvaluator.EvaluateOn(_args[k], batch, remaining);
            if (values.IsConstant)
            {
                if (!values.Array.IsNull(0))
                {
                    assembler.Add(values, remaining);
                    remaining = [];
                }
                continue;
            }
            // values are per row of `remaining` (or per batch row for k == 0, where remaining is every row).
            var array = values.Array;
            var taken = new List<int>();
            var takenPositions = new List<int>();
            var still = new List<int>();
            for (var p = 0; p < remaining.Length; p++)
            {
                if (array.IsNull(p)) still.Add(remaining[p]);
                else
                {
                    taken.Add(remaining[p]);
                    takenPositions.Add(p);
                }
            }
            if (taken.Count > 0)
            {
                var part = taken.Count == remaining.Length ? array : array.Take([.. takenPositions]);
                assembler.Add(Vec.Flat(part), [.. taken]);
            }
            remaining = [.. still];
        }
        return assembler.Build();
    }
}
