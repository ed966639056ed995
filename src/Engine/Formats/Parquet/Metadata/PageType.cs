namespace QueryEngine.Engine.Formats.Parquet.Metadata;

/// <summary>Page kinds (parquet.thrift <c>PageType</c>).</summary>
internal enum PageType
{
    DataPage = 0,
    IndexPage = 1,
    DictionaryPage = 2,
    DataPageV2 = 3,
}
