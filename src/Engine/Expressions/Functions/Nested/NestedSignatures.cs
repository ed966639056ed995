using QueryEngine.Engine.Columnar;

namespace QueryEngine.Engine.Expressions.Functions.Nested;

/// <summary>Signatures of the array, map and row functions (element types flow from the argument types).</summary>
internal static class NestedSignatures
{
    public static ResolvedFunction? Resolve(string name, IReadOnlyList<DataType> args)
    {
        switch (name)
        {
            case "$array":
                {
                    var element = Common(args);
                    return element is null ? null : new ResolvedFunction(name, Repeat(element, args.Count), Lists.ListOf(element));
                }
            case "$row" when args.Count > 0:
                return new ResolvedFunction(name, [.. args], AnonymousRow(args));
            case "cardinality" when args.Count == 1 && args[0].Id is TypeId.List or TypeId.Map:
                return new ResolvedFunction(name, [args[0]], DataType.Int64);
            case "$subscript" or "element_at" when args.Count == 2 && args[0] is ListType && IsInteger(args[1]):
                return new ResolvedFunction(name, [args[0], DataType.Int64], Element(args[0]));
            case "$subscript" or "element_at" when args.Count == 2 && args[0] is MapType m && TypeRules.CanCoerceImplicitly(args[1], m.Key.Type):
                return new ResolvedFunction(name, [args[0], m.Key.Type], m.Value.Type);
            case "contains" or "array_position" when args.Count == 2 && args[0] is ListType:
                {
                    var common = TypeRules.CommonSuperType(Element(args[0]), args[1]);
                    if (common is null) return null;
                    return new ResolvedFunction(name, [Lists.ListOf(common), common], name == "contains" ? DataType.Boolean : DataType.Int64);
                }
            case "array_distinct" or "array_sort" when args.Count == 1 && args[0] is ListType:
                return new ResolvedFunction(name, [args[0]], args[0]);
            case "reverse" or "$array_reverse" when args.Count == 1 && args[0] is ListType:
                return new ResolvedFunction("$array_reverse", [args[0]], args[0]);
            case "array_max" or "array_min" when args.Count == 1 && args[0] is ListType:
                return new ResolvedFunction(name, [args[0]], Element(args[0]));
            case "slice" when args.Count == 3 && args[0] is ListType && IsInteger(args[1]) && IsInteger(args[2]):
                return new ResolvedFunction(name, [args[0], DataType.Int64, DataType.Int64], args[0]);
            case "flatten" when args.Count == 1 && args[0] is ListType { Element.Type: ListType inner }:
                return new ResolvedFunction(name, [args[0]], inner);
            case "concat" or "$array_concat" when args.Count >= 1 && AnyList(args):
                {
                    var common = Common(args);
                    return common is ListType ? new ResolvedFunction("$array_concat", Repeat(common, args.Count), common) : null;
                }
            case "sequence" when args.Count is 2 or 3 && IsInteger(args[0]) && IsInteger(args[1]) && (args.Count == 2 || IsInteger(args[2])):
                return new ResolvedFunction(name, Repeat(DataType.Int64, args.Count), Lists.ListOf(DataType.Int64));
            case "sequence" or "$date_sequence" when args.Count == 2 && args[0].Id == TypeId.Date32 && args[1].Id == TypeId.Date32:
                return new ResolvedFunction("$date_sequence", [DataType.Date32, DataType.Date32], Lists.ListOf(DataType.Date32));
            case "sequence" or "$temporal_sequence" when args.Count == 3 && args[0].Id is TypeId.Date32 or TypeId.Timestamp && args[0] is not IntervalType && args[2] is IntervalType:
                {
                    var type = TypeRules.CommonSuperType(args[0], args[1]);
                    if (type is null || type.Id is not (TypeId.Date32 or TypeId.Timestamp)) return null;
                    return new ResolvedFunction("$temporal_sequence", [type, type, args[2]], Lists.ListOf(type));
                }
            case "array_join" when args.Count is 2 or 3 && args[0] is ListType && IsText(args[1]) && (args.Count == 2 || IsText(args[2])):
                {
                    var strings = Lists.ListOf(DataType.Utf8);
                    return new ResolvedFunction(name, args.Count == 2 ? [strings, DataType.Utf8] : [strings, DataType.Utf8, DataType.Utf8], DataType.Utf8);
                }
            case "array_union" or "array_intersect" or "array_except" or "arrays_overlap" when args.Count == 2 && args[0] is ListType && args[1] is ListType:
                {
                    var common = Common(args);
                    if (common is not ListType) return null;
                    return new ResolvedFunction(name, [common, common], name == "arrays_overlap" ? DataType.Boolean : common);
                }
            case "array_remove" when args.Count == 2 && args[0] is ListType:
                {
                    var common = TypeRules.CommonSuperType(Element(args[0]), args[1]);
                    return common is null ? null : new ResolvedFunction(name, [Lists.ListOf(common), common], Lists.ListOf(common));
                }
            case "zip" when args.Count >= 2 && args.All(a => a is ListType):
                return new ResolvedFunction(name, [.. args], Lists.ListOf(AnonymousRow(args.Select(Element).ToArray())));
            case "repeat" when args.Count == 2 && IsInteger(args[1]):
                return new ResolvedFunction(name, [args[0], DataType.Int64], Lists.ListOf(args[0]));
            case "map" when args.Count == 0:
                return new ResolvedFunction(name, [], new MapType(new Field("key", DataType.Null, Nullable: false), new Field("value", DataType.Null)));
            case "map" when args.Count == 2 && args[0] is ListType k && args[1] is ListType v:
                return new ResolvedFunction(name, [args[0], args[1]], new MapType(new Field("key", k.Element.Type, Nullable: false), new Field("value", v.Element.Type)));
            case "map_concat" when args.Count >= 1 && args.All(a => a is MapType || a.Id == TypeId.Null):
                {
                    var common = Common(args);
                    return common is MapType ? new ResolvedFunction(name, Repeat(common, args.Count), common) : null;
                }
            case "map_keys" when args.Count == 1 && args[0] is MapType m:
                return new ResolvedFunction(name, [args[0]], Lists.ListOf(m.Key.Type));
            case "map_values" when args.Count == 1 && args[0] is MapType m:
                return new ResolvedFunction(name, [args[0]], Lists.ListOf(m.Value.Type));
            case "map_entries" when args.Count == 1 && args[0] is MapType m:
                return new ResolvedFunction(name, [args[0]], Lists.ListOf(AnonymousRow([m.Key.Type, m.Value.Type])));
            case "map_from_entries" when args.Count == 1 && args[0] is ListType { Element.Type: StructType { Fields.Count: 2 } entry }:
                return new ResolvedFunction(name, [args[0]], new MapType(new Field("key", entry.Fields[0].Type, Nullable: false), new Field("value", entry.Fields[1].Type)));
            default:
                return null;
        }
    }

    public static StructType AnonymousRow(IReadOnlyList<DataType> types)
    {
        var fields = new Field[types.Count];
        for (var i = 0; i < fields.Length; i++) fields[i] = new Field(string.Empty, types[i]);
        return new StructType(fields);
    }

    private static DataType Element(DataType list) => ((ListType)list).Element.Type;

    private static bool IsInteger(DataType t) => t.IsInteger || t.Id == TypeId.Null;

    private static bool IsText(DataType t) => t.Id is TypeId.Utf8 or TypeId.Null;

    private static bool AnyList(IReadOnlyList<DataType> args)
    {
        foreach (var a in args)
        {
            if (a is ListType) return true;
        }
        return false;
    }

    private static DataType? Common(IReadOnlyList<DataType> args)
    {
        var type = DataType.Null;
        foreach (var a in args)
        {
            var common = TypeRules.CommonSuperType(type, a);
            if (common is null) return null;
            type = common;
        }
        return type;
    }

    private static DataType[] Repeat(DataType type, int count)
    {
        var result = new DataType[count];
        System.Array.Fill(result, type);
        return result;
    }
}
