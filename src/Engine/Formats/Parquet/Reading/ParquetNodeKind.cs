namespace QueryEngine.Engine.Formats.Parquet.Reading;

/// <summary>What a node of the schema tree reads as.</summary>
internal enum ParquetNodeKind
{
    Primitive,
    Struct,
    List,
    Map,
}
