using System.Numerics;
using QueryEngine.Engine.Columnar;
using QueryEngine.Engine.Common;
using QueryEngine.Engine.Execution.Vectors;

namespace QueryEngine.Engine.Expressions.Casts;

/// <summary>Casts a flat array; <c>isTry</c> turns failures into nulls (TRY_CAST).</summary>
internal delegate ArrowArray CastFunc(ArrowArray input, bool isTry);

/// <summary>Chooses the typed cast kernel for a (source, target) type pair once, at expression compile time.</summary>
internal static class CastCompiler
{
    public static bool IsSupported(DataType from, DataType to)
    {
        try
        {
            Create(from, to);
            return true;
        }
        catch (NotSupportedQueryException)
        {
            return false;
        }
    }

    /// <summary>Whether the cast can raise errors (so lazy constructs must evaluate it only on selected rows).</summary>
    public static bool CanFail(DataType from, DataType to)
    {
        if (from.Equals(to) || from.Id == TypeId.Null) return false;
        if (from is JsonType || to is JsonType) return from is JsonType;
        if (from is TimestampType && to is TimestampType || from is TimestampType && to.Id is TypeId.Utf8 or TypeId.Date32) return false;
        if (from is TimeType || to is TimeType) return from.Id == TypeId.Utf8;
        if (from.IsNested && to.IsNested) return NestedCasts.CanFail(from, to);
        if (to.Id == TypeId.Utf8 || to.Id == TypeId.Boolean && from.Id != TypeId.Utf8) return false;
        if (to.IsFloating && from.Id != TypeId.Utf8) return false;
        if (from.Id == TypeId.Date32 && to.Id == TypeId.Timestamp || from.Id == TypeId.Timestamp && to.Id is TypeId.Date32 or TypeId.Timestamp) return false;
        if (from.IsInteger && to.IsInteger && IntegerWidth(to.Id) >= IntegerWidth(from.Id)) return false;
        return true;
    }

    private static int IntegerWidth(TypeId id) => id switch
    {
        TypeId.Int8 => 1,
        TypeId.Int16 => 2,
        TypeId.Int32 => 4,
        _ => 8,
    };

    public static CastFunc Create(DataType from, DataType to)
    {
        if (from.Equals(to)) return static (a, _) => a;
        if (from.Id == TypeId.Null) return (a, _) => ArrayFactory.AllNull(to, a.Length);
        if (from is TimestampType { IsPicos: true } || to is TimestampType { IsPicos: true })
        {
            return PicoTimestampCasts.Create(from, to) ?? throw Unsupported(from, to);
        }
        if (from is JsonType || to is JsonType) return JsonCasts.Create(from, to) ?? throw Unsupported(from, to);
        if (from is TimeType || to is TimeType) return TimeCasts.Create(from, to) ?? throw Unsupported(from, to);
        if (from.IsNested && to.IsNested) return NestedCasts.Create(from, to) ?? throw Unsupported(from, to);
        if (from is IntervalType || to is IntervalType)
        {
            return from is IntervalType && to.Id == TypeId.Utf8 ? static (a, _) => CastLoops.FormatEach(a, ValueFormatter.Format) : throw Unsupported(from, to);
        }
        return to.Id switch
        {
            TypeId.Int8 => ToInteger<sbyte>(from, to),
            TypeId.Int16 => ToInteger<short>(from, to),
            TypeId.Int32 => ToInteger<int>(from, to),
            TypeId.Int64 => ToInteger<long>(from, to),
            TypeId.Float32 => ToFloat<float>(from, to),
            TypeId.Float64 => ToFloat<double>(from, to),
            TypeId.Decimal128 => ToDecimal(from, (DecimalType)to),
            TypeId.Boolean => ToBoolean(from, to),
            TypeId.Utf8 => ToVarchar(from, to),
            TypeId.Binary when from.Id == TypeId.Utf8 => static (a, _) => Retype((BinaryArray)a, DataType.Binary),
            TypeId.Date32 => ToDate(from, to),
            TypeId.Timestamp => RoundedTo((TimestampType)to, from, ToTimestamp(from, to)),
            _ => throw Unsupported(from, to),
        };
    }

    private static NotSupportedQueryException Unsupported(DataType from, DataType to) =>
        new($"CAST from {from.SqlName} to {to.SqlName} is not supported");

