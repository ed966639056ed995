using QueryEngine.Engine.Formats.Parquet.Metadata;

namespace QueryEngine.Engine.Formats.Parquet.Reading;

/// <summary>A schema element with its cumulative definition and repetition levels, before list/map interpretation.</summary>
internal sealed record RawNode(SchemaElement Element, int Definition, int Repetition, IReadOnlyList<RawNode> Children, ParquetLeaf? Leaf)
{
    public bool IsRepeated => Element.RepetitionType == Metadata.Repetition.Repeated;
}
