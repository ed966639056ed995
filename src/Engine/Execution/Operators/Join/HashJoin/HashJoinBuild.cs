using QueryEngine.Engine.Columnar;
using QueryEngine.Engine.Execution.Memory;
using QueryEngine.Engine.Execution.Vectors;
using QueryEngine.Engine.Expressions.Evaluation;

namespace QueryEngine.Engine.Execution.Operators.Join.HashJoin;

/// <summary>
/// The built side of a hash join: the right input materialized into one batch, its encoded keys and the hash table.
/// Immutable once built, so any number of probe workers can share it.
/// </summary>
internal sealed class HashJoinBuild
{
    private HashJoinBuild(RecordBatch batch, KeyEncoder encoder, JoinHashTable table, MemoryReservation memory)
    {
        Batch = batch;
        Encoder = encoder;
        Table = table;
        Memory = memory;
    }

    /// <summary>The bytes the build holds against the query's memory limit; freed when the join is done with it.</summary>
    public MemoryReservation Memory { get; }

    public RecordBatch Batch { get; }

    public KeyEncoder Encoder { get; }

    public JoinHashTable Table { get; }

    /// <summary>
    /// Buffers the right input, reserving twice each batch's size (the batches and their concatenation) and then the
    /// hash table's arrays; a build that does not fit in the query's memory limit fails naming the join.
    /// </summary>
    public static HashJoinBuild Create(Operator right, Evaluator[] keys, bool nullsEqual, MemoryReservation memory, CancellationToken cancellation)
    {
        var batches = new List<RecordBatch>();
        long buffered = 0;
        foreach (var batch in right.Execute())
        {
            cancellation.ThrowIfCancellationRequested();
            if (batch.RowCount == 0) continue;
            var bytes = BatchBytes.Of(batch);
            memory.Grow(2 * bytes);
            buffered += bytes;
            batches.Add(batch);
        }
        var build = ArrayConcat.Concat(batches, right.Schema);
        batches.Clear();
        memory.Shrink(buffered);
        // Hashes, chain links and buckets (twice the rows), plus the encoded keys.
        memory.Grow((long)build.RowCount * (sizeof(ulong) + 3 * sizeof(int)) + KeyBytes(keys, build.RowCount));
        var encoder = new KeyEncoder([.. keys.Select(k => k.Type)]);
        var columns = new ArrowArray[keys.Length];
        for (var i = 0; i < columns.Length; i++) columns[i] = keys[i].EvaluateFlat(build);
        var encoded = JoinKeys.Create(columns, build.RowCount, encoder);
        return new HashJoinBuild(build, encoder, new JoinHashTable(encoded, nullsEqual), memory);
    }

    private static long KeyBytes(Evaluator[] keys, int rows)
    {
        long perRow = 0;
        foreach (var key in keys) perRow += Math.Max(key.Type.FixedWidth, sizeof(long));
        return perRow * rows;
    }
}
