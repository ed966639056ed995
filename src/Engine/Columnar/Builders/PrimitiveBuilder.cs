using System.Runtime.CompilerServices;

namespace QueryEngine.Engine.Columnar;

public sealed class PrimitiveBuilder<T> : ArrayBuilder
    where T : unmanaged
{
    private T[] _values;
    private int _length;
    private ValidityBuilder _validity;

    public PrimitiveBuilder(DataType type, int capacity = 0) : base(type)
    {
        _values = new T[Math.Max(capacity, 16)];
    }

    public override int Length => _length;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Append(T value)
    {
        if (_length == _values.Length) Grow();
        _values[_length] = value;
        if (_validity.NullCount != 0) _validity.Append(_length, true);
        _length++;
    }

    public override void AppendNull()
    {
        if (_length == _values.Length) Grow();
        _values[_length] = default;
        _validity.Append(_length, false);
        _length++;
    }

    public override void AppendValue(object? value)
    {
        if (value is null) AppendNull();
        else Append((T)value);
    }

    public void AppendRange(ReadOnlySpan<T> values)
    {
        while (_length + values.Length > _values.Length) Grow();
        values.CopyTo(_values.AsSpan(_length));
        if (_validity.NullCount != 0)
        {
            for (var i = 0; i < values.Length; i++) _validity.Append(_length + i, true);
        }
        _length += values.Length;
    }

    private void Grow() => Array.Resize(ref _values, _values.Length * 2);

    public override ArrowArray Build()
    {
        var array = new PrimitiveArray<T>(Type, _values, _length, _validity.Build(), _validity.NullCount);
        _values = new T[16];
        _length = 0;
        _validity.Reset();
        return array;
    }
}
