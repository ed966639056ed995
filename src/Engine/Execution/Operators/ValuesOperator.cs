using QueryEngine.Engine.Columnar;
using QueryEngine.Engine.Execution.Vectors;

namespace QueryEngine.Engine.Execution.Operators;

/// <summary>Literal rows, already evaluated into columns at build time; emitted in batches of at most the batch size.</summary>
internal sealed class ValuesOperator : Operator
{
    private readonly RecordBatch _rows;

    public ValuesOperator(RecordBatch rows, ExecutionContext context) : base(rows.Schema, context) => _rows = rows;

    public override IEnumerable<RecordBatch> Execute()
    {
        var size = Context.BatchSize;
        if (_rows.RowCount <= size)
        {
            if (_rows.RowCount > 0 || _rows.Schema.Count == 0) yield return _rows;
            yield break;
        }
        for (var start = 0; start < _rows.RowCount; start += size)
        {
            Context.Cancellation.ThrowIfCancellationRequested();
            yield return _rows.Slice(start, Math.Min(size, _rows.RowCount - start));
        }
    }

    /// <summary>Concatenates one-row columns (one list per output column) into the operator's batch.</summary>
    public static RecordBatch Assemble(Schema schema, List<ArrowArray>[] columns, int rows)
    {
        var arrays = new ArrowArray[schema.Count];
        for (var c = 0; c < arrays.Length; c++) arrays[c] = ArrayConcat.Concat(columns[c], schema[c].Type);
        return new RecordBatch(schema, arrays, rows);
    }
}
