using QueryEngine.Engine.Columnar;
using QueryEngine.Engine.Common;
using QueryEngine.Engine.Expressions.Evaluation;

namespace QueryEngine.Engine.Expressions.Functions.Nested;

/// <summary>Compiles array, map and row functions (resolved by <see cref="NestedSignatures"/>) into kernel evaluators.</summary>
internal static class NestedFunctions
{
    public static Evaluator? Compile(string name, Evaluator[] args, DataType type)
    {
        FunctionKernel? kernel = name switch
        {
            "$array" => (a, n) => Constructors.Array(a, n, (ListType)type),
            "$row" => (a, n) => Constructors.Row(a, n, (StructType)type),
            "map" => (a, n) => Constructors.Map(a, n, (MapType)type),
            "cardinality" => Access.Cardinality,
            "$subscript" or "element_at" when args[0].Type is ListType => (a, n) => Access.ArrayElement(a, n, name == "element_at"),
            "$subscript" or "element_at" => (a, n) => Access.MapValue(a, n, name == "element_at"),
            "contains" => (a, n) => ArrayFunctions.Search(a, n, position: false),
            "array_position" => (a, n) => ArrayFunctions.Search(a, n, position: true),
            "array_distinct" => ArrayFunctions.Distinct,
            "array_sort" => ArraySorting.Sort,
            "array_max" => (a, n) => ArraySorting.MaxMin(a, n, max: true),
            "array_min" => (a, n) => ArraySorting.MaxMin(a, n, max: false),
            "$array_reverse" => ArrayFunctions.Reverse,
            "slice" => ArrayFunctions.Slice,
            "flatten" => ArrayFunctions.Flatten,
            "$array_concat" => (a, n) => ArrayFunctions.Concat(a, n, (ListType)type),
            "sequence" => ArrayFunctions.Sequence,
            "$date_sequence" => ArrayFunctions.DateSequence,
            "array_join" => ArrayFunctions.Join,
            "map_keys" => MapFunctions.Keys,
            "map_concat" => (a, n) => MapFunctions.Concat(a, n, (MapType)type),
            "map_values" => MapFunctions.Values,
            "map_entries" => (a, n) => MapFunctions.Entries(a, n, (ListType)type),
            "map_from_entries" => (a, n) => MapFunctions.FromEntries(a, n, (MapType)type),
            "$temporal_sequence" => (a, n) => TemporalSequence.Create(a, n, ((ListType)type).Element.Type, ((IntervalType)args[2].Type).IsYearToMonth),
            "array_union" => (a, n) => ArraySets.Set(a, n, ArraySets.SetOp.Union),
            "array_intersect" => (a, n) => ArraySets.Set(a, n, ArraySets.SetOp.Intersect),
            "array_except" => (a, n) => ArraySets.Set(a, n, ArraySets.SetOp.Except),
            "arrays_overlap" => ArraySets.Overlap,
            "array_remove" => ArraySets.Remove,
            "zip" => (a, n) => ArraySets.Zip(a, n, (ListType)type),
            "repeat" => (a, n) => ArraySets.Repeat(a, n, (ListType)type),
            _ => null,
        };
        if (kernel is null) return null;
        var canFail = name is "map" or "$subscript" or "element_at" or "slice" or "sequence" or "$date_sequence" or "map_from_entries" or "repeat" or "$temporal_sequence";
        return new FunctionEvaluator(type, args, kernel, canFail);
    }

    /// <summary><c>row.field</c>: field <paramref name="index"/> of the row argument.</summary>
    public static Evaluator Field(Evaluator row, int index, DataType type) =>
        new FunctionEvaluator(type, [row], (a, n) => Access.Field(a[0], n, index), canFail: false);

    public static int FieldIndex(Evaluator literal) =>
        literal is LiteralEvaluator { IsNull: false } l && l.Value is PrimitiveArray<int> p ? p[0] : throw new InternalException("$field needs a constant field index");
}
