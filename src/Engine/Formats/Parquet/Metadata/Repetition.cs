namespace QueryEngine.Engine.Formats.Parquet.Metadata;

/// <summary>Field repetition (parquet.thrift <c>FieldRepetitionType</c>).</summary>
internal enum Repetition
{
    Required = 0,
    Optional = 1,
    Repeated = 2,
}
