using QueryEngine.Engine.Columnar;

namespace QueryEngine.Engine.Formats.Parquet.Reading;

/// <summary>
/// A node of a file's schema as the engine reads it: a primitive leaf, a struct, a list (3-level, legacy 2-level
/// or a bare repeated field) or a map.
/// </summary>
internal sealed class ParquetNode
{
    public required ParquetNodeKind Kind { get; init; }

    public required string Name { get; init; }

    /// <summary>The engine type (null when unsupported).</summary>
    public DataType? Type { get; set; }

    /// <summary>Definition level at which this node's value is not null.</summary>
    public required int Definition { get; init; }

    /// <summary>Lists and maps: definition level at which the repeated group holds an element.</summary>
    public int ElementDefinition { get; init; }

    /// <summary>Lists and maps: repetition level of the repeated group.</summary>
    public int ElementRepetition { get; init; }

    /// <summary>Primitives: the leaf.</summary>
    public ParquetLeaf? Leaf { get; init; }

    /// <summary>Struct fields; a list's element; a map's key and value.</summary>
    public IReadOnlyList<ParquetNode> Children { get; init; } = [];

    /// <summary>The node above (null at the top).</summary>
    public ParquetNode? Parent { get; set; }

    /// <summary>Why the node cannot be read, or null.</summary>
    public string? Unsupported { get; set; }

    /// <summary>The first leaf under this node (its levels give the node's structure).</summary>
    public ParquetLeaf FirstLeaf => Leaf ?? Children[0].FirstLeaf;

    /// <summary>Every leaf under this node, in column order.</summary>
    public void CollectLeaves(List<ParquetLeaf> leaves)
    {
        if (Leaf is not null) leaves.Add(Leaf);
        foreach (var child in Children) child.CollectLeaves(leaves);
    }
}
