namespace QueryEngine.Engine.Columnar;

/// <summary>
/// Trino's JSON: a JSON value held as its canonical text (compact, object keys sorted, numbers as Trino writes them),
/// physically a UTF-8 string column so every variable-width kernel (take, sort, hash, compare) works unchanged. It is
/// not varchar: functions and casts treat it apart, and it never converts implicitly.
/// </summary>
public sealed record JsonType : DataType
{
    public static readonly JsonType Instance = new();

    private JsonType() : base(TypeId.Utf8)
    {
    }

    public override string SqlName => "json";
}
