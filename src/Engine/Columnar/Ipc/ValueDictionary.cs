namespace QueryEngine.Engine.Columnar.Ipc;

/// <summary>
/// The distinct values of a dictionary-encoded column in the order they were first seen, with an open-addressing
/// hash table from value bytes to position: no string or object per row.
/// </summary>
internal sealed class ValueDictionary
{
    private byte[] _data = new byte[1024];
    private int[] _offsets = new int[65];
    private int[] _hashes = new int[64];
    private int[] _slots = new int[128]; // position + 1; 0 = empty
    private int _dataLength;

    public int Count { get; private set; }

    /// <summary>Whether a dictionary batch for it was written (the next one is then a delta).</summary>
    public bool Sent { get; set; }

    /// <summary>The position of a value, added when new; -1 when it is new and the dictionary holds <paramref name="max"/> values.</summary>
    public int IndexOf(ReadOnlySpan<byte> value, int max)
    {
        var hash = Hash(value);
        var mask = _slots.Length - 1;
        for (var slot = hash & mask; ; slot = (slot + 1) & mask)
        {
            var entry = _slots[slot];
            if (entry == 0)
            {
                if (Count >= max) return -1;
                var position = Add(value, hash);
                _slots[slot] = position + 1;
                if (Count * 2 > _slots.Length) Rehash();
                return position;
            }
            var candidate = entry - 1;
            if (_hashes[candidate] == hash && value.SequenceEqual(_data.AsSpan(_offsets[candidate], _offsets[candidate + 1] - _offsets[candidate])))
            {
                return candidate;
            }
        }
    }

    /// <summary>The values from position <paramref name="from"/> on, as an array of <paramref name="type"/> (utf8 or binary).</summary>
    public BinaryArray Values(DataType type, int from)
    {
        var count = Count - from;
        var start = _offsets[from];
        var offsets = new int[count + 1];
        for (var i = 0; i <= count; i++) offsets[i] = _offsets[from + i] - start;
        var data = _data.AsSpan(start, _offsets[Count] - start).ToArray();
        return new BinaryArray(type, offsets, data, count);
    }

    public void Clear()
    {
        Count = 0;
        _dataLength = 0;
        Array.Clear(_slots);
    }

    private int Add(ReadOnlySpan<byte> value, int hash)
    {
        if (_dataLength + value.Length > _data.Length) Array.Resize(ref _data, Math.Max(_data.Length * 2, _dataLength + value.Length));
        if (Count + 2 > _offsets.Length) Array.Resize(ref _offsets, _offsets.Length * 2);
        if (Count + 1 > _hashes.Length) Array.Resize(ref _hashes, _hashes.Length * 2);
        value.CopyTo(_data.AsSpan(_dataLength));
        _offsets[Count] = _dataLength;
        _dataLength += value.Length;
        _offsets[Count + 1] = _dataLength;
        _hashes[Count] = hash;
        return Count++;
    }

    private void Rehash()
    {
        _slots = new int[_slots.Length * 2];
        var mask = _slots.Length - 1;
        for (var position = 0; position < Count; position++)
        {
            var slot = _hashes[position] & mask;
            while (_slots[slot] != 0) slot = (slot + 1) & mask;
            _slots[slot] = position + 1;
        }
    }

    private static int Hash(ReadOnlySpan<byte> value)
    {
        var hash = new HashCode();
        hash.AddBytes(value);
        return hash.ToHashCode() & int.MaxValue;
    }
}
