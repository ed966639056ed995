using QueryEngine.Engine.Columnar;

namespace QueryEngine.Engine.Formats.Csv;

/// <summary>A column of the null type (Hive <c>void</c>): every row is NULL.</summary>
internal sealed class NullDecoder(string name) : ColumnDecoder(name, DataType.Null)
{
    private int _length;

    public override void Decode(DecodeContext context, int slot, int rows) => _length += rows;

    public override ArrowArray Build()
    {
        var array = new NullArray(_length);
        _length = 0;
        return array;
    }
}
