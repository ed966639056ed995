using System.Numerics;
using QueryEngine.Engine.Columnar;

namespace QueryEngine.Engine.Execution.Operators.Aggregate;

/// <summary>
/// Group index for a single integer-like key (integers, dates, timestamps): a <see cref="LongKeyMap"/> keyed directly
/// by the 64-bit value, with no byte encoding; NULL gets its own group outside the table.
/// </summary>
internal sealed class IntegerGroupIndex : GroupIndex
{
    private readonly DataType _type;
    private readonly LongKeyMap _map = new(1024);
    private long[] _keys = new long[64];
    private int _count;
    private int _nullGroup = -1;

    public IntegerGroupIndex(DataType type) => _type = type;

    public override int GroupCount => _count;

    public override long MemoryBytes => _keys.LongLength * sizeof(long) + _map.MemoryBytes;

    public override int[] FindOrInsert(IReadOnlyList<ArrowArray> keyColumns, int rows) => keyColumns[0] switch
    {
        PrimitiveArray<sbyte> a => Find(a, rows),
        PrimitiveArray<short> a => Find(a, rows),
        PrimitiveArray<int> a => Find(a, rows),
        PrimitiveArray<long> a => Find(a, rows),
        _ => throw new Common.InternalException($"integer group key of type {keyColumns[0].Type}"),
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

    /// <summary>Group ids of existing keys, -1 for keys without a group (nothing is inserted).</summary>
    public override int[] Find(IReadOnlyList<ArrowArray> keyColumns, int rows) => keyColumns[0] switch
    {
        PrimitiveArray<sbyte> a => FindExisting(a, rows),
        PrimitiveArray<short> a => FindExisting(a, rows),
        PrimitiveArray<int> a => FindExisting(a, rows),
        PrimitiveArray<long> a => FindExisting(a, rows),
        _ => throw new Common.InternalException($"integer group key of type {keyColumns[0].Type}"),
    };

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
            ids[i] = _map.TryGet(long.CreateTruncating(values[i]), out var id) ? id : -1;
        }
        return ids;
    }

    private int FindOrInsert(long key)
    {
        var id = _map.GetOrAdd(key, _count);
        if (id == _count) Add(key);
        return id;
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