    private static BinaryArray Retype(BinaryArray a, DataType type) => new(type, a.Offsets, a.Data, a.Length, a.Validity, a.NullCount);

    private static CastFunc ToInteger<TT>(DataType from, DataType to)
        where TT : unmanaged, IBinaryInteger<TT>, IMinMaxValue<TT>
    {
        return from.Id switch
        {
            TypeId.Int8 => (a, t) => CastLoops.Convert<sbyte, TT, IntToInt<sbyte, TT>>((PrimitiveArray<sbyte>)a, to, default, t),
            TypeId.Int16 => (a, t) => CastLoops.Convert<short, TT, IntToInt<short, TT>>((PrimitiveArray<short>)a, to, default, t),
            TypeId.Int32 => (a, t) => CastLoops.Convert<int, TT, IntToInt<int, TT>>((PrimitiveArray<int>)a, to, default, t),
            TypeId.Int64 => (a, t) => CastLoops.Convert<long, TT, IntToInt<long, TT>>((PrimitiveArray<long>)a, to, default, t),
            TypeId.Float32 => (a, t) => CastLoops.Convert<float, TT, FloatToInt<float, TT>>((PrimitiveArray<float>)a, to, default, t),
            TypeId.Float64 => (a, t) => CastLoops.Convert<double, TT, FloatToInt<double, TT>>((PrimitiveArray<double>)a, to, default, t),
            TypeId.Decimal128 => DecimalToInteger<TT>((DecimalType)from, to),
            TypeId.Utf8 => (a, t) => CastLoops.Parse<TT, IntegerParser<TT>>((BinaryArray)a, to, default, t),
            TypeId.Boolean => (a, _) => CastLoops.FromBoolean((BooleanArray)a, to, TT.One, TT.Zero),
            _ => throw Unsupported(from, to),
        };
    }

    private static CastFunc DecimalToInteger<TT>(DecimalType from, DataType to)
        where TT : unmanaged, IBinaryInteger<TT>, IMinMaxValue<TT>
    {
        var converter = new DecimalToInt<TT>(from.Scale);
        return (a, t) => CastLoops.Convert<Int128, TT, DecimalToInt<TT>>((PrimitiveArray<Int128>)a, to, converter, t);
    }

    private static CastFunc ToFloat<TT>(DataType from, DataType to)
        where TT : unmanaged, IFloatingPointIeee754<TT>
    {
        switch (from.Id)
        {
            case TypeId.Int8: return (a, t) => CastLoops.Convert<sbyte, TT, NumberToFloat<sbyte, TT>>((PrimitiveArray<sbyte>)a, to, default, t);
            case TypeId.Int16: return (a, t) => CastLoops.Convert<short, TT, NumberToFloat<short, TT>>((PrimitiveArray<short>)a, to, default, t);
            case TypeId.Int32: return (a, t) => CastLoops.Convert<int, TT, NumberToFloat<int, TT>>((PrimitiveArray<int>)a, to, default, t);
            case TypeId.Int64: return (a, t) => CastLoops.Convert<long, TT, NumberToFloat<long, TT>>((PrimitiveArray<long>)a, to, default, t);
            case TypeId.Float32: return (a, t) => CastLoops.Convert<float, TT, NumberToFloat<float, TT>>((PrimitiveArray<float>)a, to, default, t);
            case TypeId.Float64: return (a, t) => CastLoops.Convert<double, TT, NumberToFloat<double, TT>>((PrimitiveArray<double>)a, to, default, t);
            case TypeId.Decimal128:
                {
                    var converter = new DecimalToFloat<TT>(((DecimalType)from).Scale);
                    return (a, t) => CastLoops.Convert<Int128, TT, DecimalToFloat<TT>>((PrimitiveArray<Int128>)a, to, converter, t);
                }
            case TypeId.Utf8: return (a, t) => CastLoops.Parse<TT, FloatParser<TT>>((BinaryArray)a, to, default, t);
            case TypeId.Boolean: return (a, _) => CastLoops.FromBoolean((BooleanArray)a, to, TT.One, TT.Zero);
            default: throw Unsupported(from, to);
        }
    }

