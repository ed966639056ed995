using QueryEngine.Engine.Columnar;
using QueryEngine.Engine.Expressions;
using QueryEngine.Engine.Formats.Bucketing;

namespace QueryEngine.Engine.Catalog;

/// <summary>
/// How a table's rows are spread over bucket files (Hive bucketing version 1 or 2: <c>bucketCols</c>, <c>numBuckets</c>,
/// the <c>bucketing_version</c> parameter),
/// for bucket pruning: a scan whose filters pin every bucket column to constants (<c>col = const</c>,
/// <c>col IN (...)</c>, <c>col IS NULL</c>, ORs of those) reads only the files of the buckets those values hash to
/// (<see cref="HiveBucketHash"/>, as the writer placed them), the bucket read from each file name
/// (<see cref="Formats.WriteFileNames.TryGetBucket"/>). Files whose names carry no bucket number are always read.
/// </summary>
/// <param name="Columns">Schema indexes of the bucket columns, in <c>bucketed_by</c> order.</param>
/// <param name="Types">Their types.</param>
/// <param name="Count">The number of buckets.</param>
/// <param name="Version">Hive's bucketing version: how each constant is hashed.</param>
public sealed record TableBucketing(IReadOnlyList<int> Columns, IReadOnlyList<DataType> Types, int Count, HiveBucketingVersion Version = HiveBucketingVersion.V1)
{
    /// <summary>The most value combinations (product over the bucket columns) hashed to select buckets; beyond, every file is read.</summary>
    public const int MaxCombinations = 4096;

    /// <summary>
    /// The bucketing of a table (or partition) whose storage declares bucket columns and a count, with bucketing
    /// version 1 (the default) or 2, every bucket column a data column of a hashable type (the writer's set: version 2 also
    /// hashes <c>varchar</c> as <c>string</c>); otherwise null (no pruning).
    /// </summary>
    public static TableBucketing? Of(TableInfo table)
    {
        ArgumentNullException.ThrowIfNull(table);
        var storage = table.Storage;
        if (storage.BucketCount <= 0 || storage.BucketColumns.Count == 0) return null;
        table.Parameters.TryGetValue(StorageInfo.BucketingVersionParameter, out var text);
        if (HiveBucketingVersions.Parse(text) is not { } version) return null;
        var columns = new int[storage.BucketColumns.Count];
        var types = new DataType[columns.Length];
        for (var i = 0; i < columns.Length; i++)
        {
            var index = -1;
            for (var c = 0; c < table.Columns.Count; c++)
            {
                if (string.Equals(table.Columns[c].Name, storage.BucketColumns[i], StringComparison.OrdinalIgnoreCase)) index = c;
            }
            if (index < 0 || !Writing.Bucketing.BucketLayout.IsHashable(table.Columns[index].HiveType, version)) return null;
            columns[i] = index;
            types[i] = HiveTypes.Parse(table.Columns[index].HiveType);
        }
        return new TableBucketing(columns, types, storage.BucketCount, version);
    }

    /// <summary>
    /// The buckets rows matching every filter can be in, or null when the filters do not pin each bucket column to
    /// constants of its type (then every bucket is read).
    /// </summary>
    public BucketSelection? Select(IReadOnlyList<PhysicalExpr> filters)
    {
        ArgumentNullException.ThrowIfNull(filters);
        var hashes = new List<int>?[Columns.Count];
        foreach (var filter in filters)
        {
            for (var k = 0; k < Columns.Count; k++)
            {
                if (hashes[k] is not null) continue;
                hashes[k] = ValueHashes(filter, k);
            }
        }
        long combinations = 1;
        foreach (var list in hashes)
        {
            if (list is null) return null;
            combinations *= Math.Max(1, list.Count);
            if (combinations > MaxCombinations) return null;
        }
        var keep = new bool[Count];
        Combine(hashes!, 0, 0, keep);
        return new BucketSelection(keep);
    }

