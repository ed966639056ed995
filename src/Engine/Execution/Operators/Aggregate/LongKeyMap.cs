using System.Runtime.CompilerServices;
using QueryEngine.Engine.Execution.Vectors;

namespace QueryEngine.Engine.Execution.Operators.Aggregate;

/// <summary>
/// Open-addressing (linear probing) map from a 64-bit key to a dense group id, with key and id stored side by side in
/// one slot so a probe touches one cache line. Kept at most half full; grows by doubling.
/// </summary>
internal sealed class LongKeyMap
{
    private struct Slot
    {
        public long Key;

        /// <summary>Group id + 1; 0 marks an empty slot.</summary>
        public int IdPlusOne;
    }

    private Slot[] _slots;
    private int _mask;
    private int _count;

    public LongKeyMap(int expectedKeys = 1024)
    {
        var capacity = 16;
        while (capacity < (long)expectedKeys * 2 && capacity < 1 << 30) capacity <<= 1;
        _slots = new Slot[capacity];
        _mask = capacity - 1;
    }

    public int Count => _count;

    public long MemoryBytes => _slots.LongLength * Unsafe.SizeOf<Slot>();

    /// <summary>The id stored for <paramref name="key"/>, or <paramref name="newId"/> after storing it when the key is new.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int GetOrAdd(long key, int newId)
    {
        var slots = _slots;
        var slot = (int)Hashing.Mix((ulong)key) & _mask;
        while (true)
        {
            ref var s = ref slots[slot];
            if (s.IdPlusOne == 0)
            {
                s.Key = key;
                s.IdPlusOne = newId + 1;
                if (++_count * 2 > slots.Length) Grow();
                return newId;
            }
            if (s.Key == key) return s.IdPlusOne - 1;
            slot = (slot + 1) & _mask;
        }
    }

    /// <summary>Looks up <paramref name="key"/> without adding it.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool TryGet(long key, out int id)
    {
        var slots = _slots;
        var slot = (int)Hashing.Mix((ulong)key) & _mask;
        while (true)
        {
            ref var s = ref slots[slot];
            if (s.IdPlusOne == 0)
            {
                id = -1;
                return false;
            }
            if (s.Key == key)
            {
                id = s.IdPlusOne - 1;
                return true;
            }
            slot = (slot + 1) & _mask;
        }
    }

    private void Grow()
    {
        var old = _slots;
        var slots = new Slot[old.Length * 2];
        var mask = slots.Length - 1;
        foreach (var s in old)
        {
            if (s.IdPlusOne == 0) continue;
            var slot = (int)Hashing.Mix((ulong)s.Key) & mask;
            while (slots[slot].IdPlusOne != 0) slot = (slot + 1) & mask;
            slots[slot] = s;
        }
        _slots = slots;
        _mask = mask;
    }
}
