namespace QueryEngine.Engine.Columnar;

/// <summary>A column of the null type: every row is null and there are no buffers.</summary>
public sealed class NullArray : ArrowArray
{
    public NullArray(int length) : base(DataType.Null, length, new byte[Bitmap.BytesFor(length)], length)
    {
    }

    public override object? GetValue(int index) => null;

    public override ArrowArray Take(ReadOnlySpan<int> indices) => new NullArray(indices.Length);
}