    /// <summary>Marks the bucket of every combination of the columns' value hashes (a row hash is <c>31 * h + column hash</c>).</summary>
    private void Combine(List<int>[] hashes, int column, int hash, bool[] keep)
    {
        if (column == hashes.Length)
        {
            keep[HiveBucketHash.BucketOf(hash, Count)] = true;
            return;
        }
        foreach (var value in hashes[column]) Combine(hashes, column + 1, unchecked((31 * hash) + value), keep);
    }

    /// <summary>
    /// The Hive hashes of the values <paramref name="filter"/> allows for bucket column <paramref name="k"/>, when it
    /// allows only constants (an empty list: no value at all, as <c>col = NULL</c>); null when it says nothing certain.
    /// </summary>
    private List<int>? ValueHashes(PhysicalExpr filter, int k)
    {
        switch (filter)
        {
            case BinaryExpr { Op: BinaryOp.Equal, Left: ColumnExpr column, Right: LiteralExpr literal } when IsBucketColumn(column, k):
                return HashesOf([literal], k);
            case BinaryExpr { Op: BinaryOp.Equal, Left: LiteralExpr literal, Right: ColumnExpr column } when IsBucketColumn(column, k):
                return HashesOf([literal], k);
            case InListExpr { Negated: false, Input: ColumnExpr column } inList when IsBucketColumn(column, k):
            {
                var literals = new List<LiteralExpr>(inList.List.Count);
                foreach (var item in inList.List)
                {
                    if (item is not LiteralExpr literal) return null;
                    literals.Add(literal);
                }
                return HashesOf(literals, k);
            }
            case IsNullExpr { Negated: false, Input: ColumnExpr column } when IsBucketColumn(column, k):
                return [0]; // NULL hashes to 0
            case BinaryExpr { Op: BinaryOp.Or } or:
            {
                var left = ValueHashes(or.Left, k);
                var right = left is null ? null : ValueHashes(or.Right, k);
                if (left is null || right is null) return null;
                left.AddRange(right);
                return left;
            }
            default:
                return null;
        }
    }

    private bool IsBucketColumn(ColumnExpr column, int k) => column.Index == Columns[k] && column.Type.Id == Types[k].Id;

    /// <summary>The hashes of literals of the column's own type (any string type for a string column; NULL matches no row by equality); null for any other literal.</summary>
    private List<int>? HashesOf(IReadOnlyList<LiteralExpr> literals, int k)
    {
        var result = new List<int>(literals.Count);
        foreach (var literal in literals)
        {
            if (literal.Value is null) continue;
            if (literal.Type.Id != Types[k].Id) return null;
            if (!AddHashes(literal.Value, Types[k], result)) return null;
        }
        return result;
    }

    /// <summary>
    /// Adds the hash of a constant of <paramref name="type"/> in the table's version; floating zero compares equal to
    /// negative zero, whose bits hash differently: both are added. False for a type without a bucket hash.
    /// </summary>
    private bool AddHashes(object value, DataType type, List<int> hashes)
    {
        if (HiveBucketHash.OfConstant(value, type, Version) is not { } hash) return false;
        hashes.Add(hash);
        object? negativeZero = value switch
        {
            float f when f == 0 => -f,
            double d when d == 0 => -d,
            _ => null,
        };
        if (negativeZero is not null) hashes.Add(HiveBucketHash.OfConstant(negativeZero, type, Version)!.Value);
        return true;
    }
}

/// <summary>The buckets a scan reads: <see cref="Includes"/> is true for a kept bucket and for bucket numbers beyond the count (never pruned).</summary>
public sealed class BucketSelection(bool[] keep)
{
    /// <summary>How many buckets a scan reads.</summary>
    public int Kept { get; } = keep.Count(k => k);

    /// <summary>The table's bucket count.</summary>
    public int Count => keep.Length;

    public bool Includes(int bucket) => bucket < 0 || bucket >= keep.Length || keep[bucket];
}
