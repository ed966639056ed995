namespace QueryEngine.Engine.Columnar;

/// <summary>Structs: one child array per field, all of the struct's length.</summary>
public sealed class StructArray : ArrowArray
{
    public StructArray(StructType type, IReadOnlyList<ArrowArray> children, int length, byte[]? validity = null, int nullCount = -1)
        : base(type, length, validity, nullCount)
    {
        if (children.Count != type.Fields.Count) throw new ArgumentException("one child per field", nameof(children));
        Children = children;
    }

    public IReadOnlyList<ArrowArray> Children { get; }

    public override object? GetValue(int index)
    {
        if (IsNull(index)) return null;
        var values = new object?[Children.Count];
        for (var i = 0; i < values.Length; i++) values[i] = Children[i].GetValue(index);
        return values;
    }

    public override ArrowArray Take(ReadOnlySpan<int> indices)
    {
        var children = new ArrowArray[Children.Count];
        for (var i = 0; i < children.Length; i++) children[i] = Children[i].Take(indices);
        var validity = TakeValidity(indices);
        if (validity is null && indices.Contains(-1)) validity = PrimitiveArray<byte>.NullsForMissing(indices);
        return new StructArray((StructType)Type, children, indices.Length, validity);
    }
}
