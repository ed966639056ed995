using QueryEngine.Engine.Expressions;

namespace QueryEngine.Engine.Formats;

/// <summary>
/// Decides from scan filters whether a partition can hold matching rows, using only the partition keys' constant
/// values. Filters are evaluated with SQL three-valued logic; anything that is not a comparison, IN, IS NULL or
/// AND/OR/NOT over partition keys and literals counts as unknown, so a partition is skipped only when a filter is
/// certainly false or NULL for every row of it.
/// </summary>
internal static class PartitionPruner
{
    private enum Truth
    {
        False,
        True,
        Null,
        Unknown,
    }

    /// <param name="filters">Predicates over the table schema (all must hold).</param>
    /// <param name="firstPartitionColumn">Schema index of the first partition key (keys follow the data columns).</param>
    /// <param name="values">The partition's key values, boxed; null for NULL.</param>
    public static bool MayMatch(IReadOnlyList<PhysicalExpr> filters, int firstPartitionColumn, IReadOnlyList<object?> values)
    {
        foreach (var filter in filters)
        {
            var truth = Evaluate(filter, firstPartitionColumn, values);
            if (truth is Truth.False or Truth.Null) return false;
        }
        return true;
    }

    private static Truth Evaluate(PhysicalExpr expr, int first, IReadOnlyList<object?> values)
    {
        switch (expr)
        {
            case LiteralExpr { Value: bool b }:
                return b ? Truth.True : Truth.False;
            case LiteralExpr { Value: null }:
                return Truth.Null;
            case NotExpr not:
                return Evaluate(not.Input, first, values) switch
                {
                    Truth.True => Truth.False,
                    Truth.False => Truth.True,
                    var t => t,
                };
            case BinaryExpr { Op: BinaryOp.And } and:
                {
                    var l = Evaluate(and.Left, first, values);
                    var r = Evaluate(and.Right, first, values);
                    if (l == Truth.False || r == Truth.False) return Truth.False;
                    if (l == Truth.Unknown || r == Truth.Unknown) return Truth.Unknown;
                    return l == Truth.True && r == Truth.True ? Truth.True : Truth.Null;
                }
            case BinaryExpr { Op: BinaryOp.Or } or:
                {
                    var l = Evaluate(or.Left, first, values);
                    var r = Evaluate(or.Right, first, values);
                    if (l == Truth.True || r == Truth.True) return Truth.True;
                    if (l == Truth.Unknown || r == Truth.Unknown) return Truth.Unknown;
                    return l == Truth.False && r == Truth.False ? Truth.False : Truth.Null;
                }
            case BinaryExpr cmp when IsComparison(cmp.Op):
                {
                    if (!TryConstant(cmp.Left, first, values, out var l) || !TryConstant(cmp.Right, first, values, out var r)) return Truth.Unknown;
                    if (cmp.Op is BinaryOp.Distinct or BinaryOp.NotDistinct)
                    {
                        bool same;
                        if (l is null || r is null) same = l is null && r is null;
                        else if (Compare(l, r) is { } c) same = c == 0;
                        else return Truth.Unknown;
                        return (same == (cmp.Op == BinaryOp.NotDistinct)) ? Truth.True : Truth.False;
                    }
                    if (l is null || r is null) return Truth.Null;
                    if (Compare(l, r) is not { } order) return Truth.Unknown;
                    var result = cmp.Op switch
                    {
                        BinaryOp.Equal => order == 0,
                        BinaryOp.NotEqual => order != 0,
                        BinaryOp.Less => order < 0,
                        BinaryOp.LessOrEqual => order <= 0,
                        BinaryOp.Greater => order > 0,
                        _ => order >= 0,
                    };
                    return result ? Truth.True : Truth.False;
                }
            case IsNullExpr isNull:
                {
                    if (!TryConstant(isNull.Input, first, values, out var v)) return Truth.Unknown;
                    return (v is null) != isNull.Negated ? Truth.True : Truth.False;
                }
            case InListExpr inList:
                {
                    if (!TryConstant(inList.Input, first, values, out var v)) return Truth.Unknown;
                    if (v is null) return Truth.Null;
                    var sawNull = false;
                    foreach (var item in inList.List)
                    {
                        if (!TryConstant(item, first, values, out var candidate)) return Truth.Unknown;
                        if (candidate is null)
                        {
                            sawNull = true;
                            continue;
                        }
                        if (Compare(v, candidate) is not { } c) return Truth.Unknown;
                        if (c == 0) return inList.Negated ? Truth.False : Truth.True;
                    }
                    if (sawNull) return Truth.Null;
                    return inList.Negated ? Truth.True : Truth.False;
                }
            default:
                return Truth.Unknown;
        }
    }

    private static bool IsComparison(BinaryOp op) => op is BinaryOp.Equal or BinaryOp.NotEqual or BinaryOp.Less or BinaryOp.LessOrEqual
        or BinaryOp.Greater or BinaryOp.GreaterOrEqual or BinaryOp.Distinct or BinaryOp.NotDistinct;

    private static bool TryConstant(PhysicalExpr expr, int first, IReadOnlyList<object?> values, out object? value)
    {
        switch (expr)
        {
            case LiteralExpr literal:
                value = literal.Value;
                return true;
            case ColumnExpr column when column.Index >= first && column.Index - first < values.Count:
                value = values[column.Index - first];
                return true;
            default:
                value = null;
                return false;
        }
    }

    /// <summary>Order of two non-null values of the same type, or null when they cannot be compared here.</summary>
    private static int? Compare(object a, object b)
    {
        if (a is string sa && b is string sb) return string.CompareOrdinal(sa, sb);
        if (a is byte[] ba && b is byte[] bb) return ba.AsSpan().SequenceCompareTo(bb);
        if (a.GetType() != b.GetType()) return null;
        return a is IComparable comparable ? comparable.CompareTo(b) : null;
    }
}
