namespace QueryEngine.Engine.Expressions.Functions.Nested;

/// <summary>Orders element indexes of one list by value (typed, no per-comparison virtual call).</summary>
internal readonly struct PrimitiveOrder<T>(T[] values) : IComparer<int>
    where T : unmanaged, IComparable<T>
{
    public int Compare(int x, int y) => values[x].CompareTo(values[y]);
}
