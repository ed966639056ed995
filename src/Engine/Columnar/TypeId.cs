namespace QueryEngine.Engine.Columnar;

/// <summary>Arrow logical type ids the engine supports.</summary>
public enum TypeId : byte
{
    Null,
    Boolean,
    Int8,
    Int16,
    Int32,
    Int64,
    Float32,
    Float64,
    Decimal128,
    Utf8,
    Binary,
    Date32,
    Timestamp,
    List,
    Struct,
    Map,
}
