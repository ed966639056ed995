using System.Buffers;
using System.Numerics;
using QueryEngine.Engine.Columnar;
using QueryEngine.Engine.Execution.Vectors;

namespace QueryEngine.Engine.Execution.Operators.Aggregate;

/// <summary>
/// Splits the rows of a batch into <see cref="Count"/> partitions by the hash of their group key, so that every key
/// lands in the same partition in every worker and the partitions' partial states can be merged independently (in
/// parallel). The partition is taken from the top bits of a hash re-mixed with its own seed: the group indexes pick
/// slots from the low bits, so the keys of one partition still spread over all slots of its table.
/// </summary>
internal sealed class GroupPartitioner
{
    private const ulong PartitionSeed = 0xD6E8FEB86659FD93;

    private readonly int _bits;
    private readonly KeyEncoder? _encoder;

    public GroupPartitioner(IReadOnlyList<DataType> keyTypes, int partitionBits)
    {
        if (partitionBits is < 1 or > 8) throw new Common.InternalException($"group partition bits {partitionBits} outside 1..8");
        _bits = partitionBits;
        if (!IsSingleInteger(keyTypes)) _encoder = new KeyEncoder(keyTypes);
    }

    public int Count => 1 << _bits;

    private static bool IsSingleInteger(IReadOnlyList<DataType> keyTypes) =>
        keyTypes.Count == 1 && keyTypes[0].Id is TypeId.Int8 or TypeId.Int16 or TypeId.Int32 or TypeId.Int64 or TypeId.Date32 or TypeId.Timestamp;

    /// <summary>
    /// Writes the row indices of the batch ordered by partition (stable within a partition) into
    /// <paramref name="ordered"/> (at least <paramref name="rows"/> long): partition p holds
    /// <c>ordered[starts[p]..starts[p + 1]]</c>; returns <c>starts</c>.
    /// </summary>
    public int[] Split(IReadOnlyList<ArrowArray> keyColumns, int rows, Span<int> ordered)
    {
        var rented = ArrayPool<byte>.Shared.Rent(rows);
        try
        {
            var partitions = rented.AsSpan(0, rows);
            if (_encoder is null) AssignInteger(keyColumns[0], partitions);
            else AssignEncoded(_encoder.Encode(keyColumns, rows).Hashes, partitions);
            var starts = new int[Count + 1];
            foreach (var p in partitions) starts[p + 1]++;
            for (var p = 1; p < starts.Length; p++) starts[p] += starts[p - 1];
            Span<int> next = stackalloc int[Count];
            starts.AsSpan(0, Count).CopyTo(next);
            for (var i = 0; i < partitions.Length; i++) ordered[next[partitions[i]]++] = i;
            return starts;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    private byte PartitionOf(ulong hash) => (byte)(Hashing.Mix(hash ^ PartitionSeed) >> (64 - _bits));

    private void AssignEncoded(ulong[] hashes, Span<byte> partitions)
    {
        for (var i = 0; i < partitions.Length; i++) partitions[i] = PartitionOf(hashes[i]);
    }

    private void AssignInteger(ArrowArray column, Span<byte> partitions)
    {
        switch (column)
        {
            case PrimitiveArray<sbyte> a: AssignInteger(a, partitions); break;
            case PrimitiveArray<short> a: AssignInteger(a, partitions); break;
            case PrimitiveArray<int> a: AssignInteger(a, partitions); break;
            case PrimitiveArray<long> a: AssignInteger(a, partitions); break;
            default: throw new Common.InternalException($"integer group key of type {column.Type}");
        }
    }

    /// <summary>One hash per run of equal keys (rows of one key often arrive together); NULL keys go to partition 0.</summary>
    private void AssignInteger<T>(PrimitiveArray<T> column, Span<byte> partitions)
        where T : unmanaged, IBinaryInteger<T>
    {
        var values = column.Values[..partitions.Length];
        var validity = column.Validity;
        var previousKey = 0L;
        byte previous = 0;
        var havePrevious = false;
        for (var i = 0; i < values.Length; i++)
        {
            if (validity is not null && (validity[i >> 3] & (1 << (i & 7))) == 0)
            {
                partitions[i] = 0;
                continue;
            }
            var key = long.CreateTruncating(values[i]);
            if (!havePrevious || key != previousKey)
            {
                previousKey = key;
                previous = PartitionOf((ulong)key);
                havePrevious = true;
            }
            partitions[i] = previous;
        }
    }
}
