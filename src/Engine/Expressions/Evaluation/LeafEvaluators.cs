using QueryEngine.Engine.Columnar;

namespace QueryEngine.Engine.Expressions.Evaluation;

/// <summary>Reads an input column.</summary>
internal sealed class ColumnEvaluator : Evaluator
{
    private readonly int _index;

    public ColumnEvaluator(int index, DataType type) : base(type, false)
    {
        _index = index;
        Columns = [index];
    }

    public override Vec Evaluate(RecordBatch batch) => Vec.Flat(batch.Column(_index));
}

/// <summary>A constant.</summary>
internal sealed class LiteralEvaluator : Evaluator
{
    public LiteralEvaluator(ArrowArray single) : base(single.Type, false) => Value = single;

    public ArrowArray Value { get; }

    public bool IsNull => Value.IsNull(0);

    public override bool IsConstant => true;

    public override Vec Evaluate(RecordBatch batch) => Vec.Constant(Value);
}
