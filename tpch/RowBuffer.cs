namespace QueryEngine.Tpch;

/// <summary>
/// A growable byte buffer that formats .tbl fields exactly as dbgen's print.c does: every field followed
/// by '|', rows ended by '\n', money as [-]dollars.cc, integers in decimal.
/// </summary>
internal sealed class RowBuffer
{
    private byte[] _bytes;
    private int _length;

    public RowBuffer(int capacity) => _bytes = new byte[Math.Max(capacity, 256)];

    public int Length => _length;

    public ReadOnlySpan<byte> Written => _bytes.AsSpan(0, _length);

    public void Clear() => _length = 0;

    /// <summary>Makes room for a row of at most <paramref name="bytes"/> bytes; call once per row.</summary>
    public void Reserve(int bytes)
    {
        if (_length + bytes > _bytes.Length)
        {
            Array.Resize(ref _bytes, Math.Max(_bytes.Length * 2, _length + bytes));
        }
    }

    public void Field(ReadOnlySpan<byte> text)
    {
        text.CopyTo(_bytes.AsSpan(_length));
        _length += text.Length;
        _bytes[_length++] = (byte)'|';
    }

    public void Char(byte c)
    {
        _bytes[_length++] = c;
        _bytes[_length++] = (byte)'|';
    }

    public void Field(long value)
    {
        Integer(value);
        _bytes[_length++] = (byte)'|';
    }

    /// <summary>A prefix followed by <paramref name="value"/> zero-padded to <paramref name="width"/> digits (sprintf "%s%0*ld").</summary>
    public void Field(ReadOnlySpan<byte> prefix, long value, int width)
    {
        prefix.CopyTo(_bytes.AsSpan(_length));
        _length += prefix.Length;
        Padded(value, width);
        _bytes[_length++] = (byte)'|';
    }

    /// <summary>dbgen's DT_MONEY: cents as (int), sign, dollars, '.', two cent digits.</summary>
    public void Money(long value)
    {
        var cents = (int)value;
        if (cents < 0)
        {
            _bytes[_length++] = (byte)'-';
            cents = -cents;
        }

        Integer(cents / 100);
        _bytes[_length++] = (byte)'.';
        var rest = cents % 100;
        _bytes[_length++] = (byte)('0' + (rest / 10));
        _bytes[_length++] = (byte)('0' + (rest % 10));
        _bytes[_length++] = (byte)'|';
    }

    /// <summary>The phone number "CC-AAA-EEE-NNNN".</summary>
    public void Phone(int country, int area, int exchange, int number)
    {
        Padded(country, 2);
        _bytes[_length++] = (byte)'-';
        Padded(area, 3);
        _bytes[_length++] = (byte)'-';
        Padded(exchange, 3);
        _bytes[_length++] = (byte)'-';
        Padded(number, 4);
        _bytes[_length++] = (byte)'|';
    }

    public void EndRow() => _bytes[_length++] = (byte)'\n';

    /// <summary>Writes raw bytes (no separator).</summary>
    public void Raw(ReadOnlySpan<byte> bytes)
    {
        bytes.CopyTo(_bytes.AsSpan(_length));
        _length += bytes.Length;
    }

    private void Integer(long value)
    {
        if (value < 0)
        {
            _bytes[_length++] = (byte)'-';
            value = -value;
        }

        var digits = 1;
        for (var v = value; v >= 10; v /= 10)
        {
            digits++;
        }

        Padded(value, digits);
    }

    private void Padded(long value, int width)
    {
        var digits = 1;
        for (var v = value; v >= 10; v /= 10)
        {
            digits++;
        }

        var total = Math.Max(width, digits);
        var end = _length + total;
        for (var i = end - 1; i >= _length; i--)
        {
            _bytes[i] = (byte)('0' + (value % 10));
            value /= 10;
        }

        _length = end;
    }
}
