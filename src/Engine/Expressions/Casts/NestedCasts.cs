using QueryEngine.Engine.Columnar;
using QueryEngine.Engine.Common;
using QueryEngine.Engine.Expressions.Functions.Nested;

namespace QueryEngine.Engine.Expressions.Casts;

/// <summary>
/// CAST between array, map and row types: the element (key, value, field) columns are cast with the kernels of their
/// types and the offsets and validity are kept. Rows cast field by position and take the target's field names.
/// </summary>
internal static class NestedCasts
{
    public static CastFunc? Create(DataType from, DataType to)
    {
        switch (from, to)
        {
            case (ListType f, ListType t):
                {
                    var element = CastCompiler.Create(f.Element.Type, t.Element.Type);
                    return (a, isTry) =>
                    {
                        var list = Lists.Compact((ListArray)a);
                        var values = element(list.Values, isTry);
                        var validity = isTry ? FailedParents(list.Values, values, list.Offsets, list.Length, list.Validity) : list.Validity;
                        return new ListArray(t, list.Offsets, values, list.Length, validity);
                    };
                }
            case (MapType f, MapType t):
                {
                    var key = CastCompiler.Create(f.Key.Type, t.Key.Type);
                    var value = CastCompiler.Create(f.Value.Type, t.Value.Type);
                    return (a, isTry) =>
                    {
                        var map = Lists.Compact((MapArray)a);
                        var keys = key(map.Keys, isTry);
                        var values = value(map.Values, isTry);
                        var validity = isTry ? FailedParents(map.Keys, keys, map.Offsets, map.Length, map.Validity) : map.Validity;
                        if (isTry) validity = FailedParents(map.Values, values, map.Offsets, map.Length, validity);
                        var result = new MapArray(t, map.Offsets, keys, values, map.Length, validity);
                        if (!f.Key.Type.Equals(t.Key.Type)) Constructors.CheckKeys(result);
                        return result;
                    };
                }
            case (StructType f, StructType t):
                {
                    if (f.Fields.Count != t.Fields.Count) return null;
                    var fields = new CastFunc[f.Fields.Count];
                    for (var i = 0; i < fields.Length; i++) fields[i] = CastCompiler.Create(f.Fields[i].Type, t.Fields[i].Type);
                    return (a, isTry) =>
                    {
                        var row = (StructArray)a;
                        var children = new ArrowArray[fields.Length];
                        var validity = row.Validity;
                        for (var i = 0; i < children.Length; i++)
                        {
                            children[i] = fields[i](row.Children[i], isTry);
                            if (isTry) validity = FailedParents(row.Children[i], children[i], null, row.Length, validity);
                        }
                        return new StructArray(t, children, row.Length, validity);
                    };
                }
            default:
                return null;
        }
    }

    /// <summary>
    /// TRY_CAST of a nested value is null as a whole when any of its parts failed: parent rows (through
    /// <paramref name="offsets"/>, or the same row for row fields) of elements that turned null are made null.
    /// </summary>
    private static byte[]? FailedParents(ArrowArray before, ArrowArray after, int[]? offsets, int rows, byte[]? validity)
    {
        if (after.NullCount == before.NullCount) return validity;
        var result = validity is null ? Bitmap.AllSet(rows) : (byte[])validity.Clone();
        var parent = 0;
        for (var k = 0; k < after.Length; k++)
        {
            if (!after.IsNull(k) || before.IsNull(k)) continue;
            if (offsets is null)
            {
                parent = k;
            }
            else
            {
                while (offsets[parent + 1] <= k) parent++;
            }
            Bitmap.Clear(result, parent);
        }
        return result;
    }

    /// <summary>Whether a nested cast can raise (some element, key, value or field cast can).</summary>
    public static bool CanFail(DataType from, DataType to) => (from, to) switch
    {
        (ListType f, ListType t) => CastCompiler.CanFail(f.Element.Type, t.Element.Type),
        (MapType, MapType) => true,
        (StructType f, StructType t) => f.Fields.Count != t.Fields.Count || f.Fields.Zip(t.Fields).Any(p => CastCompiler.CanFail(p.First.Type, p.Second.Type)),
        _ => true,
    };

    public static NotSupportedQueryException Unsupported(DataType from, DataType to) =>
        new($"CAST from {from.SqlName} to {to.SqlName} is not supported");
}
