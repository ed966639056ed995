using QueryEngine.Engine.Columnar;
using QueryEngine.Engine.Execution.Operators.Sort;
using QueryEngine.Engine.Execution.Plan;
using QueryEngine.Engine.Execution.Vectors;
using QueryEngine.Engine.Expressions;
using QueryEngine.Engine.Expressions.Functions.Nested;

namespace QueryEngine.Engine.Execution.Operators.Aggregate.Accumulators;

/// <summary>
/// array_agg(x) (nulls kept) and map_agg(k, v) (null keys skipped, the first value of a repeated key kept): every
/// input row is copied out of its batch in one Take with its group id; <see cref="Finish"/> orders the rows by group
/// with a counting sort and builds the lists (or maps) in one gather. A group without rows is null.
/// </summary>
internal sealed class CollectAccumulator : Accumulator
{
    private readonly DataType _type;
    private readonly List<ArrowArray[]> _chunks = [];
    private int[] _groupOf = new int[64];
    private int _rows;
    private int _groups;

    private readonly IReadOnlyList<AggregateOrder>? _order;

    private readonly bool _histogram;

    public CollectAccumulator(DataType resultType, IReadOnlyList<AggregateOrder>? order, bool histogram = false)
    {
        _type = resultType;
        _order = order;
        _histogram = histogram;
    }

    /// <summary>Whether input rows are (key, value) pairs of a map_agg.</summary>
    private bool IsMap => _type is MapType && !_histogram;

    public override void Resize(int groups) => _groups = Math.Max(_groups, groups);

    public override void Update(int[] groups, ArrowArray[] args, int rows)
    {
        int[] keep;
        if ((IsMap || _histogram) && args[0].NullCount > 0)
        {
            var list = new List<int>(rows);
            for (var i = 0; i < rows; i++)
            {
                if (!args[0].IsNull(i)) list.Add(i);
            }
            keep = [.. list];
        }
        else
        {
            keep = new int[rows];
            for (var i = 0; i < rows; i++) keep[i] = i;
        }
        if (keep.Length == 0) return;
        Grow(ref _groupOf, _rows + keep.Length);
        for (var i = 0; i < keep.Length; i++) _groupOf[_rows + i] = groups[keep[i]];
        var chunk = new ArrowArray[args.Length];
        for (var a = 0; a < chunk.Length; a++) chunk[a] = keep.Length == args[a].Length ? args[a] : args[a].Take(keep);
        _chunks.Add(chunk);
        _rows += keep.Length;
    }

    public override void Merge(Accumulator other, int[] map)
    {
        var o = (CollectAccumulator)other;
        Grow(ref _groupOf, _rows + o._rows);
        for (var i = 0; i < o._rows; i++) _groupOf[_rows + i] = map[o._groupOf[i]];
        _chunks.AddRange(o._chunks);
        _rows += o._rows;
    }

    public override ArrowArray Finish(int groups)
    {
        var counts = new int[groups + 1];
        for (var i = 0; i < _rows; i++) counts[_groupOf[i] + 1]++;
        var offsets = new int[groups + 1];
        for (var g = 0; g < groups; g++) offsets[g + 1] = offsets[g] + counts[g + 1];
        var next = (int[])offsets.Clone();
        var order = new int[_rows];
        for (var i = 0; i < _rows; i++) order[next[_groupOf[i]]++] = i;
        if (_order is { Count: > 0 } && _rows > 0) order = SortWithinGroups(order, _order.Count);
        byte[]? validity = null;
        for (var g = 0; g < groups; g++)
        {
            if (offsets[g + 1] > offsets[g]) continue;
            validity ??= Bitmap.AllSet(groups);
            Bitmap.Clear(validity, g);
        }
        var columns = new ArrowArray[IsMap ? 2 : 1];
        var parts = new ArrowArray[_chunks.Count];
        for (var a = 0; a < columns.Length; a++)
        {
            for (var c = 0; c < parts.Length; c++) parts[c] = _chunks[c][a];
            var type = _type is MapType m ? (a == 0 ? m.Key.Type : m.Value.Type) : ((ListType)_type).Element.Type;
            if (_histogram) type = ((MapType)_type).Key.Type;
            columns[a] = ArrayConcat.Concat(parts, type).Take(order);
        }
        if (_type is ListType list) return new ListArray(list, offsets, columns[0], groups, validity);
        if (_histogram) return Counts((MapType)_type, offsets, columns[0], groups, validity);
        return DistinctKeys((MapType)_type, offsets, columns[0], columns[1], groups, validity);
    }

