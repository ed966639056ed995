namespace QueryEngine.Engine.Columnar;

/// <summary>Grows a validity bitmap; allocates nothing until the first null.</summary>
public struct ValidityBuilder
{
    private byte[]? _bits;
    private int _nullCount;

    public readonly int NullCount => _nullCount;

    public void Append(int index, bool valid)
    {
        if (valid)
        {
            if (_bits is not null)
            {
                Ensure(index);
                Bitmap.Set(_bits, index);
            }
            return;
        }
        if (_bits is null)
        {
            _bits = new byte[Math.Max(8, Bitmap.BytesFor(index + 1) * 2)];
            for (var i = 0; i < index; i++) Bitmap.Set(_bits, i);
        }
        Ensure(index);
        Bitmap.Clear(_bits, index);
        _nullCount++;
    }

    private void Ensure(int index)
    {
        var needed = Bitmap.BytesFor(index + 1);
        if (_bits!.Length < needed) Array.Resize(ref _bits, Math.Max(needed, _bits.Length * 2));
    }

    public readonly byte[]? Build() => _nullCount == 0 ? null : _bits;

    public void Reset()
    {
        _bits = null;
        _nullCount = 0;
    }
}
