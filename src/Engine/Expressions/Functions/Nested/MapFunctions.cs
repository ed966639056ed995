using QueryEngine.Engine.Columnar;
using QueryEngine.Engine.Common;
using QueryEngine.Engine.Execution.Vectors;
using QueryEngine.Engine.Expressions.Evaluation;

namespace QueryEngine.Engine.Expressions.Functions.Nested;

/// <summary>map_keys, map_values and map_from_entries: maps share their offsets with their key and value lists.</summary>
internal static class MapFunctions
{
    public static ArrowArray Keys(Vec[] args, int rows)
    {
        var maps = Lists.FlatMap(args[0], rows);
        return new ListArray(Lists.ListOf(maps.Keys.Type), maps.Offsets, maps.Keys, rows, maps.Validity);
    }

    public static ArrowArray Values(Vec[] args, int rows)
    {
        var maps = Lists.FlatMap(args[0], rows);
        return new ListArray(Lists.ListOf(maps.Values.Type), maps.Offsets, maps.Values, rows, maps.Validity);
    }

    /// <summary>map_from_entries(array(row(k, v))): null entries are an error, as are null or repeated keys.</summary>
    public static ArrowArray FromEntries(Vec[] args, int rows, MapType type)
    {
        var lists = Lists.Flat(args[0], rows);
        var entries = (StructArray)lists.Values;
        if (entries.NullCount > 0) throw new ExecutionException("map entry cannot be null");
        var result = new MapArray(type, lists.Offsets, entries.Children[0], entries.Children[1], rows, lists.Validity);
        Constructors.CheckKeys(result);
        return result;
    }

    /// <summary>map_entries(map): array(row(k, v)).</summary>
    public static ArrowArray Entries(Vec[] args, int rows, ListType type)
    {
        var maps = Lists.FlatMap(args[0], rows);
        var entry = (StructType)type.Element.Type;
        var entries = new StructArray(entry, [maps.Keys, maps.Values], maps.Keys.Length);
        return new ListArray(type, maps.Offsets, entries, rows, maps.Validity == null ? null : Bits.Copy(maps.Validity, rows));
    }

    /// <summary>map_concat(m1, ..., mn): every entry, a key repeated in a later map taking the later value; null when any map is null.</summary>
    public static ArrowArray Concat(Vec[] args, int rows, MapType type)
    {
        var maps = new MapArray[args.Length];
        byte[]? validity = null;
        for (var k = 0; k < maps.Length; k++)
        {
            maps[k] = Lists.FlatMap(args[k], rows);
            validity = Bits.And(validity, maps[k].Validity, rows);
        }
        var bases = new int[maps.Length];
        var keyParts = new ArrowArray[maps.Length];
        var valueParts = new ArrowArray[maps.Length];
        for (var k = 0; k < maps.Length; k++)
        {
            bases[k] = k == 0 ? 0 : bases[k - 1] + maps[k - 1].Keys.Length;
            keyParts[k] = maps[k].Keys;
            valueParts[k] = maps[k].Values;
        }
        var keys = ArrayConcat.Concat(keyParts, type.Key.Type);
        var values = ArrayConcat.Concat(valueParts, type.Value.Type);
        var set = new SegmentSet(new ElementKeys(keys));
        var take = new List<int>(keys.Length);
        var segment = new List<int>();
        var offsets = new int[rows + 1];
        for (var r = 0; r < rows; r++)
        {
            if (validity is null || Bitmap.Get(validity, r))
            {
                // Later maps win: walk the entries backwards keeping each key's first sighting, then restore the order.
                segment.Clear();
                var count = 0;
                for (var k = 0; k < maps.Length; k++) count += maps[k].Offsets[r + 1] - maps[k].Offsets[r];
                set.Reset(count);
                for (var k = maps.Length - 1; k >= 0; k--)
                {
                    for (var e = maps[k].Offsets[r + 1] - 1; e >= maps[k].Offsets[r]; e--)
                    {
                        if (set.Add(bases[k] + e) < 0) segment.Add(bases[k] + e);
                    }
                }
                segment.Reverse();
                take.AddRange(segment);
            }
            offsets[r + 1] = take.Count;
        }
        var indices = take.ToArray();
        return new MapArray(type, offsets, keys.Take(indices), values.Take(indices), rows, validity);
    }
}
