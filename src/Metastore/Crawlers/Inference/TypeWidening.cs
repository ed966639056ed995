using QueryEngine.Engine.Columnar;

namespace QueryEngine.Metastore.Crawlers.Inference;

/// <summary>
/// How a crawler merges the types it saw for one column across records and files: the narrowest type that holds
/// both. NULL (only nulls seen) gives way to anything; bigint and double give double; date and timestamp give
/// timestamp; structs merge field by field (fields of both, in first-seen order) and arrays element-wise; anything
/// else, and anything with a string, gives string.
/// </summary>
internal static class TypeWidening
{
    public static DataType Widen(DataType a, DataType b)
    {
        if (a.Equals(b)) return a;
        if (a.Id == TypeId.Null) return b;
        if (b.Id == TypeId.Null) return a;
        switch (a.Id, b.Id)
        {
            case (TypeId.Int64, TypeId.Float64):
            case (TypeId.Float64, TypeId.Int64):
                return DataType.Float64;
            case (TypeId.Date32, TypeId.Timestamp):
            case (TypeId.Timestamp, TypeId.Date32):
                return DataType.Timestamp;
            case (TypeId.List, TypeId.List):
                var element = Widen(((ListType)a).Element.Type, ((ListType)b).Element.Type);
                return new ListType(new Field(((ListType)a).Element.Name, element));
            case (TypeId.Struct, TypeId.Struct):
                return MergeStructs((StructType)a, (StructType)b);
            default:
                return DataType.Utf8;
        }
    }

    private static StructType MergeStructs(StructType a, StructType b)
    {
        var fields = new List<Field>(a.Fields);
        foreach (var field in b.Fields)
        {
            var index = fields.FindIndex(f => string.Equals(f.Name, field.Name, StringComparison.OrdinalIgnoreCase));
            if (index < 0) fields.Add(field);
            else fields[index] = new Field(fields[index].Name, Widen(fields[index].Type, field.Type));
        }
        return new StructType(fields);
    }

    /// <summary>What a column whose values were all NULL is declared as.</summary>
    public static DataType Concrete(DataType type) => type.Id switch
    {
        TypeId.Null => DataType.Utf8,
        TypeId.List => new ListType(new Field(((ListType)type).Element.Name, Concrete(((ListType)type).Element.Type))),
        TypeId.Struct => new StructType(((StructType)type).Fields.Select(f => new Field(f.Name, Concrete(f.Type))).ToArray()),
        _ => type,
    };
}
