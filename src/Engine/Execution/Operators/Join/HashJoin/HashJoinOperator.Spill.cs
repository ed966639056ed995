using QueryEngine.Engine.Columnar;
using QueryEngine.Engine.Execution.Memory;
using QueryEngine.Engine.Execution.Plan;
using QueryEngine.Engine.Execution.Vectors;
using QueryEngine.Engine.Expressions.Evaluation;

namespace QueryEngine.Engine.Execution.Operators.Join.HashJoin;

/// <summary>
/// Grace hash join: when the build side does not fit in the query's memory limit (and spilling is on), both sides are
/// split by join-key hash into <see cref="SpillPartitionWriter.Count"/> spill partitions, and each pair of partitions is
/// joined on its own: a row can only match rows of the same partition, and every row of either side lands in exactly
/// one partition, so unmatched rows (outer, anti) and matched ones (semi) come out exactly once. A build partition that
/// still does not fit splits again with the next level's hash seed.
/// </summary>
internal sealed partial class HashJoinOperator
{
    /// <summary>Split levels before a build partition that still does not fit fails with the memory-limit error.</summary>
    private const int MaxSpillLevel = 4;

    /// <summary>An in-memory build, or the build side written into spill partitions at <paramref name="Level"/>.</summary>
    private sealed record BuildOutcome(HashJoinBuild? Build, SpillFile?[]? Partitions, int Level);

    private OperatorStats? Stats => Context.Profile?.For(_plan);

    /// <summary>Joins one build input with one probe input, in memory when the build fits, else partition by partition.</summary>
    private IEnumerable<RecordBatch> Join(IEnumerable<RecordBatch> right, IEnumerable<RecordBatch> left, int level)
    {
        var outcome = Build(right, level);
        if (outcome.Build is { } build)
        {
            foreach (var output in ProbeAll(build, left)) yield return output;
            yield break;
        }
        var probeParts = PartitionProbe(left, level);
        var lists = new IReadOnlyList<SpillFile>[probeParts.Length];
        for (var p = 0; p < lists.Length; p++) lists[p] = probeParts[p] is { } file ? [file] : [];
        foreach (var output in JoinPartitions(outcome.Partitions!, lists, level)) yield return output;
    }

    /// <summary>
    /// Buffers the build input under the memory limit. When a batch does not fit and spilling is on, what is buffered
    /// and the rest of the input go to spill partitions instead (level <paramref name="level"/>'s hash seed).
    /// </summary>
    private BuildOutcome Build(IEnumerable<RecordBatch> right, int level)
    {
        var keys = CompileKeys().Right;
        var encoder = new KeyEncoder([.. keys.Select(k => k.Type)]);
        var memory = Context.Reserve("HashJoin build", _plan);
        var batches = new List<RecordBatch>();
        long buffered = 0;
        SpillPartitionWriter? spill = null;
        try
        {
            foreach (var batch in right)
            {
                Context.Cancellation.ThrowIfCancellationRequested();
                if (batch.RowCount == 0) continue;
                if (spill is not null)
                {
                    spill.AppendAll(batch, KeyHashes(keys, encoder, batch));
                    continue;
                }
                var bytes = HashJoinBuild.ReserveFor(batch, keys);
                if (memory.TryGrow(bytes))
                {
                    batches.Add(batch);
                    buffered += BatchBytes.Of(batch);
                    continue;
                }
                // Spilling is off, or the partition did not split at the deepest level: fail naming the join.
                if (!Context.Memory.SpillEnabled || level >= MaxSpillLevel) memory.Grow(bytes);
                spill = new SpillPartitionWriter(Context.Memory.Spill, "join-build", _right.Schema, level, Context.BatchSize, Stats);
                foreach (var held in batches) spill.AppendAll(held, KeyHashes(keys, encoder, held));
                batches.Clear();
                memory.Free();
                spill.AppendAll(batch, KeyHashes(keys, encoder, batch));
            }
            if (spill is not null)
            {
                memory.Dispose();
                return new BuildOutcome(null, spill.FinishPartitions(), level);
            }
            var build = HashJoinBuild.FromBatches(batches, buffered, _right.Schema, keys, _plan.NullsEqual, memory);
            if (level == 0) PublishDynamicFilter(build);
            return new BuildOutcome(build, null, level);
        }
        catch
        {
            memory.Dispose();
            throw;
        }
        finally
        {
            spill?.Dispose();
        }
    }

    /// <summary>Writes the probe input into spill partitions with the same hash and seed as the build side's.</summary>
    private SpillFile?[] PartitionProbe(IEnumerable<RecordBatch> left, int level)
    {
        var (keys, rightKeys) = CompileKeys();
        var encoder = new KeyEncoder([.. rightKeys.Select(k => k.Type)]);
        using var spill = new SpillPartitionWriter(Context.Memory.Spill, "join-probe", _left.Schema, level, Context.BatchSize, Stats);
        foreach (var batch in left)
        {
            Context.Cancellation.ThrowIfCancellationRequested();
            if (batch.RowCount == 0) continue;
            spill.AppendAll(batch, KeyHashes(keys, encoder, batch));
        }
        return spill.FinishPartitions();
    }

    /// <summary>Joins build partition p with the probe files of partition p, for every p, one level deeper.</summary>
    private IEnumerable<RecordBatch> JoinPartitions(SpillFile?[] build, IReadOnlyList<SpillFile>[] probe, int level)
    {
        var emitsBuildRows = _plan.JoinType is JoinType.Right or JoinType.Full;
        for (var p = 0; p < build.Length; p++)
        {
            Context.Cancellation.ThrowIfCancellationRequested();
            var right = build[p];
            var left = probe[p];
            // Nothing can come out of a partition without probe rows (unless build rows are emitted unmatched), or
            // without build rows when the join only emits matches.
            if ((left.Count == 0 && !emitsBuildRows) || (right is null && BuildEmptyMeansNoOutput))
            {
                right?.Delete();
                foreach (var file in left) file.Delete();
                continue;
            }
            var rightRows = right is null ? [] : right.Read(_right.Schema);
            foreach (var output in Join(rightRows, ReadAll(left, _left.Schema), level + 1)) yield return output;
        }
    }

    private static IEnumerable<RecordBatch> ReadAll(IReadOnlyList<SpillFile> files, Schema schema)
    {
        foreach (var file in files)
        {
            foreach (var batch in file.Read(schema)) yield return batch;
        }
    }

    /// <summary>The join-key hash of every row, as the hash table computes it.</summary>
    private static ulong[] KeyHashes(Evaluator[] keys, KeyEncoder encoder, RecordBatch batch)
    {
        var columns = new ArrowArray[keys.Length];
        for (var i = 0; i < columns.Length; i++) columns[i] = keys[i].EvaluateFlat(batch);
        return JoinKeys.Create(columns, batch.RowCount, encoder).Hashes;
    }
}
