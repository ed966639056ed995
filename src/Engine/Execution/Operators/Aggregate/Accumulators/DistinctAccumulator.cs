using QueryEngine.Engine.Columnar;

namespace QueryEngine.Engine.Execution.Operators.Aggregate.Accumulators;

/// <summary>
/// agg(DISTINCT x): a per-group set of seen values (one hash table keyed by (group, value)); only the first occurrence
/// of each pair reaches the wrapped accumulator.
/// </summary>
internal sealed class DistinctAccumulator : Accumulator
{
    private readonly Accumulator _inner;
    private readonly GroupTable _seen;

    public DistinctAccumulator(Accumulator inner, DataType argType)
    {
        _inner = inner;
        _seen = new GroupTable([DataType.Int32, argType]);
    }

    public override bool CanMerge => false;

    public override void Resize(int groups) => _inner.Resize(groups);

    public override void Update(int[] groups, ArrowArray[] args, int rows)
    {
        var before = _seen.GroupCount;
        var ids = _seen.FindOrInsert([new PrimitiveArray<int>(DataType.Int32, groups, rows), args[0]], rows);
        var next = before;
        var fresh = new List<int>();
        for (var i = 0; i < rows; i++)
        {
            if (ids[i] == next)
            {
                fresh.Add(i);
                next++;
            }
        }
        if (fresh.Count == 0) return;
        if (fresh.Count == rows)
        {
            _inner.Update(groups, args, rows);
            return;
        }
        int[] selected = [.. fresh];
        var subGroups = new int[selected.Length];
        for (var k = 0; k < selected.Length; k++) subGroups[k] = groups[selected[k]];
        _inner.Update(subGroups, [args[0].Take(selected)], selected.Length);
    }

    public override void Merge(Accumulator other, int[] map) =>
        throw new Common.InternalException("DISTINCT aggregates are not merged");

    public override ArrowArray Finish(int groups) => _inner.Finish(groups);
}
