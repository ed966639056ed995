using QueryEngine.Engine.Columnar;
using QueryEngine.Engine.Common;
using QueryEngine.Engine.Expressions;

namespace QueryEngine.Engine.Planning.Binder;

/// <summary>Inserts the implicit casts Trino performs.</summary>
public static class Coercion
{
    /// <summary>Casts <paramref name="expr"/> to <paramref name="target"/> when its type differs (constants are folded at once).</summary>
    public static PhysicalExpr To(PhysicalExpr expr, DataType target)
    {
        if (expr.Type.Equals(target)) return expr;
        if (expr is LiteralExpr { Value: null }) return new LiteralExpr(null, target);
        var cast = new CastExpr(expr, target, IsTry: false);
        return expr is LiteralExpr ? ConstantFolder.Fold(cast) : cast;
    }

    /// <summary>Coerces both operands to their common super type for a comparison-like operation.</summary>
    public static (PhysicalExpr Left, PhysicalExpr Right) Unify(PhysicalExpr left, PhysicalExpr right, SourceSpan span, string operation)
    {
        if (left.Type.Equals(right.Type)) return (left, right);
        var common = CommonType(left.Type, right.Type)
            ?? throw new SemanticException(
                $"Cannot apply operator: {left.Type.SqlName} {operation} {right.Type.SqlName}", span, code: ErrorCode.TypeMismatch);
        return (To(left, common), To(right, common));
    }

    /// <summary>The common type, also allowing varchar literals to meet dates/timestamps/numbers as Trino does for literals.</summary>
    public static DataType? CommonType(DataType a, DataType b) => TypeRules.CommonSuperType(a, b);

    /// <summary>Common type of many expressions (CASE results, IN lists, VALUES columns, UNION), or an error naming the context.</summary>
    public static DataType CommonType(IReadOnlyList<DataType> types, SourceSpan span, string context)
    {
        var result = DataType.Null;
        foreach (var t in types)
        {
            result = TypeRules.CommonSuperType(result, t)
                ?? throw new SemanticException($"{context}: types {result.SqlName} and {t.SqlName} are not compatible", span, code: ErrorCode.TypeMismatch);
        }
        return result;
    }

    /// <summary>
    /// Whether CAST from <paramref name="from"/> to <paramref name="to"/> exists (Trino rejects the others while
    /// analyzing): numbers, booleans and text convert among themselves; dates and timestamps convert to and from text
    /// and each other, but not to numbers or booleans; binary converts only to and from text.
    /// </summary>
    public static bool CanCast(DataType from, DataType to)
    {
        if (from.Id == TypeId.Null || from.Equals(to)) return true;
        var fromKind = CastKind(from);
        var toKind = CastKind(to);
        if (fromKind == 'j' || toKind == 'j') return Expressions.Casts.JsonCasts.CanCastJson(from, to);
        if (fromKind == 't' || toKind == 't' || fromKind == '?' || toKind == '?') return true;
        if (fromKind == toKind) return fromKind is not ('m' or 's') || from.Equals(to);
        return (fromKind, toKind) is ('n', 'b') or ('b', 'n');
    }

    /// <summary>n: numbers, b: boolean, d: date/time, x: binary, t: text, j: JSON, ?: nested or other (checked at run time).</summary>
    private static char CastKind(DataType type) => type.Id switch
    {
        _ when type is IntervalType interval => interval.IsYearToMonth ? 'm' : 's',
        _ when type is JsonType => 'j',
        _ when type is TimeType => 'd',
        TypeId.Boolean => 'b',
        TypeId.Utf8 => 't',
        TypeId.Binary => 'x',
        TypeId.Date32 or TypeId.Timestamp => 'd',
        _ when type.IsNumeric => 'n',
        _ => '?',
    };
}
