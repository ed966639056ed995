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

    /// <summary>What buffering <paramref name="batch"/> reserves: the batch, its copy in the concatenation, and hashes, chain links, buckets and encoded keys for its rows.</summary>
    public static long ReserveFor(RecordBatch batch, Evaluator[] keys) =>
        2 * BatchBytes.Of(batch) + (long)batch.RowCount * (sizeof(ulong) + 3 * sizeof(int)) + KeyBytes(keys, batch.RowCount);

    /// <summary>
    /// The build over batches already buffered under <paramref name="memory"/> (<see cref="ReserveFor"/> each,
    /// <paramref name="bufferedBytes"/> their own size, released once they are concatenated).
    /// </summary>
    public static HashJoinBuild FromBatches(List<RecordBatch> batches, long bufferedBytes, Schema schema, Evaluator[] keys, bool nullsEqual, MemoryReservation memory)
    {
        var build = ArrayConcat.Concat(batches, schema);
        batches.Clear();
        memory.Shrink(bufferedBytes);
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
