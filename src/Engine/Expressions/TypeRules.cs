using QueryEngine.Engine.Columnar;

namespace QueryEngine.Engine.Expressions;

/// <summary>Trino's implicit coercions and arithmetic result types.</summary>
public static class TypeRules
{
    /// <summary>Decimal type that holds every value of an integer type exactly (Trino: tinyint 3, smallint 5, integer 10, bigint 19).</summary>
    public static DecimalType? AsDecimal(DataType type) => type.Id switch
    {
        _ when type is IntervalType or TimeType or TimestampType => null,
        TypeId.Decimal128 => (DecimalType)type,
        TypeId.Int8 => new DecimalType(3, 0),
        TypeId.Int16 => new DecimalType(5, 0),
        TypeId.Int32 => new DecimalType(10, 0),
        TypeId.Int64 => new DecimalType(19, 0),
        _ => null,
    };

    private static int IntegerRank(TypeId id) => id switch
    {
        TypeId.Int8 => 1,
        TypeId.Int16 => 2,
        TypeId.Int32 => 3,
        TypeId.Int64 => 4,
        _ => 0,
    };

    /// <summary>
    /// The type both operands are coerced to for comparison, IN, CASE, UNION and COALESCE, or null when
    /// Trino has no implicit coercion between them.
    /// </summary>
    public static DataType? CommonSuperType(DataType a, DataType b)
    {
        if (a.Equals(b)) return a;
        if (a.Id == TypeId.Null) return b;
        if (b.Id == TypeId.Null) return a;
        if (a.IsInteger && b.IsInteger) return IntegerRank(a.Id) >= IntegerRank(b.Id) ? a : b;
        if (a.Id == TypeId.Float64 && b.IsNumeric || b.Id == TypeId.Float64 && a.IsNumeric) return DataType.Float64;
        if (a.Id == TypeId.Float32 && b.IsNumeric || b.Id == TypeId.Float32 && a.IsNumeric)
        {
            // real with bigint/decimal widens to real in Trino; keep double for decimal to avoid precision loss.
            return a.Id == TypeId.Decimal128 || b.Id == TypeId.Decimal128 ? DataType.Float64 : DataType.Float32;
        }
        if (AsDecimal(a) is { } da && AsDecimal(b) is { } db)
        {
            var scale = Math.Max(da.Scale, db.Scale);
            var intDigits = Math.Max(da.Precision - da.Scale, db.Precision - db.Scale);
            return new DecimalType(Math.Min(DecimalType.MaxPrecision, intDigits + scale), scale);
        }
        // timestamp meets timestamp with time zone as the zoned type; two zones compare as instants, shown in the first's zone;
        // the precision is the larger of the two (widening keeps every value).
        if (a is TimestampType ta && b is TimestampType tb)
        {
            return (ta.TimeZone is not null || tb.TimeZone is null ? ta : tb).WithPrecision(Math.Max(ta.Precision, tb.Precision));
        }
        if (a is TimeType ta3 && b is TimeType tb3) return ta3.Precision >= tb3.Precision ? a : b;
        if (a is TimestampType && b.Id == TypeId.Date32) return a;
        if (b is TimestampType && a.Id == TypeId.Date32) return b;
        if (a.Id == TypeId.List && b.Id == TypeId.List)
        {
            var e = CommonSuperType(((ListType)a).Element.Type, ((ListType)b).Element.Type);
            return e is null ? null : new ListType(new Field("element", e));
        }
        if (a is MapType ma && b is MapType mb)
        {
            var k = CommonSuperType(ma.Key.Type, mb.Key.Type);
            var v = CommonSuperType(ma.Value.Type, mb.Value.Type);
            return k is null || v is null ? null : new MapType(new Field("key", k, Nullable: false), new Field("value", v));
        }
        if (a is StructType sa && b is StructType sb && sa.Fields.Count == sb.Fields.Count)
        {
            var fields = new Field[sa.Fields.Count];
            for (var i = 0; i < fields.Length; i++)
            {
                var t = CommonSuperType(sa.Fields[i].Type, sb.Fields[i].Type);
                if (t is null) return null;
                var name = sa.Fields[i].Name == sb.Fields[i].Name || sb.Fields[i].Name.Length == 0 ? sa.Fields[i].Name
                    : sa.Fields[i].Name.Length == 0 ? sb.Fields[i].Name : string.Empty;
                fields[i] = new Field(name, t);
            }
            return new StructType(fields);
        }
        return null;
    }