    /// <summary>ORDER BY inside the aggregate: one sort of all collected rows by (group, keys...); groups stay contiguous and in order.</summary>
    private int[] SortWithinGroups(int[] byGroup, int keyCount)
    {
        var valueCount = IsMap ? 2 : 1;
        var keys = new ArrowArray[keyCount + 1];
        keys[0] = new PrimitiveArray<int>(DataType.Int32, _groupOf.AsSpan(0, _rows).ToArray());
        var parts = new ArrowArray[_chunks.Count];
        for (var k = 0; k < keyCount; k++)
        {
            for (var c = 0; c < parts.Length; c++) parts[c] = _chunks[c][valueCount + k];
            keys[k + 1] = ArrayConcat.Concat(parts, parts[0].Type);
        }
        var specs = new SortKey[keys.Length];
        specs[0] = new SortKey(new LiteralExpr(0, DataType.Int32), Ascending: true, NullsFirst: false);
        for (var k = 0; k < keyCount; k++) specs[k + 1] = new SortKey(new LiteralExpr(0, DataType.Int32), _order![k].Ascending, _order[k].NullsFirst);
        var sorted = RowSorter.Sort(keys, specs, _rows);
        return sorted.Length == byGroup.Length ? sorted : byGroup;
    }

    /// <summary>histogram(x): each group's distinct values (in first-seen order) with how often they occur.</summary>
    private static MapArray Counts(MapType type, int[] offsets, ArrowArray values, int groups, byte[]? validity)
    {
        var set = new SegmentSet(new ElementKeys(values));
        var keep = new List<int>(values.Length);
        var counts = new List<long>(values.Length);
        var slotOf = new int[values.Length];
        var newOffsets = new int[groups + 1];
        for (var g = 0; g < groups; g++)
        {
            set.Reset(offsets[g + 1] - offsets[g]);
            for (var k = offsets[g]; k < offsets[g + 1]; k++)
            {
                var existing = set.Add(k);
                if (existing < 0)
                {
                    slotOf[k] = keep.Count;
                    keep.Add(k);
                    counts.Add(1);
                }
                else
                {
                    counts[slotOf[existing]]++;
                }
            }
            newOffsets[g + 1] = keep.Count;
        }
        return new MapArray(type, newOffsets, values.Take(keep.ToArray()), new PrimitiveArray<long>(DataType.Int64, counts.ToArray()), groups, validity);
    }

    /// <summary>Keeps the first entry of each key within every map.</summary>
    private static MapArray DistinctKeys(MapType type, int[] offsets, ArrowArray keys, ArrowArray values, int groups, byte[]? validity)
    {
        var set = new SegmentSet(new ElementKeys(keys));
        var keep = new List<int>(keys.Length);
        var newOffsets = new int[groups + 1];
        for (var g = 0; g < groups; g++)
        {
            set.Reset(offsets[g + 1] - offsets[g]);
            for (var k = offsets[g]; k < offsets[g + 1]; k++)
            {
                if (set.Add(k) < 0) keep.Add(k);
            }
            newOffsets[g + 1] = keep.Count;
        }
        if (keep.Count == keys.Length) return new MapArray(type, offsets, keys, values, groups, validity);
        var indices = keep.ToArray();
        return new MapArray(type, newOffsets, keys.Take(indices), values.Take(indices), groups, validity);
    }
}
