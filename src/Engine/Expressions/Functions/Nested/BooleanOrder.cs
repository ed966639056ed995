using QueryEngine.Engine.Columnar;

namespace QueryEngine.Engine.Expressions.Functions.Nested;

/// <summary>Orders element indexes of a boolean list (false first).</summary>
internal readonly struct BooleanOrder(BooleanArray values) : IComparer<int>
{
    public int Compare(int x, int y) => values.GetBit(x).CompareTo(values.GetBit(y));
}
