using QueryEngine.Engine.Columnar;
using QueryEngine.Engine.Execution.Vectors;

namespace QueryEngine.Engine.Execution.Operators.Aggregate;

/// <summary>
/// Maps encoded group keys to dense group ids: open addressing (linear probing) over precomputed 64-bit hashes, with
/// the keys of each group stored once in a byte arena. A whole batch is encoded and hashed column by column, then
/// resolved to group ids in one pass; NULL keys form their own group.
/// </summary>
internal sealed class GroupTable : GroupIndex
{
    private readonly KeyEncoder _encoder;
    private int[] _slotGroups;
    private ulong[] _slotHashes;
    private int _mask;
    private byte[] _keyData = new byte[1024];
    private int _keyLength;
    private int[] _keyOffsets = new int[65];
    private ulong[] _groupHashes = new ulong[64];
    private readonly PackedKeyLayout? _packedLayout;
    private readonly LongKeyMap? _packedGroups;
    private long[] _packedBuffer = [];
    private readonly DictionaryKeyCodes _dictionaryCodes = new();

    public GroupTable(IReadOnlyList<DataType> keyTypes, int initialCapacity = 1024)
    {
        _encoder = new KeyEncoder(keyTypes);
        _packedLayout = PackedKeyLayout.TryCreate(keyTypes);
        if (_packedLayout is not null) _packedGroups = new LongKeyMap(64);
        var capacity = 16;
        while (capacity < initialCapacity * 2) capacity <<= 1;
        _slotGroups = new int[capacity];
        _slotHashes = new ulong[capacity];
        _mask = capacity - 1;
    }

    public override int GroupCount => _groupCount;

    private int _groupCount;

    public override long MemoryBytes =>
        _slotGroups.LongLength * sizeof(int) + _slotHashes.LongLength * sizeof(ulong) + _keyData.LongLength
        + _keyOffsets.LongLength * sizeof(int) + _groupHashes.LongLength * sizeof(ulong)
        + (_packedGroups?.MemoryBytes ?? 0) + _packedBuffer.LongLength * sizeof(long) + _dictionaryCodes.MemoryBytes;

    /// <summary>
    /// Assigns a group id to every row of the key columns, creating groups for unseen keys. Key columns may be
    /// dictionary-encoded: when all are, rows are grouped by their dictionary codes (<see cref="DictionaryKeyCodes"/>),
    /// otherwise the encoded ones are materialized first.
    /// </summary>
    public override int[] FindOrInsert(IReadOnlyList<ArrowArray> keyColumns, int rows)
    {
        if (rows > 0 && DictionaryKeyCodes.AllEncoded(keyColumns))
        {
            var codes = _dictionaryCodes.Codes(keyColumns, rows);
            if (!codes.IsEmpty) return FindOrInsertCoded(keyColumns, codes);
        }
        keyColumns = DictionaryArray.Flat(keyColumns, []);
        if (_packedLayout is not null && rows > 0)
        {
            if (_packedBuffer.Length < rows) _packedBuffer = new long[rows];
            if (_packedLayout.TryPack(keyColumns, rows, _packedBuffer)) return FindOrInsertPacked(keyColumns, rows);
        }
        var keys = _encoder.Encode(keyColumns, rows);
        var ids = new int[rows];
        var data = keys.Data;
        var offsets = keys.Offsets;
        var hashes = keys.Hashes;
        for (var i = 0; i < rows; i++)
        {
            ids[i] = FindOrInsert(data.AsSpan(offsets[i], offsets[i + 1] - offsets[i]), hashes[i]);
        }
        return ids;
    }

    /// <summary>
    /// The fast path for keys that fit 64 bits (see <see cref="PackedKeyLayout"/>): one probe of the packed-key map per
    /// run of equal keys. A packed key seen for the first time is resolved through the byte-encoded table, so both paths
    /// agree on group ids and batches that do not pack can be mixed with ones that do.
    /// </summary>
    private int[] FindOrInsertPacked(IReadOnlyList<ArrowArray> keyColumns, int rows)
    {
        var ids = new int[rows];
        var packed = _packedBuffer.AsSpan(0, rows);
        var groups = _packedGroups!;
        EncodedKeys? encoded = null;
        var previousKey = 0L;
        var previousId = -1;
        for (var i = 0; i < packed.Length; i++)
        {
            var key = packed[i];
            if (key == previousKey && previousId >= 0)
            {
                ids[i] = previousId;
                continue;
            }
            if (!groups.TryGet(key, out var id))
            {
                encoded ??= _encoder.Encode(keyColumns, rows);
                var offsets = encoded.Offsets;
                id = FindOrInsert(encoded.Data.AsSpan(offsets[i], offsets[i + 1] - offsets[i]), encoded.Hashes[i]);
                groups.GetOrAdd(key, id);
            }
            ids[i] = id;
            previousKey = key;
            previousId = id;
        }
        return ids;
    }

