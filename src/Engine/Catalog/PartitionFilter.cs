using System.Globalization;

namespace QueryEngine.Engine.Catalog;

/// <summary>
/// Restricts a partition listing: each entry of <see cref="Keys"/> keeps only partitions whose value for that key is
/// one of the given strings, each entry of <see cref="Numbers"/> only those whose value, read as a whole number, is in
/// its range or list (all entries must hold). Stores answer it from their indexes; anything finer (other expressions)
/// is pruned by the caller over the listed partitions.
/// </summary>
public sealed record PartitionFilter(IReadOnlyList<PartitionKeyFilter> Keys)
{
    public static PartitionFilter None { get; } = new([]);

    /// <summary>Conditions on integer partition keys, compared as numbers (so <c>7</c> matches a stored <c>07</c>).</summary>
    public IReadOnlyList<PartitionNumberFilter> Numbers { get; init; } = [];

    /// <summary>True when the filter keeps every partition.</summary>
    public bool IsEmpty => Keys.Count == 0 && Numbers.Count == 0;
}

/// <summary><c>key IN (values)</c> over partition value strings.</summary>
public sealed record PartitionKeyFilter(string Key, IReadOnlyList<string> Values);

/// <summary>
/// <c>Lower &lt;= key &lt;= Upper</c> (a null bound is open) and, when <see cref="Values"/> is given,
/// <c>key IN (Values)</c>, over a partition value read as a whole number (<see cref="TryRead"/>). A value that is not
/// a whole number (e.g. Hive's default partition) never matches, as a NULL or malformed key never equals a number.
/// </summary>
public sealed record PartitionNumberFilter(string Key, long? Lower, long? Upper, IReadOnlyList<long>? Values = null)
{
    /// <summary>
    /// Reads a partition value as a whole number the way integer partition keys are typed: an optional sign, then
    /// decimal digits (leading zeros allowed), nothing else, within the range of a 64-bit integer.
    /// </summary>
    public static bool TryRead(string value, out long number) =>
        long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out number);

    /// <summary>True when <paramref name="value"/> satisfies this filter.</summary>
    public bool Matches(string value)
    {
        if (!TryRead(value, out var number)) return false;
        if (Lower is { } lower && number < lower) return false;
        if (Upper is { } upper && number > upper) return false;
        if (Values is null) return true;
        for (var i = 0; i < Values.Count; i++)
        {
            if (Values[i] == number) return true;
        }
        return false;
    }
}
