using QueryEngine.Engine.Columnar;
using QueryEngine.Engine.Common;
using QueryEngine.Engine.Execution.Vectors;

namespace QueryEngine.Engine.Execution.Operators.Window;

/// <summary>
/// lag, lead, first_value, last_value and nth_value: each computes, per row, the position of the value it returns
/// (-1 for null) and gathers once. IGNORE NULLS counts only rows whose value is not null.
/// </summary>
internal static class ValueFunctions
{
    /// <summary>lag (<paramref name="forward"/> false) or lead: the value <paramref name="offsets"/> rows away within the partition, else the default.</summary>
    public static ArrowArray Shift(WindowLayout layout, ArrowArray values, PrimitiveArray<long> offsets, ArrowArray defaults, bool forward, bool ignoreNulls)
    {
        var rows = values.Length;
        var nonNull = ignoreNulls ? new NonNullIndex(values) : null;
        var positions = new int[rows];
        var anyDefault = false;
        for (var i = 0; i < rows; i++)
        {
            if (offsets.IsNull(i))
            {
                positions[i] = -1;
                continue;
            }
            var offset = offsets[i];
            if (offset < 0) throw new ExecutionException($"Offset must be at least 0, got {offset}");
            long target;
            if (offset == 0) target = i;
            else if (nonNull is null) target = forward ? i + offset : i - offset;
            else target = forward ? nonNull.After(i, offset, layout.PartitionEnd[i]) : nonNull.Before(i, offset, layout.PartitionStart[i]);
            if (target >= layout.PartitionStart[i] && target < layout.PartitionEnd[i])
            {
                positions[i] = (int)target;
            }
            else
            {
                // Rows past the partition take the default, stored after the values in the gathered source.
                positions[i] = rows + i;
                anyDefault = true;
            }
        }
        if (!anyDefault) return values.Take(positions);
        return ArrayConcat.Concat([values, defaults], values.Type).Take(positions);
    }

    /// <summary>The first (or last) value of each row's frame.</summary>
    public static ArrowArray FirstOrLast(FrameBounds frames, ArrowArray values, bool last, bool ignoreNulls)
    {
        var rows = values.Length;
        var positions = new int[rows];
        var nonNull = ignoreNulls ? new NonNullIndex(values) : null;
        for (var i = 0; i < rows; i++)
        {
            int start = frames.Start[i], end = frames.End[i];
            if (start >= end) positions[i] = -1;
            else if (nonNull is null) positions[i] = last ? end - 1 : start;
            else positions[i] = last ? nonNull.LastIn(start, end) : nonNull.FirstIn(start, end);
        }
        return values.Take(positions);
    }

    /// <summary>The n-th (1-based) value of each row's frame, or null when the frame is shorter.</summary>
    public static ArrowArray Nth(FrameBounds frames, ArrowArray values, PrimitiveArray<long> n, bool ignoreNulls)
    {
        var rows = values.Length;
        var positions = new int[rows];
        var nonNull = ignoreNulls ? new NonNullIndex(values) : null;
        for (var i = 0; i < rows; i++)
        {
            if (n.IsNull(i))
            {
                positions[i] = -1;
                continue;
            }
            var k = n[i];
            if (k <= 0) throw new ExecutionException($"Invalid offset for nth_value: {k} (must be positive)");
            int start = frames.Start[i], end = frames.End[i];
            if (start >= end) positions[i] = -1;
            else if (nonNull is null) positions[i] = k <= end - start ? (int)(start + k - 1) : -1;
            else positions[i] = nonNull.NthIn(start, end, k);
        }
        return values.Take(positions);
    }

    /// <summary>Positions of the non-null values, and how many precede each row.</summary>
    private sealed class NonNullIndex
    {
        private readonly int[] _before;
        private readonly int[] _positions;

        public NonNullIndex(ArrowArray values)
        {
            _before = new int[values.Length + 1];
            _positions = new int[values.Length - values.NullCount];
            var count = 0;
            for (var i = 0; i < values.Length; i++)
            {
                _before[i] = count;
                if (!values.IsNull(i)) _positions[count++] = i;
            }
            _before[values.Length] = count;
        }

        /// <summary>The offset-th non-null row before <paramref name="row"/>, or -1 when it is before <paramref name="floor"/>.</summary>
        public long Before(int row, long offset, int floor)
        {
            var index = _before[row] - offset;
            return index >= _before[floor] ? _positions[index] : -1;
        }

        /// <summary>The offset-th non-null row after <paramref name="row"/>, or -1 when it is at or past <paramref name="ceiling"/>.</summary>
        public long After(int row, long offset, int ceiling)
        {
            var index = _before[row + 1] + offset - 1;
            return index < _before[ceiling] ? _positions[index] : -1;
        }

        public int FirstIn(int start, int end) => _before[start] < _before[end] ? _positions[_before[start]] : -1;

        public int LastIn(int start, int end) => _before[start] < _before[end] ? _positions[_before[end] - 1] : -1;

        public int NthIn(int start, int end, long n)
        {
            var index = _before[start] + n - 1;
            return index < _before[end] ? _positions[index] : -1;
        }
    }
}