    /// <summary>
    /// Rows grouped by their combined dictionary codes: a code's group is resolved through the byte-encoded table the
    /// first time it is seen with the current dictionaries (so group ids agree with every other path), then read from
    /// the code map.
    /// </summary>
    private int[] FindOrInsertCoded(IReadOnlyList<ArrowArray> keyColumns, ReadOnlySpan<int> codes)
    {
        var ids = new int[codes.Length];
        var groups = _dictionaryCodes.Groups;
        for (var i = 0; i < codes.Length; i++)
        {
            var code = codes[i];
            var id = groups[code];
            if (id < 0)
            {
                id = FindOrInsertRow(keyColumns, i);
                groups[code] = id;
            }
            ids[i] = id;
        }
        return ids;
    }

    /// <summary>The group of one row of the key columns (any encoding), created when new.</summary>
    private int FindOrInsertRow(IReadOnlyList<ArrowArray> keyColumns, int row)
    {
        var single = new ArrowArray[keyColumns.Count];
        for (var c = 0; c < single.Length; c++) single[c] = DictionaryArray.Flat(keyColumns[c].Slice(row, 1));
        var encoded = _encoder.Encode(single, 1);
        return FindOrInsert(encoded.Data.AsSpan(0, encoded.Offsets[1]), encoded.Hashes[0]);
    }

    /// <summary>Group ids of existing keys, -1 for keys without a group (nothing is inserted).</summary>
    public override int[] Find(IReadOnlyList<ArrowArray> keyColumns, int rows)
    {
        keyColumns = DictionaryArray.Flat(keyColumns, []);
        var keys = _encoder.Encode(keyColumns, rows);
        var ids = new int[rows];
        var data = keys.Data;
        var offsets = keys.Offsets;
        var hashes = keys.Hashes;
        for (var i = 0; i < rows; i++)
        {
            ids[i] = Find(data.AsSpan(offsets[i], offsets[i + 1] - offsets[i]), hashes[i]);
        }
        return ids;
    }

    private int Find(ReadOnlySpan<byte> key, ulong hash) => Probe(key, hash, out _);

    /// <summary>The group of <paramref name="key"/> or -1; <paramref name="slot"/> is its slot or the empty slot ending the probe.</summary>
    private int Probe(ReadOnlySpan<byte> key, ulong hash, out int slot)
    {
        slot = (int)hash & _mask;
        while (true)
        {
            var g = _slotGroups[slot];
            if (g == 0) return -1;
            if (_slotHashes[slot] == hash)
            {
                var id = g - 1;
                var start = _keyOffsets[id];
                if (key.SequenceEqual(_keyData.AsSpan(start, _keyOffsets[id + 1] - start))) return id;
            }
            slot = (slot + 1) & _mask;
        }
    }

    /// <summary>The group of one encoded key, created when new.</summary>
    public int FindOrInsert(ReadOnlySpan<byte> key, ulong hash)
    {
        var existing = Probe(key, hash, out var slot);
        if (existing >= 0) return existing;
        var group = AddGroup(key, hash);
        _slotGroups[slot] = group + 1;
        _slotHashes[slot] = hash;
        if (GroupCount * 2 > _slotGroups.Length) Grow();
        return group;
    }

    private int AddGroup(ReadOnlySpan<byte> key, ulong hash)
    {
        var id = GroupCount;
        if (_keyLength + key.Length > _keyData.Length) Array.Resize(ref _keyData, Math.Max(_keyData.Length * 2, _keyLength + key.Length));
        key.CopyTo(_keyData.AsSpan(_keyLength));
        _keyLength += key.Length;
        if (id + 2 > _keyOffsets.Length) Array.Resize(ref _keyOffsets, _keyOffsets.Length * 2);
        _keyOffsets[id + 1] = _keyLength;
        if (id >= _groupHashes.Length) Array.Resize(ref _groupHashes, _groupHashes.Length * 2);
        _groupHashes[id] = hash;
        _groupCount = id + 1;
        return id;
    }

    private void Grow()
    {
        var capacity = _slotGroups.Length * 2;
        var groups = new int[capacity];
        var hashes = new ulong[capacity];
        var mask = capacity - 1;
        for (var id = 0; id < GroupCount; id++)
        {
            var h = _groupHashes[id];
            var slot = (int)h & mask;
            while (groups[slot] != 0) slot = (slot + 1) & mask;
            groups[slot] = id + 1;
            hashes[slot] = h;
        }
        _slotGroups = groups;
        _slotHashes = hashes;
        _mask = mask;
    }

    /// <summary>Inserts every group of another table with the same key types; returns its group id -> this table's group id.</summary>
    public override int[] Merge(GroupIndex index)
    {
        var other = (GroupTable)index;
        var map = new int[other.GroupCount];
        for (var id = 0; id < map.Length; id++)
        {
            var start = other._keyOffsets[id];
            map[id] = FindOrInsert(other._keyData.AsSpan(start, other._keyOffsets[id + 1] - start), other._groupHashes[id]);
        }
        return map;
    }

    /// <summary>The key columns of groups [0, GroupCount).</summary>
    public override ArrowArray[] DecodeKeys() => _encoder.Decode(_keyData, _keyOffsets.AsSpan(0, GroupCount + 1), GroupCount);
}
