namespace QueryEngine.Engine.Expressions.Functions.Nested;

/// <summary>
/// An open-addressing set of element indices, reset for every list (segment): finds repeated values within one list
/// without allocating per list.
/// </summary>
internal sealed class SegmentSet
{
    private readonly ElementKeys _keys;
    private int[] _slots = new int[16];
    private readonly List<int> _used = [];

    public SegmentSet(ElementKeys keys)
    {
        _keys = keys;
        _slots.AsSpan().Fill(-1);
    }

    /// <summary>Empties the set and makes room for <paramref name="count"/> elements.</summary>
    public void Reset(int count)
    {
        if (_slots.Length < count * 2)
        {
            _slots = new int[(int)Math.Min(1L << 30, System.Numerics.BitOperations.RoundUpToPowerOf2((uint)(count * 2)))];
            _slots.AsSpan().Fill(-1);
            _used.Clear();
            return;
        }
        foreach (var s in _used) _slots[s] = -1;
        _used.Clear();
    }

    /// <summary>Whether an element equal to <paramref name="i"/> is in the set.</summary>
    public bool Contains(int i)
    {
        var mask = _slots.Length - 1;
        var slot = (int)(_keys.Hash(i) & (ulong)mask);
        while (true)
        {
            var existing = _slots[slot];
            if (existing < 0) return false;
            if (_keys.Equal(existing, i)) return true;
            slot = (slot + 1) & mask;
        }
    }

    /// <summary>Adds element <paramref name="i"/>; returns the index of an equal element already present, or -1.</summary>
    public int Add(int i)
    {
        var mask = _slots.Length - 1;
        var slot = (int)(_keys.Hash(i) & (ulong)mask);
        while (true)
        {
            var existing = _slots[slot];
            if (existing < 0)
            {
                _slots[slot] = i;
                _used.Add(slot);
                return -1;
            }
            if (_keys.Equal(existing, i)) return existing;
            slot = (slot + 1) & mask;
        }
    }
}
