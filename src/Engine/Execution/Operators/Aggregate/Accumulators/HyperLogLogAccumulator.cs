using System.Buffers;
using System.Numerics;
using QueryEngine.Engine.Columnar;
using QueryEngine.Engine.Common;

namespace QueryEngine.Engine.Execution.Operators.Aggregate.Accumulators;

/// <summary>
/// approx_distinct(x[, e]): HyperLogLog over 64-bit hashes of the non-null values. A group starts exact (the set of
/// hashes it has seen) and turns into 2^p one-byte registers once the set outgrows a quarter of the registers' size,
/// so memory per group is bounded by the registers. 2^p is the power of two for which HyperLogLog's standard error
/// 1.04/sqrt(2^p) is at most the requested maximum standard error e (default 0.023: 2048 registers, as Trino).
/// Partial states merge (set union, register maximum), so the aggregation runs in parallel.
/// </summary>
internal sealed class HyperLogLogAccumulator : Accumulator
{
    /// <summary>Trino's default maximum standard error of approx_distinct.</summary>
    public const double DefaultStandardError = 0.023;

    private readonly DataType _type;
    private int _indexBits;
    private HashSet<ulong>?[] _exact = new HashSet<ulong>?[16];
    private byte[]?[] _registers = new byte[]?[16];

    public HyperLogLogAccumulator(DataType type) => _type = type;

    /// <summary>Whether values of <paramref name="type"/> can be hashed here (other types are counted exactly).</summary>
    public static bool Supports(DataType type) => type.Id is TypeId.Int8 or TypeId.Int16 or TypeId.Int32 or TypeId.Int64 or TypeId.Date32
        or TypeId.Timestamp or TypeId.Float32 or TypeId.Float64 or TypeId.Decimal128 or TypeId.Utf8 or TypeId.Binary or TypeId.Boolean;

    public override void Resize(int groups)
    {
        if (_exact.Length >= groups) return;
        var size = Math.Max(groups, _exact.Length * 2);
        Array.Resize(ref _exact, size);
        Array.Resize(ref _registers, size);
    }

    public override void Update(int[] groups, ArrowArray[] args, int rows)
    {
        if (args.Length > 1) SetStandardError(args[1], rows);
        if (_indexBits == 0) _indexBits = IndexBits(DefaultStandardError);
        var values = args[0];
        var hashes = ArrayPool<ulong>.Shared.Rent(Math.Max(rows, 1));
        try
        {
            Hash(values, rows, hashes);
            var validity = values.Validity;
            for (var i = 0; i < rows; i++)
            {
                if (validity is not null && (validity[i >> 3] & (1 << (i & 7))) == 0) continue;
                Add(groups[i], hashes[i]);
            }
        }
        finally
        {
            ArrayPool<ulong>.Shared.Return(hashes);
        }
    }

    public override void Merge(Accumulator other, int[] map)
    {
        var o = (HyperLogLogAccumulator)other;
        if (o._indexBits == 0) return;
        if (_indexBits == 0) _indexBits = o._indexBits;
        else if (o._indexBits != _indexBits) throw new ExecutionException("approx_distinct: the maximum standard error must be constant");
        for (var g = 0; g < map.Length; g++)
        {
            var target = map[g];
            if (o._registers[g] is { } registers)
            {
                var mine = Dense(target);
                for (var j = 0; j < mine.Length; j++) mine[j] = Math.Max(mine[j], registers[j]);
            }
            else if (o._exact[g] is { } set)
            {
                foreach (var hash in set) Add(target, hash);
            }
        }
    }

    public override ArrowArray Finish(int groups)
    {
        var result = new long[groups];
        for (var g = 0; g < groups; g++)
        {
            result[g] = _registers[g] is { } registers ? Estimate(registers) : _exact[g]?.Count ?? 0;
        }
        return new PrimitiveArray<long>(DataType.Int64, result, groups);
    }

    /// <summary>Register index bits for a maximum standard error, as Trino bounds it: e in [0.0040625, 0.26].</summary>
    public static int IndexBits(double standardError)
    {
        if (!(standardError >= 0.0040625 && standardError <= 0.26))
        {
            throw new ExecutionException($"approx_distinct: max standard error must be in [0.0040625, 0.26000]: {standardError}");
        }
        var buckets = (int)Math.Ceiling(1.04 / standardError * (1.04 / standardError));
        return Math.Max(4, BitOperations.Log2(BitOperations.RoundUpToPowerOf2((uint)buckets)));
    }

    private void SetStandardError(ArrowArray errors, int rows)
    {
        var e = (PrimitiveArray<double>)errors;
        for (var i = 0; i < rows; i++)
        {
            if (e.IsNull(i)) throw new ExecutionException("approx_distinct: max standard error cannot be NULL");
            var bits = IndexBits(e.Values[i]);
            if (_indexBits == 0) _indexBits = bits;
            else if (bits != _indexBits) throw new ExecutionException("approx_distinct: the maximum standard error must be constant");
        }
    }