    /// <summary>Result type of arithmetic on two numeric operands, or null when the operator does not apply.</summary>
    public static DataType? Arithmetic(BinaryOp op, DataType left, DataType right)
    {
        if (!left.IsNumeric && left.Id != TypeId.Null || !right.IsNumeric && right.Id != TypeId.Null) return null;
        if (left.Id == TypeId.Null && right.Id == TypeId.Null) return DataType.Int32;
        if (left.Id == TypeId.Null) left = right;
        if (right.Id == TypeId.Null) right = left;
        if (left.IsFloating || right.IsFloating)
        {
            return left.Id == TypeId.Float64 || right.Id == TypeId.Float64 || left.Id == TypeId.Decimal128 || right.Id == TypeId.Decimal128
                ? DataType.Float64
                : left.Id == TypeId.Float32 && right.Id == TypeId.Float32 ? DataType.Float32 : DataType.Float64;
        }
        if (left.IsInteger && right.IsInteger) return IntegerRank(left.Id) >= IntegerRank(right.Id) ? left : right;
        var a = AsDecimal(left)!;
        var b = AsDecimal(right)!;
        return op switch
        {
            BinaryOp.Add or BinaryOp.Subtract => DecimalAdd(a, b),
            BinaryOp.Multiply => DecimalMultiply(a, b),
            BinaryOp.Divide => DecimalDivide(a, b),
            BinaryOp.Modulo => DecimalModulo(a, b),
            _ => null,
        };
    }

    public static DecimalType DecimalAdd(DecimalType a, DecimalType b)
    {
        var scale = Math.Max(a.Scale, b.Scale);
        var precision = Math.Min(DecimalType.MaxPrecision, 1 + scale + Math.Max(a.Precision - a.Scale, b.Precision - b.Scale));
        return new DecimalType(precision, scale);
    }

    public static DecimalType DecimalMultiply(DecimalType a, DecimalType b) =>
        new(Math.Min(DecimalType.MaxPrecision, a.Precision + b.Precision), Math.Min(DecimalType.MaxPrecision, a.Scale + b.Scale));

    /// <summary>Trino: scale max(s1, s2), precision p1 + s2 + max(0, s2 - s1), at most 38.</summary>
    public static DecimalType DecimalDivide(DecimalType a, DecimalType b)
    {
        var scale = Math.Max(a.Scale, b.Scale);
        var precision = Math.Min(DecimalType.MaxPrecision, a.Precision + b.Scale + Math.Max(0, b.Scale - a.Scale));
        return new DecimalType(Math.Max(precision, scale), scale);
    }

    public static DecimalType DecimalModulo(DecimalType a, DecimalType b)
    {
        var scale = Math.Max(a.Scale, b.Scale);
        var precision = Math.Min(DecimalType.MaxPrecision, Math.Min(a.Precision - a.Scale, b.Precision - b.Scale) + scale);
        return new DecimalType(Math.Max(precision, scale), scale);
    }

    /// <summary>Whether a value of <paramref name="from"/> may be used where <paramref name="to"/> is expected without an explicit CAST.</summary>
    public static bool CanCoerceImplicitly(DataType from, DataType to)
    {
        if (SameSqlType(from, to) || from.Id == TypeId.Null) return true;
        var common = CommonSuperType(from, to);
        return common is not null && SameSqlType(common, to);
    }

    /// <summary>
    /// Whether two types are the same SQL type: equal, or nested types that differ only in the names or nullability of
    /// their array element and map key/value fields (which SQL cannot name; row field names do count).
    /// </summary>
    public static bool SameSqlType(DataType a, DataType b) => (a, b) switch
    {
        (ListType la, ListType lb) => SameSqlType(la.Element.Type, lb.Element.Type),
        (MapType ma, MapType mb) => SameSqlType(ma.Key.Type, mb.Key.Type) && SameSqlType(ma.Value.Type, mb.Value.Type),
        (StructType sa, StructType sb) => SameFields(sa.Fields, sb.Fields),
        _ => a.Equals(b),
    };

    private static bool SameFields(IReadOnlyList<Field> a, IReadOnlyList<Field> b)
    {
        if (a.Count != b.Count) return false;
        for (var i = 0; i < a.Count; i++)
        {
            if (a[i].Name != b[i].Name || !SameSqlType(a[i].Type, b[i].Type)) return false;
        }
        return true;
    }
}
