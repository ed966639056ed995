using QueryEngine.Engine.Columnar;
using QueryEngine.Engine.Execution.Vectors;

namespace QueryEngine.Engine.Execution.Operators.Aggregate.Accumulators;

/// <summary>arbitrary(x): the first non-null value seen per group, for any type. New values are copied out of each
/// batch in one Take, so memory stays at one value per group.</summary>
internal sealed class ArbitraryAccumulator : Accumulator
{
    private readonly DataType _type;
    private readonly List<ArrowArray> _chunks = [];
    private int _chunkRows;
    private int[] _slot = new int[16];

    public ArbitraryAccumulator(DataType type)
    {
        _type = type;
        _slot.AsSpan().Fill(-1);
    }

    public override void Resize(int groups)
    {
        var old = _slot.Length;
        Grow(ref _slot, groups);
        _slot.AsSpan(old).Fill(-1);
    }

    public override void Update(int[] groups, ArrowArray[] args, int rows)
    {
        var values = args[0];
        List<int>? taken = null;
        for (var i = 0; i < rows; i++)
        {
            var g = groups[i];
            if (_slot[g] >= 0 || values.IsNull(i)) continue;
            taken ??= [];
            _slot[g] = _chunkRows + taken.Count;
            taken.Add(i);
        }
        if (taken is null) return;
        var chunk = values.Take([.. taken]);
        _chunks.Add(chunk);
        _chunkRows += chunk.Length;
    }

    public override void Merge(Accumulator other, int[] map)
    {
        var o = (ArbitraryAccumulator)other;
        var shift = _chunkRows;
        _chunks.AddRange(o._chunks);
        _chunkRows += o._chunkRows;
        for (var g = 0; g < map.Length; g++)
        {
            if (o._slot[g] >= 0 && _slot[map[g]] < 0) _slot[map[g]] = o._slot[g] + shift;
        }
    }

    public override ArrowArray Finish(int groups)
    {
        var all = ArrayConcat.Concat(_chunks, _type);
        return all.Take(_slot.AsSpan(0, groups));
    }
}
