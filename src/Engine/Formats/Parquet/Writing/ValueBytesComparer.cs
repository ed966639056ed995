using QueryEngine.Engine.Formats.Parquet.Encodings;

namespace QueryEngine.Engine.Formats.Parquet.Writing;

/// <summary>Compares the values of a <see cref="ValueBuffer"/> by index, by their bytes (for dictionary building).</summary>
internal sealed class ValueBytesComparer(ValueBuffer values) : IEqualityComparer<int>
{
    public ReadOnlySpan<byte> Get(int index) => values.Width == 0 ? values.Get(index) : values.GetFixed(index);

    public bool Equals(int x, int y) => Get(x).SequenceEqual(Get(y));

    public int GetHashCode(int obj)
    {
        var hash = new HashCode();
        hash.AddBytes(Get(obj));
        return hash.ToHashCode();
    }
}
