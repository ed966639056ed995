using System.Runtime.CompilerServices;
using QueryEngine.Engine.Columnar;
using QueryEngine.Engine.Common;
using QueryEngine.Engine.Execution.Vectors;

namespace QueryEngine.Engine.Expressions.Evaluation;

/// <summary>The constant side of an IN list.</summary>
internal abstract class InSet
{
    public bool HasNull { get; protected init; }

    /// <summary>Sets bit i of <paramref name="found"/> for each valid row whose value is in the set.</summary>
    public abstract void Probe(ArrowArray values, byte[] found);

    public static InSet Create(DataType type, IReadOnlyList<ArrowArray> constants) => type.Id switch
    {
        TypeId.Int8 => new PrimitiveInSet<sbyte>(constants),
        TypeId.Int16 => new PrimitiveInSet<short>(constants),
        TypeId.Int32 or TypeId.Date32 => new PrimitiveInSet<int>(constants),
        TypeId.Int64 or TypeId.Timestamp => new PrimitiveInSet<long>(constants),
        TypeId.Float32 => new PrimitiveInSet<float>(constants),
        TypeId.Float64 => new PrimitiveInSet<double>(constants),
        TypeId.Decimal128 => new PrimitiveInSet<Int128>(constants),
        TypeId.Utf8 or TypeId.Binary => new BinaryInSet(constants),
        TypeId.Boolean => new BooleanInSet(constants),
        TypeId.Null => new BooleanInSet(constants),
        _ => throw new NotSupportedQueryException($"IN over {type.SqlName} values is not supported"),
    };
}

internal sealed class PrimitiveInSet<T> : InSet
    where T : unmanaged, IEquatable<T>
{
    private const int LinearLimit = 8;
    private readonly T[] _values;
    private readonly HashSet<T>? _set;

    public PrimitiveInSet(IReadOnlyList<ArrowArray> constants)
    {
        var list = new List<T>();
        var hasNull = false;
        foreach (var c in constants)
        {
            if (c.IsNull(0))
            {
                hasNull = true;
                continue;
            }
            var value = Normalize(((PrimitiveArray<T>)c)[0]);
            if (IsNaN(value)) continue;
            if (!list.Contains(value)) list.Add(value);
        }
        HasNull = hasNull;
        _values = [.. list];
        if (_values.Length > LinearLimit) _set = [.. _values];
    }

    private static T Normalize(T value)
    {
        // -0.0 equals 0.0 in SQL comparisons; make them the same set member.
        if (typeof(T) == typeof(double))
        {
            var d = Unsafe.As<T, double>(ref value) + 0.0;
            return Unsafe.As<double, T>(ref d);
        }
        if (typeof(T) == typeof(float))
        {
            var f = Unsafe.As<T, float>(ref value) + 0.0f;
            return Unsafe.As<float, T>(ref f);
        }
        return value;
    }

    private static bool IsNaN(T value) =>
        typeof(T) == typeof(double) ? double.IsNaN(Unsafe.As<T, double>(ref value)) : typeof(T) == typeof(float) && float.IsNaN(Unsafe.As<T, float>(ref value));

    public override void Probe(ArrowArray values, byte[] found)
    {
        var span = ((PrimitiveArray<T>)values).Values;
        var floating = typeof(T) == typeof(double) || typeof(T) == typeof(float);
        for (var i = 0; i < span.Length; i++)
        {
            var v = span[i];
            if (floating)
            {
                if (IsNaN(v)) continue;
                v = Normalize(v);
            }
            bool hit;
            if (_set is not null)
            {
                hit = _set.Contains(v);
            }
            else
            {
                hit = false;
                foreach (var c in _values)
                {
                    if (c.Equals(v))
                    {
                        hit = true;
                        break;
                    }
                }
            }
            if (hit) found[i >> 3] |= (byte)(1 << (i & 7));
        }
    }
}

internal sealed class BinaryInSet : InSet
{
    private readonly HashSet<byte[]> _set;
    private readonly HashSet<byte[]>.AlternateLookup<ReadOnlySpan<byte>> _lookup;

    public BinaryInSet(IReadOnlyList<ArrowArray> constants)
    {
        _set = new HashSet<byte[]>(ByteArrayComparer.Instance);
        var hasNull = false;
        foreach (var c in constants)
        {
            if (c.IsNull(0)) hasNull = true;
            else _set.Add(((BinaryArray)c).GetBytes(0).ToArray());
        }
        HasNull = hasNull;
        _lookup = _set.GetAlternateLookup<ReadOnlySpan<byte>>();
    }

    public override void Probe(ArrowArray values, byte[] found)
    {
        var a = (BinaryArray)values;
        for (var i = 0; i < a.Length; i++)
        {
            if (_lookup.Contains(a.GetBytes(i))) found[i >> 3] |= (byte)(1 << (i & 7));
        }
    }
}

internal sealed class BooleanInSet : InSet
{
    private readonly bool _hasTrue;
    private readonly bool _hasFalse;

    public BooleanInSet(IReadOnlyList<ArrowArray> constants)
    {
        var hasNull = false;
        foreach (var c in constants)
        {
            if (c.IsNull(0)) hasNull = true;
            else if (((BooleanArray)c).GetBit(0)) _hasTrue = true;
            else _hasFalse = true;
        }
        HasNull = hasNull;
    }

    public override void Probe(ArrowArray values, byte[] found)
    {
        if (values is not BooleanArray a) return;
        for (var i = 0; i < a.Length; i++)
        {
            if (a.GetBit(i) ? _hasTrue : _hasFalse) found[i >> 3] |= (byte)(1 << (i & 7));
        }
    }
}
