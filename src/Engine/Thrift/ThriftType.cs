namespace QueryEngine.Engine.Thrift;

/// <summary>Type ids of the Thrift binary protocol (field headers, list/set/map headers).</summary>
internal enum ThriftType : byte
{
    Stop = 0,
    Bool = 2,
    Byte = 3,
    Double = 4,
    I16 = 6,
    I32 = 8,
    I64 = 10,
    String = 11,
    Struct = 12,
    Map = 13,
    Set = 14,
    List = 15,
    Uuid = 16,
}
