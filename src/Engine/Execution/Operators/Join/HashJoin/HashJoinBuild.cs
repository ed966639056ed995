using QueryEngine.Engine.Columnar;
using QueryEngine.Engine.Execution.Vectors;
using QueryEngine.Engine.Expressions.Evaluation;

namespace QueryEngine.Engine.Execution.Operators.Join.HashJoin;

/// <summary>
/// The built side of a hash join: the right input materialized into one batch, its encoded keys and the hash table.
/// Immutable once built, so any number of probe workers can share it.
/// </summary>
internal sealed class HashJoinBuild
{
    private HashJoinBuild(RecordBatch batch, KeyEncoder encoder, JoinHashTable table)
    {
        Batch = batch;
        Encoder = encoder;
        Table = table;
    }

    public RecordBatch Batch { get; }

    public KeyEncoder Encoder { get; }

    public JoinHashTable Table { get; }

    public static HashJoinBuild Create(Operator right, Evaluator[] keys, bool nullsEqual, CancellationToken cancellation)
    {
        var batches = new List<RecordBatch>();
        foreach (var batch in right.Execute())
        {
            cancellation.ThrowIfCancellationRequested();
            if (batch.RowCount > 0) batches.Add(batch);
        }
        var build = ArrayConcat.Concat(batches, right.Schema);
        var encoder = new KeyEncoder([.. keys.Select(k => k.Type)]);
        var columns = new ArrowArray[keys.Length];
        for (var i = 0; i < columns.Length; i++) columns[i] = keys[i].EvaluateFlat(build);
        var encoded = JoinKeys.Create(columns, build.RowCount, encoder);
        return new HashJoinBuild(build, encoder, new JoinHashTable(encoded, nullsEqual));
    }
}
