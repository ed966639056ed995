using QueryEngine.Engine.Columnar;

namespace QueryEngine.Engine.Execution.Operators;

/// <summary>OFFSET/LIMIT across batches; stops pulling its input as soon as the limit is reached.</summary>
internal sealed class LimitOperator : Operator
{
    private readonly Operator _input;
    private readonly long _offset;
    private readonly long? _limit;

    public LimitOperator(Operator input, long offset, long? limit, ExecutionContext context) : base(input.Schema, context)
    {
        _input = input;
        _offset = offset;
        _limit = limit;
    }

    public override IEnumerable<RecordBatch> Execute()
    {
        var toSkip = _offset;
        var remaining = _limit ?? long.MaxValue;
        if (remaining <= 0) yield break;
        foreach (var batch in _input.Execute())
        {
            Context.Cancellation.ThrowIfCancellationRequested();
            var start = 0;
            if (toSkip > 0)
            {
                if (toSkip >= batch.RowCount)
                {
                    toSkip -= batch.RowCount;
                    continue;
                }
                start = (int)toSkip;
                toSkip = 0;
            }
            var available = batch.RowCount - start;
            var take = (int)Math.Min(available, remaining);
            if (take <= 0) continue;
            yield return start == 0 && take == batch.RowCount ? batch : batch.Slice(start, take);
            remaining -= take;
            if (remaining == 0) yield break;
        }
    }
}
