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
}