    private static CastFunc ToDecimal(DataType from, DecimalType to)
    {
        var (p, s) = (to.Precision, to.Scale);
        switch (from.Id)
        {
            case TypeId.Int8: return (a, t) => CastLoops.Convert<sbyte, Int128, IntToDecimal<sbyte>>((PrimitiveArray<sbyte>)a, to, new(p, s), t);
            case TypeId.Int16: return (a, t) => CastLoops.Convert<short, Int128, IntToDecimal<short>>((PrimitiveArray<short>)a, to, new(p, s), t);
            case TypeId.Int32: return (a, t) => CastLoops.Convert<int, Int128, IntToDecimal<int>>((PrimitiveArray<int>)a, to, new(p, s), t);
            case TypeId.Int64: return (a, t) => CastLoops.Convert<long, Int128, IntToDecimal<long>>((PrimitiveArray<long>)a, to, new(p, s), t);
            case TypeId.Float32: return (a, t) => CastLoops.Convert<float, Int128, FloatToDecimal<float>>((PrimitiveArray<float>)a, to, new(p, s), t);
            case TypeId.Float64: return (a, t) => CastLoops.Convert<double, Int128, FloatToDecimal<double>>((PrimitiveArray<double>)a, to, new(p, s), t);
            case TypeId.Decimal128:
                {
                    var converter = new DecimalToDecimal((DecimalType)from, to);
                    return (a, t) => CastLoops.Convert<Int128, Int128, DecimalToDecimal>((PrimitiveArray<Int128>)a, to, converter, t);
                }
            case TypeId.Utf8: return (a, t) => CastLoops.Parse<Int128, DecimalParser>((BinaryArray)a, to, new(p, s), t);
            case TypeId.Boolean: return (a, _) => CastLoops.FromBoolean((BooleanArray)a, to, DecimalMathPow(s), Int128.Zero);
            default: throw Unsupported(from, to);
        }
    }

    private static Int128 DecimalMathPow(int scale) => Kernels.DecimalMath.Pow10(scale);

    private static CastFunc ToBoolean(DataType from, DataType to) => from.Id switch
    {
        TypeId.Int8 => (a, t) => CastLoops.ConvertToBoolean<sbyte, IntToBoolean<sbyte>>((PrimitiveArray<sbyte>)a, default, t),
        TypeId.Int16 => (a, t) => CastLoops.ConvertToBoolean<short, IntToBoolean<short>>((PrimitiveArray<short>)a, default, t),
        TypeId.Int32 => (a, t) => CastLoops.ConvertToBoolean<int, IntToBoolean<int>>((PrimitiveArray<int>)a, default, t),
        TypeId.Int64 => (a, t) => CastLoops.ConvertToBoolean<long, IntToBoolean<long>>((PrimitiveArray<long>)a, default, t),
        TypeId.Float32 => (a, t) => CastLoops.ConvertToBoolean<float, FloatToBoolean<float>>((PrimitiveArray<float>)a, default, t),
        TypeId.Float64 => (a, t) => CastLoops.ConvertToBoolean<double, FloatToBoolean<double>>((PrimitiveArray<double>)a, default, t),
        TypeId.Decimal128 => (a, t) => CastLoops.ConvertToBoolean<Int128, DecimalToBoolean>((PrimitiveArray<Int128>)a, default, t),
        TypeId.Utf8 => ParseBoolean,
        _ => throw Unsupported(from, to),
    };

    private static BooleanArray ParseBoolean(ArrowArray input, bool isTry)
    {
        var a = (BinaryArray)input;
        var n = a.Length;
        var bits = new byte[Bitmap.BytesFor(n)];
        var validity = a.Validity is null ? null : Bits.Copy(a.Validity, n);
        for (var i = 0; i < n; i++)
        {
            if (validity is not null && !Bitmap.Get(validity, i)) continue;
            if (!TextParsing.TryParseBoolean(a.GetBytes(i), out var b))
            {
                if (!isTry) throw CastLoops.TextError(a, i, DataType.Boolean, false);
                validity ??= Bitmap.AllSet(n);
                Bitmap.Clear(validity, i);
            }
            else if (b)
            {
                Bitmap.Set(bits, i);
            }
        }
        return new BooleanArray(bits, n, validity);
    }

