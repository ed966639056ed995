using QueryEngine.Engine.Columnar;

namespace QueryEngine.Engine.Execution.Operators;

/// <summary>
/// TABLESAMPLE BERNOULLI (one draw per row, the kept rows gathered in one Take) or SYSTEM (one draw per batch).
/// A ratio of 0 keeps nothing and 1 keeps everything without drawing.
/// </summary>
internal sealed class SampleOperator : Operator
{
    private readonly Operator _input;
    private readonly bool _system;
    private readonly double _ratio;

    public SampleOperator(Operator input, bool system, double ratio, ExecutionContext context) : base(input.Schema, context)
    {
        _input = input;
        _system = system;
        _ratio = ratio;
    }

    public override IEnumerable<RecordBatch> Execute()
    {
        if (_ratio <= 0) yield break;
        var random = new Random();
        foreach (var batch in _input.Execute())
        {
            Context.Cancellation.ThrowIfCancellationRequested();
            if (_ratio >= 1)
            {
                yield return batch;
                continue;
            }
            if (_system)
            {
                if (random.NextDouble() < _ratio) yield return batch;
                continue;
            }
            var keep = new List<int>((int)(batch.RowCount * _ratio) + 1);
            for (var i = 0; i < batch.RowCount; i++)
            {
                if (random.NextDouble() < _ratio) keep.Add(i);
            }
            if (keep.Count == batch.RowCount) yield return batch;
            else if (keep.Count > 0) yield return batch.Take(keep.ToArray());
        }
    }
}
