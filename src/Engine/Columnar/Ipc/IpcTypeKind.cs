namespace QueryEngine.Engine.Columnar.Ipc;

/// <summary>The Arrow logical types the IPC codec writes; values are the <c>Type</c> union codes of Schema.fbs.</summary>
public enum IpcTypeKind : byte
{
    Null = 1,
    Int = 2,
    FloatingPoint = 3,
    Binary = 4,
    Utf8 = 5,
    Bool = 6,
    Decimal = 7,
    Date = 8,
    Time = 9,
    Timestamp = 10,
    Interval = 11,
    List = 12,
    Struct = 13,
    Union = 14,
    Map = 17,
    Duration = 18,
}
