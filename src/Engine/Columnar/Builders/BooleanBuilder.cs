namespace QueryEngine.Engine.Columnar;

public sealed class BooleanBuilder : ArrayBuilder
{
    private byte[] _bits;
    private int _length;
    private ValidityBuilder _validity;

    public BooleanBuilder(int capacity = 0) : base(DataType.Boolean)
    {
        _bits = new byte[Math.Max(Bitmap.BytesFor(capacity), 8)];
    }

    public override int Length => _length;

    public void Append(bool value)
    {
        Ensure();
        if (value) Bitmap.Set(_bits, _length);
        if (_validity.NullCount != 0) _validity.Append(_length, true);
        _length++;
    }

    public override void AppendNull()
    {
        Ensure();
        _validity.Append(_length, false);
        _length++;
    }

    public override void AppendValue(object? value)
    {
        if (value is null) AppendNull();
        else Append((bool)value);
    }

    private void Ensure()
    {
        if (Bitmap.BytesFor(_length + 1) > _bits.Length) Array.Resize(ref _bits, _bits.Length * 2);
    }

    public override ArrowArray Build()
    {
        var array = new BooleanArray(_bits, _length, _validity.Build(), _validity.NullCount);
        _bits = new byte[8];
        _length = 0;
        _validity.Reset();
        return array;
    }
}
