using System.Text;

namespace QueryEngine.Engine.Columnar;

/// <summary>Builds utf8 or binary arrays.</summary>
public sealed class BinaryBuilder : ArrayBuilder
{
    private int[] _offsets;
    private byte[] _data;
    private int _length;
    private int _dataLength;
    private ValidityBuilder _validity;

    public BinaryBuilder(DataType type, int capacity = 0, int dataCapacity = 0) : base(type)
    {
        _offsets = new int[Math.Max(capacity, 16) + 1];
        _data = new byte[Math.Max(dataCapacity, 64)];
    }

    public override int Length => _length;

    public void Append(ReadOnlySpan<byte> value)
    {
        EnsureOffsets();
        if (_dataLength + value.Length > _data.Length) Array.Resize(ref _data, Math.Max(_data.Length * 2, _dataLength + value.Length));
        value.CopyTo(_data.AsSpan(_dataLength));
        _dataLength += value.Length;
        _offsets[_length + 1] = _dataLength;
        if (_validity.NullCount != 0) _validity.Append(_length, true);
        _length++;
    }

    public void Append(string value)
    {
        var max = Encoding.UTF8.GetMaxByteCount(value.Length);
        EnsureOffsets();
        if (_dataLength + max > _data.Length) Array.Resize(ref _data, Math.Max(_data.Length * 2, _dataLength + max));
        _dataLength += Encoding.UTF8.GetBytes(value, _data.AsSpan(_dataLength));
        _offsets[_length + 1] = _dataLength;
        if (_validity.NullCount != 0) _validity.Append(_length, true);
        _length++;
    }

    public override void AppendNull()
    {
        EnsureOffsets();
        _offsets[_length + 1] = _dataLength;
        _validity.Append(_length, false);
        _length++;
    }

    public override void AppendValue(object? value)
    {
        switch (value)
        {
            case null: AppendNull(); break;
            case string s: Append(s); break;
            case byte[] b: Append(b); break;
            default: throw new ArgumentException($"cannot append {value.GetType().Name} to {Type}", nameof(value));
        }
    }

    private void EnsureOffsets()
    {
        if (_length + 2 > _offsets.Length) Array.Resize(ref _offsets, _offsets.Length * 2);
    }

    public override ArrowArray Build()
    {
        var array = new BinaryArray(Type, _offsets, _data, _length, _validity.Build(), _validity.NullCount);
        _offsets = new int[17];
        _data = new byte[64];
        _length = 0;
        _dataLength = 0;
        _validity.Reset();
        return array;
    }
}
