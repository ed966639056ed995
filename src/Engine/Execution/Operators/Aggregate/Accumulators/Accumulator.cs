using QueryEngine.Engine.Columnar;

namespace QueryEngine.Engine.Execution.Operators.Aggregate.Accumulators;

/// <summary>
/// The state of one aggregate for every group, in typed arrays indexed by group id (no object per group).
/// <see cref="Update"/> runs one typed loop per batch; <see cref="Merge"/> combines partial states of parallel workers.
/// </summary>
internal abstract class Accumulator
{
    /// <summary>Ensures state for group ids below <paramref name="groups"/>.</summary>
    public abstract void Resize(int groups);

    /// <summary>Adds rows: row i belongs to group <c>groups[i]</c>; <paramref name="args"/> are flat arrays of <paramref name="rows"/> values.</summary>
    public abstract void Update(int[] groups, ArrowArray[] args, int rows);

    /// <summary>Folds another accumulator of the same kind into this one: its group g becomes group <c>map[g]</c>.</summary>
    public abstract void Merge(Accumulator other, int[] map);

    /// <summary>One result per group [0, groups).</summary>
    public abstract ArrowArray Finish(int groups);

    /// <summary>Whether <see cref="Merge"/> is supported (DISTINCT aggregates are not mergeable).</summary>
    public virtual bool CanMerge => true;

    /// <summary>Grows <paramref name="array"/> to at least <paramref name="size"/> (doubling), keeping its values.</summary>
    internal static void Grow<T>(ref T[] array, int size)
    {
        if (array.Length < size) Array.Resize(ref array, Math.Max(size, array.Length * 2));
    }

    protected static byte[]? ValidityFromFlags(bool[] has, int groups)
    {
        byte[]? validity = null;
        for (var g = 0; g < groups; g++)
        {
            if (has[g]) continue;
            validity ??= Bitmap.AllSet(groups);
            Bitmap.Clear(validity, g);
        }
        return validity;
    }
}
