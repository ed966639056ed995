using QueryEngine.Engine.Columnar;

namespace QueryEngine.Metastore.Crawlers.Inference;

/// <summary>
/// How a crawler merges the types it saw for one column across records and files: the narrowest type that holds
/// both. NULL (only nulls seen) gives way to anything; integers widen to the larger integer, integers and floating
/// point to double, decimals to a decimal holding both (integers count 19 digits); date and timestamp give
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
        if (IsInteger(a) && IsInteger(b)) return Rank(a) >= Rank(b) ? a : b;
        if ((IsInteger(a) || IsFloat(a)) && (IsInteger(b) || IsFloat(b))) return DataType.Float64;
        if (a is DecimalType x && b is DecimalType y) return Decimal(x.Precision - x.Scale, y.Precision - y.Scale, Math.Max(x.Scale, y.Scale));
        if (a is DecimalType da && IsInteger(b)) return Decimal(da.Precision - da.Scale, 19, da.Scale);
        if (b is DecimalType db && IsInteger(a)) return Decimal(db.Precision - db.Scale, 19, db.Scale);
        switch (a.Id, b.Id)
        {
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

    private static bool IsInteger(DataType type) => type.Id is TypeId.Int8 or TypeId.Int16 or TypeId.Int32 or TypeId.Int64;

    private static bool IsFloat(DataType type) => type.Id is TypeId.Float32 or TypeId.Float64;

    private static int Rank(DataType type) => type.Id switch
    {
        TypeId.Int8 => 1,
        TypeId.Int16 => 2,
        TypeId.Int32 => 3,
        _ => 4,
    };

    /// <summary>A decimal holding both integer-digit counts and the larger scale; beyond 38 digits, double.</summary>
    private static DataType Decimal(int integerDigitsA, int integerDigitsB, int scale)
    {
        var precision = Math.Max(integerDigitsA, integerDigitsB) + scale;
        return precision <= DecimalType.MaxPrecision ? DataType.Decimal(precision, scale) : DataType.Float64;
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
