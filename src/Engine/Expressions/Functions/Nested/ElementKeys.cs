using QueryEngine.Engine.Columnar;
using QueryEngine.Engine.Execution.Vectors;

namespace QueryEngine.Engine.Expressions.Functions.Nested;

/// <summary>
/// Element values encoded once per batch into comparable byte strings with hashes (the encoding hash tables use), so
/// element equality in contains, array_position, array_distinct and map lookups is a byte comparison for every type.
/// </summary>
internal sealed class ElementKeys
{
    private readonly EncodedKeys _keys;

    public ElementKeys(ArrowArray values)
    {
        _keys = new KeyEncoder([values.Type]).Encode([values], values.Length);
    }

    public bool IsNull(int i) => _keys.HasNull(i);

    public ulong Hash(int i) => _keys.Hashes[i];

    public ReadOnlySpan<byte> Key(int i) => _keys.Row(i);

    public bool Equal(int i, ElementKeys other, int j) => Key(i).SequenceEqual(other.Key(j));

    public bool Equal(int i, int j) => Key(i).SequenceEqual(Key(j));
}
