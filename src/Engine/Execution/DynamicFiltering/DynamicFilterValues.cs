using QueryEngine.Engine.Columnar;
using QueryEngine.Engine.Expressions;

namespace QueryEngine.Engine.Execution.DynamicFiltering;

/// <summary>
/// What a finished hash join build knows about its keys: the smallest and largest non-null key and, when there are
/// few, every distinct key (sorted). Integer and date keys only (values as <see cref="long"/>).
/// </summary>
public sealed record DynamicFilterValues(DataType Type, long Min, long Max, IReadOnlyList<long>? Distinct, long BuildRows)
{
    /// <summary>Builds with at most this many distinct keys also pass the key set (an IN list).</summary>
    public const int MaxDistinct = 64;

    /// <summary>Whether dynamic filters support keys of this type.</summary>
    public static bool Supports(DataType type) => Plan.DynamicFilterKey.Supports(type);

    /// <summary>The conjuncts a probe row must satisfy to find a match: <c>column BETWEEN min AND max</c>, and <c>column IN (...)</c> for a small key set.</summary>
    public IReadOnlyList<PhysicalExpr> Predicates(ColumnExpr column)
    {
        var result = new List<PhysicalExpr>(3)
        {
            new BinaryExpr(BinaryOp.GreaterOrEqual, column, Literal(Min), DataType.Boolean),
            new BinaryExpr(BinaryOp.LessOrEqual, column, Literal(Max), DataType.Boolean),
        };
        if (Distinct is { Count: > 1 } keys)
        {
            var list = new PhysicalExpr[keys.Count];
            for (var i = 0; i < list.Length; i++) list[i] = Literal(keys[i]);
            result.Add(new InListExpr(column, list, false));
        }
        return result;
    }

    private LiteralExpr Literal(long value) => Type.Id == TypeId.Int64 ? new LiteralExpr(value, Type) : new LiteralExpr((int)value, Type);

    /// <summary>Keys of a build key column; null when it has no non-null key (then nothing can match) or an unsupported type.</summary>
    public static DynamicFilterValues? Of(ArrowArray keys)
    {
        if (!Supports(keys.Type)) return null;
        var summary = new KeySummary();
        var anyNull = keys.NullCount > 0;
        switch (keys)
        {
            case PrimitiveArray<long> longs:
                {
                    var values = longs.Values;
                    for (var i = 0; i < values.Length; i++)
                    {
                        if (!anyNull || keys.IsValid(i)) summary.Add(values[i]);
                    }
                    break;
                }
            case PrimitiveArray<int> ints:
                {
                    var values = ints.Values;
                    for (var i = 0; i < values.Length; i++)
                    {
                        if (!anyNull || keys.IsValid(i)) summary.Add(values[i]);
                    }
                    break;
                }
            default:
                return null;
        }
        return summary.ToValues(keys.Type, keys.Length);
    }

    /// <summary>Running min, max and distinct keys (until there are more than <see cref="MaxDistinct"/>).</summary>
    private sealed class KeySummary
    {
        private readonly HashSet<long> _distinct = [];
        private long _min = long.MaxValue;
        private long _max = long.MinValue;
        private bool _tooMany;

        public void Add(long value)
        {
            if (value < _min) _min = value;
            if (value > _max) _max = value;
            if (!_tooMany && _distinct.Add(value) && _distinct.Count > MaxDistinct) _tooMany = true;
        }

        public DynamicFilterValues? ToValues(DataType type, long rows)
        {
            if (_min > _max) return null;
            long[]? keys = null;
            if (!_tooMany)
            {
                keys = [.. _distinct];
                Array.Sort(keys);
            }
            return new DynamicFilterValues(type, _min, _max, keys, rows);
        }
    }
}
