namespace QueryEngine.Engine.Formats.Parquet.Metadata;

/// <summary>Value and level encodings (parquet.thrift <c>Encoding</c>).</summary>
internal enum ParquetEncoding
{
    Plain = 0,
    PlainDictionary = 2,
    Rle = 3,
    BitPacked = 4,
    DeltaBinaryPacked = 5,
    DeltaLengthByteArray = 6,
    DeltaByteArray = 7,
    RleDictionary = 8,
    ByteStreamSplit = 9,
}