    private static CastFunc ToVarchar(DataType from, DataType to) => from.Id switch
    {
        TypeId.Int8 => static (a, _) => CastLoops.FormatIntegers((PrimitiveArray<sbyte>)a),
        TypeId.Int16 => static (a, _) => CastLoops.FormatIntegers((PrimitiveArray<short>)a),
        TypeId.Int32 => static (a, _) => CastLoops.FormatIntegers((PrimitiveArray<int>)a),
        TypeId.Int64 => static (a, _) => CastLoops.FormatIntegers((PrimitiveArray<long>)a),
        TypeId.Float32 or TypeId.Float64 or TypeId.Decimal128 or TypeId.Boolean or TypeId.Date32 or TypeId.Timestamp =>
            static (a, _) => CastLoops.FormatEach(a, ValueFormatter.Format),
        TypeId.List or TypeId.Struct or TypeId.Map => static (a, _) => CastLoops.FormatEach(a, ValueFormatter.Format),
        _ => throw Unsupported(from, to),
    };

    private static CastFunc ToDate(DataType from, DataType to) => from.Id switch
    {
        TypeId.Timestamp when IsZoned(from) => ZonedToDate(ZonedTimestampText.ZoneOf(from), to),
        TypeId.Timestamp => (a, t) => CastLoops.Convert<long, int, TimestampToDate>((PrimitiveArray<long>)a, to, default, t),
        TypeId.Utf8 => (a, t) => CastLoops.Parse<int, DateParser>((BinaryArray)a, to, default, t),
        _ => throw Unsupported(from, to),
    };

    private static bool IsZoned(DataType type) => type is TimestampType { TimeZone: not null };

    private static CastFunc ZonedToDate(Common.TimeZoneRules zone, DataType to) =>
        (a, t) => CastLoops.Convert<long, int, InstantToDate>((PrimitiveArray<long>)a, to, new InstantToDate(zone), t);

    /// <summary>
    /// Casts that read or write wall-clock time in a zone: timestamp and date are wall-clock time, a timestamp with
    /// time zone an instant (casting between two zones keeps the instant).
    /// </summary>
    private static CastFunc? ZonedTimestamp(DataType from, DataType to)
    {
        var fromZoned = IsZoned(from);
        var toZoned = IsZoned(to);
        if (!fromZoned && !toZoned) return null;
        var zone = ZonedTimestampText.ZoneOf(toZoned ? to : from);
        return from.Id switch
        {
            TypeId.Date32 => (a, t) => CastLoops.Convert<int, long, DateToInstant>((PrimitiveArray<int>)a, to, new DateToInstant(zone), t),
            TypeId.Timestamp when fromZoned && toZoned => (a, _) =>
            {
                var p = (PrimitiveArray<long>)a;
                return new PrimitiveArray<long>(to, p.Buffer, p.Length, p.Validity, p.NullCount);
            },
            TypeId.Timestamp when toZoned => (a, t) => CastLoops.Convert<long, long, LocalToInstant>((PrimitiveArray<long>)a, to, new LocalToInstant(zone), t),
            TypeId.Timestamp => (a, t) => CastLoops.Convert<long, long, InstantToLocal>((PrimitiveArray<long>)a, to, new InstantToLocal(zone), t),
            TypeId.Utf8 => (a, t) => CastLoops.Parse<long, ZonedTimestampParser>((BinaryArray)a, to, new ZonedTimestampParser(zone), t),
            _ => throw Unsupported(from, to),
        };
    }

    /// <summary>A cast to timestamp(p) rounds half up to p digits when the source may hold finer values (Trino rounds).</summary>
    private static CastFunc RoundedTo(TimestampType to, DataType from, CastFunc cast)
    {
        if (!TimestampRounding.Narrows(from, to)) return cast;
        var rounding = new RoundTimestamp(to.Precision);
        return (a, t) => CastLoops.Convert<long, long, RoundTimestamp>((PrimitiveArray<long>)cast(a, t), to, rounding, t);
    }

    private static CastFunc ToTimestamp(DataType from, DataType to) => ZonedTimestamp(from, to) ?? from.Id switch
    {
        TypeId.Date32 => (a, t) => CastLoops.Convert<int, long, DateToTimestamp>((PrimitiveArray<int>)a, to, default, t),
        TypeId.Timestamp => (a, _) =>
        {
            var p = (PrimitiveArray<long>)a;
            return new PrimitiveArray<long>(to, p.Buffer, p.Length, p.Validity, p.NullCount);
        },
        TypeId.Utf8 => (a, t) => CastLoops.Parse<long, TimestampParser>((BinaryArray)a, to, default, t),
        _ => throw Unsupported(from, to),
    };
}