    private void Add(int group, ulong hash)
    {
        if (_registers[group] is { } registers)
        {
            Set(registers, hash);
            return;
        }
        var set = _exact[group] ??= [];
        if (!set.Add(hash) || set.Count <= (1 << _indexBits) / 4) return;
        var dense = Dense(group);
        foreach (var h in set) Set(dense, h);
    }

    /// <summary>The registers of <paramref name="group"/>, made from its exact set the first time.</summary>
    private byte[] Dense(int group)
    {
        if (_registers[group] is { } existing) return existing;
        var registers = new byte[1 << _indexBits];
        if (_exact[group] is { } set)
        {
            foreach (var h in set) Set(registers, h);
            _exact[group] = null;
        }
        _registers[group] = registers;
        return registers;
    }

    private void Set(byte[] registers, ulong hash)
    {
        var index = (int)(hash >> (64 - _indexBits));
        var rank = (byte)Math.Min(BitOperations.LeadingZeroCount(hash << _indexBits) + 1, 64 - _indexBits + 1);
        if (rank > registers[index]) registers[index] = rank;
    }

    /// <summary>The HyperLogLog estimate, with linear counting while registers are still empty (small cardinalities).</summary>
    private static long Estimate(byte[] registers)
    {
        double m = registers.Length;
        var sum = 0.0;
        var zeros = 0;
        foreach (var r in registers)
        {
            sum += Math.ScaleB(1.0, -r);
            if (r == 0) zeros++;
        }
        var alpha = 0.7213 / (1 + 1.079 / m);
        var estimate = alpha * m * m / sum;
        if (estimate <= 2.5 * m && zeros > 0) estimate = m * Math.Log(m / zeros);
        return (long)Math.Round(estimate);
    }

    /// <summary>64-bit hashes of the batch's values (one typed loop per type); NULL rows get an unused hash.</summary>
    private void Hash(ArrowArray values, int rows, ulong[] hashes)
    {
        switch (_type.Id)
        {
            case TypeId.Int8: HashIntegers(((PrimitiveArray<sbyte>)values).Values, hashes, rows); break;
            case TypeId.Int16: HashIntegers(((PrimitiveArray<short>)values).Values, hashes, rows); break;
            case TypeId.Int32 or TypeId.Date32: HashIntegers(((PrimitiveArray<int>)values).Values, hashes, rows); break;
            case TypeId.Int64 or TypeId.Timestamp: HashIntegers(((PrimitiveArray<long>)values).Values, hashes, rows); break;
            case TypeId.Float32:
            {
                var v = ((PrimitiveArray<float>)values).Values;
                for (var i = 0; i < rows; i++) hashes[i] = Mix((ulong)BitConverter.DoubleToInt64Bits(Canonical(v[i])));
                break;
            }
            case TypeId.Float64:
            {
                var v = ((PrimitiveArray<double>)values).Values;
                for (var i = 0; i < rows; i++) hashes[i] = Mix((ulong)BitConverter.DoubleToInt64Bits(Canonical(v[i])));
                break;
            }
            case TypeId.Decimal128:
            {
                var v = ((PrimitiveArray<Int128>)values).Values;
                for (var i = 0; i < rows; i++) hashes[i] = Mix((ulong)v[i] ^ Mix((ulong)(v[i] >> 64)));
                break;
            }
            case TypeId.Boolean:
            {
                var b = (BooleanArray)values;
                for (var i = 0; i < rows; i++) hashes[i] = Mix((b.Bits[i >> 3] & (1 << (i & 7))) != 0 ? 1UL : 0UL);
                break;
            }
            case TypeId.Utf8 or TypeId.Binary:
            {
                var s = (BinaryArray)values;
                for (var i = 0; i < rows; i++) hashes[i] = XxHash64.Hash(s.GetBytes(i), 0);
                break;
            }
            default:
                throw new InternalException($"approx_distinct cannot hash {_type.SqlName}");
        }
    }

    private static void HashIntegers<T>(ReadOnlySpan<T> values, ulong[] hashes, int rows) where T : IBinaryInteger<T>
    {
        for (var i = 0; i < rows; i++) hashes[i] = Mix(ulong.CreateTruncating(long.CreateTruncating(values[i])));
    }

    /// <summary>-0.0 and 0.0 are one value, and every NaN is one value.</summary>
    private static double Canonical(double value) => value == 0 ? 0.0 : double.IsNaN(value) ? double.NaN : value;

    /// <summary>A 64-bit finalizer (splitmix64's) that spreads every input bit over the whole hash.</summary>
    private static ulong Mix(ulong x)
    {
        x += 0x9E3779B97F4A7C15UL;
        x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9UL;
        x = (x ^ (x >> 27)) * 0x94D049BB133111EBUL;
        return x ^ (x >> 31);
    }
}
