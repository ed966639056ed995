using QueryEngine.Engine.Columnar;
using QueryEngine.Engine.Execution.Vectors;
using QueryEngine.Engine.Expressions.Evaluation;

namespace QueryEngine.Engine.Execution.Operators.Join.HashJoin;

/// <summary>
/// Probes the hash table with one left batch at a time: keys are encoded and hashed for the whole batch, matches are
/// gathered into (probe row, build row) index vectors of at most the batch size, and each full vector becomes output
/// through one <c>Take</c> per column.
/// </summary>
internal sealed class HashJoinProbe
{
    private readonly JoinHashTable _table;
    private readonly KeyEncoder _encoder;
    private readonly Evaluator[] _keys;
    private readonly JoinEmitter _emitter;
    private readonly bool _nullsEqual;
    private readonly int[] _probeRows;
    private readonly int[] _buildRows;

    public HashJoinProbe(JoinHashTable table, KeyEncoder encoder, Evaluator[] keys, JoinEmitter emitter, bool nullsEqual, int batchSize)
    {
        _table = table;
        _encoder = encoder;
        _keys = keys;
        _emitter = emitter;
        _nullsEqual = nullsEqual;
        _probeRows = new int[batchSize];
        _buildRows = new int[batchSize];
    }

    public IEnumerable<RecordBatch> Probe(RecordBatch probe)
    {
        _emitter.BeginProbe(probe);
        var keys = JoinKeys.Create(EvaluateAll(_keys, probe), probe.RowCount, _encoder);
        var row = 0;
        var chain = Start;
        while (row < probe.RowCount)
        {
            var count = Fill(keys, ref row, ref chain);
            var output = _emitter.Pairs(probe, _probeRows, _buildRows, count);
            if (output is not null) yield return output;
        }
        foreach (var output in _emitter.FinishProbe(probe)) yield return output;
    }

    private const int Start = int.MinValue;

    private static ArrowArray[] EvaluateAll(Evaluator[] exprs, RecordBatch batch)
    {
        var result = new ArrowArray[exprs.Length];
        for (var i = 0; i < result.Length; i++) result[i] = exprs[i].EvaluateFlat(batch);
        return result;
    }

    /// <summary>
    /// Gathers matching pairs from probe row <paramref name="row"/> (resuming inside its chain at <paramref name="chain"/>)
    /// until the index vectors are full or the batch is done; returns how many pairs were gathered.
    /// </summary>
    private int Fill(JoinKeys keys, ref int row, ref int chain)
    {
        var count = 0;
        var capacity = _probeRows.Length;
        var firstOnly = _emitter.FirstMatchSuffices;
        while (row < keys.Rows)
        {
            int b;
            if (chain == Start)
            {
                if (!_nullsEqual && keys.HasNull(row))
                {
                    row++;
                    continue;
                }
                b = _table.First(keys.Hashes[row]);
            }
            else
            {
                b = chain;
            }
            while (b >= 0)
            {
                var next = _table.Next(b);
                if (_table.Matches(b, keys, row))
                {
                    _probeRows[count] = row;
                    _buildRows[count] = b;
                    count++;
                    if (firstOnly) next = -1;
                    if (count == capacity)
                    {
                        chain = next;
                        if (chain < 0)
                        {
                            row++;
                            chain = Start;
                        }
                        return count;
                    }
                }
                b = next;
            }
            row++;
            chain = Start;
        }
        return count;
    }
}
