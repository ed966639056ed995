using QueryEngine.Engine.Columnar;
using QueryEngine.Engine.Execution.Vectors;

namespace QueryEngine.Engine.Execution.Memory;

/// <summary>
/// Splits rows by key hash into <see cref="Count"/> spill files (Arrow IPC, one per partition, created on first use),
/// for operators whose state does not fit: hash aggregation and grace hash join. Rows wait per partition until a
/// batch's worth is collected, so files hold batches of useful size. Each recursion <c>level</c> uses a different hash
/// seed, so rows that shared a partition at one level spread over the partitions of the next.
/// </summary>
internal sealed class SpillPartitionWriter : IDisposable
{
    /// <summary>Fan-out: partitions per split (four bits of the hash).</summary>
    public const int Count = 16;

    private const int PartitionBits = 4;
    private const ulong LevelSeed = 0x9E3779B97F4A7C15;

    private readonly SpillFiles _files;
    private readonly string _prefix;
    private readonly Schema _schema;
    private readonly int _level;
    private readonly int _flushRows;
    private readonly OperatorStats? _stats;
    private readonly SpillWriter?[] _writers = new SpillWriter?[Count];
    private readonly List<RecordBatch>[] _pending = new List<RecordBatch>[Count];
    private readonly int[] _pendingRows = new int[Count];
    private readonly int[] _counts = new int[Count];
    private readonly int[][] _rows = new int[Count][];

    public SpillPartitionWriter(SpillFiles files, string prefix, Schema schema, int level, int batchSize, OperatorStats? stats)
    {
        _files = files;
        _prefix = prefix;
        _schema = schema;
        _level = level;
        _flushRows = Math.Max(1, batchSize);
        _stats = stats;
        for (var p = 0; p < Count; p++) _pending[p] = [];
    }

    /// <summary>The recursion level whose hash seed this writer partitions by.</summary>
    public int Level => _level;

    /// <summary>The partition of a key hash at recursion level <paramref name="level"/>.</summary>
    public static int PartitionOf(ulong hash, int level) =>
        (int)(Hashing.Mix(hash ^ (LevelSeed * (ulong)(level + 1))) >> (64 - PartitionBits));

    /// <summary>Appends every row of <paramref name="batch"/>; <paramref name="hashes"/> holds each row's key hash.</summary>
    public void AppendAll(RecordBatch batch, ulong[] hashes)
    {
        var rows = new int[batch.RowCount];
        for (var i = 0; i < rows.Length; i++) rows[i] = i;
        Append(batch, rows, hashes);
    }

    /// <summary>Appends the rows <paramref name="rows"/> of <paramref name="batch"/>; <paramref name="hashes"/> is indexed by batch row.</summary>
    public void Append(RecordBatch batch, ReadOnlySpan<int> rows, ulong[] hashes)
    {
        if (rows.Length == 0) return;
        Array.Clear(_counts);
        var partitions = new int[rows.Length];
        for (var i = 0; i < rows.Length; i++)
        {
            var p = PartitionOf(hashes[rows[i]], _level);
            partitions[i] = p;
            _counts[p]++;
        }
        for (var p = 0; p < Count; p++) _rows[p] = _counts[p] == 0 ? [] : new int[_counts[p]];
        Array.Clear(_counts);
        for (var i = 0; i < rows.Length; i++)
        {
            var p = partitions[i];
            _rows[p][_counts[p]++] = rows[i];
        }
        for (var p = 0; p < Count; p++)
        {
            if (_counts[p] == 0) continue;
            var part = _counts[p] == batch.RowCount ? batch : batch.Take(_rows[p]);
            _pending[p].Add(part);
            _pendingRows[p] += part.RowCount;
            if (_pendingRows[p] >= _flushRows) Flush(p);
        }
    }

    private void Flush(int p)
    {
        if (_pendingRows[p] == 0) return;
        var batch = _pending[p].Count == 1 ? _pending[p][0] : ArrayConcat.Concat(_pending[p], _schema);
        _pending[p].Clear();
        _pendingRows[p] = 0;
        (_writers[p] ??= new SpillWriter(_files, _prefix, _schema)).Write(batch);
    }

    /// <summary>Writes what is pending and closes every file; returns the non-empty partitions' files.</summary>
    public List<SpillFile> Finish()
    {
        var result = new List<SpillFile>();
        foreach (var file in FinishPartitions())
        {
            if (file is not null) result.Add(file);
        }
        return result;
    }

    /// <summary>Writes what is pending and closes every file; returns each partition's file by partition number (null when empty).</summary>
    public SpillFile?[] FinishPartitions()
    {
        var result = new SpillFile?[Count];
        var written = 0;
        for (var p = 0; p < Count; p++)
        {
            Flush(p);
            if (_writers[p] is not { } writer) continue;
            var file = writer.Finish();
            _writers[p] = null;
            _stats?.AddSpill(file.Rows, file.Bytes);
            result[p] = file;
            written++;
        }
        _stats?.AddSpillPartitions(written);
        return result;
    }

    /// <summary>Closes and deletes files left unfinished by a failure (finished ones belong to the caller).</summary>
    public void Dispose()
    {
        for (var p = 0; p < Count; p++)
        {
            if (_writers[p] is { } writer)
            {
                writer.Dispose();
                new SpillFile(writer.Path, writer.Rows, 0).Delete();
                _writers[p] = null;
            }
            _pending[p].Clear();
        }
    }
}
