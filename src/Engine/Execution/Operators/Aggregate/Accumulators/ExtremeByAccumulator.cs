using QueryEngine.Engine.Columnar;
using QueryEngine.Engine.Execution.Vectors;

namespace QueryEngine.Engine.Execution.Operators.Aggregate.Accumulators;

/// <summary>
/// max_by(x, y) / min_by(x, y): the x of the row with the largest (smallest) non-null y per group; the first such row
/// wins ties, and x may be NULL. Each batch finds its best row per group first, then copies those x values out in one
/// Take. Keys are compared with the constrained generic <typeparamref name="TKey"/> (no virtual call per row).
/// </summary>
internal sealed class ExtremeByAccumulator<TKey> : Accumulator
    where TKey : unmanaged, IComparable<TKey>
{
    private readonly DataType _type;
    private readonly bool _max;
    private readonly List<ArrowArray> _chunks = [];
    private int _chunkRows;
    private int[] _slot = new int[16];
    private TKey[] _best = new TKey[16];
    private int[] _pending = new int[16];

    public ExtremeByAccumulator(DataType type, bool max)
    {
        _type = type;
        _max = max;
        _slot.AsSpan().Fill(-1);
        _pending.AsSpan().Fill(-1);
    }

    public override void Resize(int groups)
    {
        var old = _slot.Length;
        Grow(ref _slot, groups);
        _slot.AsSpan(old).Fill(-1);
        Grow(ref _best, groups);
        old = _pending.Length;
        Grow(ref _pending, groups);
        _pending.AsSpan(old).Fill(-1);
    }

    public override void Update(int[] groups, ArrowArray[] args, int rows)
    {
        var keys = (PrimitiveArray<TKey>)args[1];
        var buffer = keys.Buffer;
        List<int>? touched = null;
        for (var i = 0; i < rows; i++)
        {
            if (keys.IsNull(i)) continue;
            var g = groups[i];
            var key = buffer[i];
            if (_pending[g] < 0)
            {
                if (_slot[g] >= 0 && !Better(key, _best[g])) continue;
                touched ??= [];
                touched.Add(g);
            }
            else if (!Better(key, _best[g])) continue;
            _pending[g] = i;
            _best[g] = key;
        }
        if (touched is null) return;
        var take = new int[touched.Count];
        for (var t = 0; t < take.Length; t++)
        {
            var g = touched[t];
            take[t] = _pending[g];
            _slot[g] = _chunkRows + t;
            _pending[g] = -1;
        }
        var chunk = args[0].Take(take);
        _chunks.Add(chunk);
        _chunkRows += chunk.Length;
    }

    private bool Better(TKey candidate, TKey current)
    {
        var c = candidate.CompareTo(current);
        return _max ? c > 0 : c < 0;
    }

    public override void Merge(Accumulator other, int[] map)
    {
        var o = (ExtremeByAccumulator<TKey>)other;
        var shift = _chunkRows;
        _chunks.AddRange(o._chunks);
        _chunkRows += o._chunkRows;
        for (var g = 0; g < map.Length; g++)
        {
            if (o._slot[g] < 0) continue;
            var target = map[g];
            if (_slot[target] >= 0 && !Better(o._best[g], _best[target])) continue;
            _slot[target] = o._slot[g] + shift;
            _best[target] = o._best[g];
        }
    }

    public override ArrowArray Finish(int groups)
    {
        var all = ArrayConcat.Concat(_chunks, _type);
        return all.Take(_slot.AsSpan(0, groups));
    }
}
