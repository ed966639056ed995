namespace QueryEngine.Engine.Formats.Csv;

/// <summary>
/// Where the projected fields of a chunk of records lie in the read buffer, column-major:
/// <c>Starts[slot * Capacity + row]</c> and <c>Ends[...]</c> (exclusive). A start with <see cref="RawFlag"/> set marks a
/// raw field that still contains quotes or escapes and must be decoded; an end of <see cref="Missing"/> marks a record
/// that has no such field (NULL).
/// </summary>
internal sealed class FieldIndex
{
    public const int RawFlag = int.MinValue;
    public const int Missing = -1;

    public FieldIndex(int slots, int capacity)
    {
        Slots = slots;
        Capacity = capacity;
        Starts = new int[Math.Max(1, slots * capacity)];
        Ends = new int[Math.Max(1, slots * capacity)];
    }

    public int Slots { get; }

    public int Capacity { get; }

    public int[] Starts { get; }

    public int[] Ends { get; }
}
