using System.Numerics;
using QueryEngine.Engine.Columnar;
using QueryEngine.Engine.Execution.Vectors;

namespace QueryEngine.Engine.Execution.Operators.Join.HashJoin;

/// <summary>
/// Evaluated join keys of one side, hashed: a single integer-like key (integers, dates, timestamps) is kept as 64-bit
/// values and compared directly; anything else is byte-encoded by a <see cref="KeyEncoder"/> and compared by memcmp.
/// </summary>
internal sealed class JoinKeys
{
    private readonly long[]? _ints;
    private readonly EncodedKeys? _encoded;

    private JoinKeys(int rows, ulong[] hashes, byte[]? nullRows, long[]? ints, EncodedKeys? encoded)
    {
        Rows = rows;
        Hashes = hashes;
        NullRows = nullRows;
        _ints = ints;
        _encoded = encoded;
    }

    private const ulong NullHash = 0x5bd1e995_5bd1e995;

    public int Rows { get; }

    public ulong[] Hashes { get; }

    /// <summary>Bit i set when some key of row i is null.</summary>
    public byte[]? NullRows { get; }

    public bool HasNull(int row) => NullRows is not null && Bitmap.Get(NullRows, row);

    /// <summary>Whether both sides' keys can use the integer representation.</summary>
    public static bool UsesIntegers(IReadOnlyList<DataType> types) =>
        types.Count == 1 && types[0].Id is TypeId.Int8 or TypeId.Int16 or TypeId.Int32 or TypeId.Int64 or TypeId.Date32 or TypeId.Timestamp;

    public static JoinKeys Create(ArrowArray[] columns, int rows, KeyEncoder encoder)
    {
        if (!UsesIntegers(encoder.Types))
        {
            var encoded = encoder.Encode(columns, rows);
            return new JoinKeys(rows, encoded.Hashes, encoded.NullRows, null, encoded);
        }
        var ints = columns[0] switch
        {
            PrimitiveArray<sbyte> a => Widen(a, rows),
            PrimitiveArray<short> a => Widen(a, rows),
            PrimitiveArray<int> a => Widen(a, rows),
            PrimitiveArray<long> a => a.Buffer,
            _ => throw new Common.InternalException($"integer join key of type {columns[0].Type}"),
        };
        var hashes = new ulong[rows];
        for (var i = 0; i < rows; i++) hashes[i] = Hashing.Mix((ulong)ints[i]);
        var validity = columns[0].Validity;
        byte[]? nullRows = null;
        if (validity is not null)
        {
            nullRows = Bits.Not(validity, rows);
            for (var i = 0; i < rows; i++)
            {
                if (Bitmap.Get(nullRows, i)) hashes[i] = NullHash;
            }
        }
        return new JoinKeys(rows, hashes, nullRows, ints, null);
    }

    private static long[] Widen<T>(PrimitiveArray<T> a, int rows)
        where T : unmanaged, IBinaryInteger<T>
    {
        var values = a.Values;
        var result = new long[rows];
        for (var i = 0; i < rows; i++) result[i] = long.CreateTruncating(values[i]);
        return result;
    }

    /// <summary>Whether row <paramref name="row"/> of this side has the same key as row <paramref name="otherRow"/> of <paramref name="other"/>.</summary>
    public bool KeyEquals(int row, JoinKeys other, int otherRow)
    {
        if (_ints is not null)
        {
            // Null keys only take part when nulls compare equal; then null matches null only.
            var thisNull = HasNull(row);
            if (thisNull || other.HasNull(otherRow)) return thisNull && other.HasNull(otherRow);
            return _ints[row] == other._ints![otherRow];
        }
        return _encoded!.Row(row).SequenceEqual(other._encoded!.Row(otherRow));
    }
}
