using QueryEngine.Engine.Columnar;

namespace QueryEngine.Engine.Expressions.Functions.Nested;

/// <summary>Orders element indexes of a string list by their bytes.</summary>
internal readonly struct BinaryOrder(BinaryArray values) : IComparer<int>
{
    public int Compare(int x, int y) => values.GetBytes(x).SequenceCompareTo(values.GetBytes(y));
}
