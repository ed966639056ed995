using System.Numerics;
using QueryEngine.Engine.Columnar;
using QueryEngine.Engine.Execution.Vectors;

namespace QueryEngine.Engine.Execution.Operators.Aggregate;

/// <summary>
/// Group index for a single integer-like key (integers, dates, timestamps): open addressing keyed directly by the
/// 64-bit value, with no byte encoding; NULL gets its own group outside the table. Slots hold only group ids (4 bytes;
/// the key is read from the dense key array): with many groups (Q18's 1.5M order keys) the slot array stays a quarter
/// of the size of slots holding keys, which measured faster and smaller than key-and-id slots.
/// </summary>
internal sealed class IntegerGroupIndex : GroupIndex
{
    private readonly DataType _type;
    private long[] _keys = new long[64];
    private int[] _slots = new int[2048];
    private int _mask = 2047;
    private int _count;
    private int _nullGroup = -1;

    public IntegerGroupIndex(DataType type) => _type = type;

    public override int GroupCount => _count;

    public override long MemoryBytes => _keys.LongLength * sizeof(long) + _slots.LongLength * sizeof(int);

    public override int[] FindOrInsert(IReadOnlyList<ArrowArray> keyColumns, int rows) => GroupIds(keyColumns[0], rows, insert: true);

    /// <summary>Group ids of existing keys, -1 for keys without a group (nothing is inserted).</summary>
    public override int[] Find(IReadOnlyList<ArrowArray> keyColumns, int rows) => GroupIds(keyColumns[0], rows, insert: false);

    /// <summary>The one dispatch on the key array's width, once per batch, into the generic loops below.</summary>
    private int[] GroupIds(ArrowArray column, int rows, bool insert) => column switch
    {
        PrimitiveArray<sbyte> a => insert ? Find(a, rows) : FindExisting(a, rows),
        PrimitiveArray<short> a => insert ? Find(a, rows) : FindExisting(a, rows),
        PrimitiveArray<int> a => insert ? Find(a, rows) : FindExisting(a, rows),
        PrimitiveArray<long> a => insert ? Find(a, rows) : FindExisting(a, rows),
        _ => throw new Common.InternalException($"integer group key of type {column.Type}"),
    };

    /// <summary>
    /// One probe per run of equal keys: rows of the same key often arrive together (clustered or sorted data, such as
    /// line items by order key), so a row equal to the previous one reuses its group without touching the table.
    /// </summary>
    private int[] Find<T>(PrimitiveArray<T> column, int rows)
        where T : unmanaged, IBinaryInteger<T>
    {
        var ids = new int[rows];
        var values = column.Values[..rows];
        var validity = column.Validity;
        var previousKey = 0L;
        var previousId = -1;
        for (var i = 0; i < values.Length; i++)
        {
            if (validity is not null && (validity[i >> 3] & (1 << (i & 7))) == 0)
            {
                if (_nullGroup < 0) _nullGroup = Add(0);
                ids[i] = _nullGroup;
                continue;
            }
            var key = long.CreateTruncating(values[i]);
            if (key != previousKey || previousId < 0)
            {
                previousKey = key;
                previousId = FindOrInsert(key);
            }
            ids[i] = previousId;
        }
        return ids;
    }

    private int[] FindExisting<T>(PrimitiveArray<T> column, int rows)
        where T : unmanaged, IBinaryInteger<T>
    {
        var ids = new int[rows];
        var values = column.Values;
        var validity = column.Validity;
        for (var i = 0; i < rows; i++)
        {
            if (validity is not null && (validity[i >> 3] & (1 << (i & 7))) == 0)
            {
                ids[i] = _nullGroup;
                continue;
            }
            ids[i] = Lookup(long.CreateTruncating(values[i]));
        }
        return ids;
    }

    /// <summary>The group of <paramref name="key"/>, or -1.</summary>
    private int Lookup(long key) => Probe(key, out _);

    /// <summary>The group of <paramref name="key"/> or -1; <paramref name="slot"/> is its slot or the empty slot ending the probe.</summary>
    private int Probe(long key, out int slot)
    {
        slot = (int)Hashing.Mix((ulong)key) & _mask;
        while (true)
        {
            var g = _slots[slot];
            if (g == 0) return -1;
            if (_keys[g - 1] == key) return g - 1;
            slot = (slot + 1) & _mask;
        }
    }

    private int FindOrInsert(long key)
    {
        var existing = Probe(key, out var slot);
        if (existing >= 0) return existing;
        var id = Add(key);
        _slots[slot] = id + 1;
        if (_count * 2 > _slots.Length) Grow();
        return id;
    }

    private void Grow()
    {
        var slots = new int[_slots.Length * 2];
        var mask = slots.Length - 1;
        for (var id = 0; id < _count; id++)
        {
            if (id == _nullGroup) continue;
            var slot = (int)Hashing.Mix((ulong)_keys[id]) & mask;
            while (slots[slot] != 0) slot = (slot + 1) & mask;
            slots[slot] = id + 1;
        }
        _slots = slots;
        _mask = mask;
    }

    private int Add(long key)
    {
        if (_count == _keys.Length) Array.Resize(ref _keys, _keys.Length * 2);
        _keys[_count] = key;
        return _count++;
    }

    public override int[] Merge(GroupIndex index)
    {
        var other = (IntegerGroupIndex)index;
        var map = new int[other._count];
        for (var id = 0; id < map.Length; id++)
        {
            if (id == other._nullGroup)
            {
                if (_nullGroup < 0) _nullGroup = Add(0);
                map[id] = _nullGroup;
            }
            else
            {
                map[id] = FindOrInsert(other._keys[id]);
            }
        }
        return map;
    }

    public override ArrowArray[] DecodeKeys()
    {
        byte[]? validity = null;
        if (_nullGroup >= 0)
        {
            validity = Bitmap.AllSet(_count);
            Bitmap.Clear(validity, _nullGroup);
        }
        ArrowArray column = _type.Id switch
        {
            TypeId.Int8 => Narrow<sbyte>(validity),
            TypeId.Int16 => Narrow<short>(validity),
            TypeId.Int32 or TypeId.Date32 => Narrow<int>(validity),
            _ => new PrimitiveArray<long>(_type, _keys[.._count], _count, validity),
        };
        return [column];
    }

    private PrimitiveArray<T> Narrow<T>(byte[]? validity)
        where T : unmanaged, IBinaryInteger<T>
    {
        var values = new T[_count];
        for (var i = 0; i < values.Length; i++) values[i] = T.CreateTruncating(_keys[i]);
        return new PrimitiveArray<T>(_type, values, _count, validity);
    }
}
