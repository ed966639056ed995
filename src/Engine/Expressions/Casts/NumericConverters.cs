using System.Globalization;
using System.Numerics;
using System.Text;
using QueryEngine.Engine.Columnar;
using QueryEngine.Engine.Common;
using QueryEngine.Engine.Expressions.Kernels;

namespace QueryEngine.Engine.Expressions.Casts;

internal readonly struct IntToInt<TF, TT> : IConverter<TF, TT>
    where TF : unmanaged, IBinaryInteger<TF>
    where TT : unmanaged, IBinaryInteger<TT>, IMinMaxValue<TT>
{
    public bool TryConvert(TF value, out TT result)
    {
        var v = long.CreateTruncating(value);
        if (v < long.CreateTruncating(TT.MinValue) || v > long.CreateTruncating(TT.MaxValue))
        {
            result = default;
            return false;
        }
        result = TT.CreateTruncating(v);
        return true;
    }

    public ExecutionException Fail(TF value) =>
        new(string.Create(CultureInfo.InvariantCulture, $"Out of range for {KernelErrors.IntegerTypeName<TT>()}: {value}"), ErrorCode.NumericOverflow);
}

internal readonly struct NumberToFloat<TF, TT> : IConverter<TF, TT>
    where TF : unmanaged, INumberBase<TF>
    where TT : unmanaged, IFloatingPointIeee754<TT>
{
    public bool TryConvert(TF value, out TT result)
    {
        result = TT.CreateTruncating(value);
        return true;
    }

    public ExecutionException Fail(TF value) => throw new InternalException("float conversion cannot fail");
}

internal readonly struct IntToDecimal<TF>(int precision, int scale) : IConverter<TF, Int128>
    where TF : unmanaged, IBinaryInteger<TF>
{
    private readonly Int128 _factor = DecimalMath.Pow10(scale);

    public bool TryConvert(TF value, out Int128 result)
    {
        result = Int128.CreateTruncating(value) * _factor;
        return DecimalMath.FitsPrecision(result, precision);
    }

    public ExecutionException Fail(TF value) =>
        new(string.Create(CultureInfo.InvariantCulture, $"Cannot cast {value} to decimal({precision},{scale}): value out of range"), ErrorCode.NumericOverflow);
}

internal readonly struct IntToBoolean<TF> : IConverter<TF, bool>
    where TF : unmanaged, IBinaryInteger<TF>
{
    public bool TryConvert(TF value, out bool result)
    {
        result = value != TF.Zero;
        return true;
    }

    public ExecutionException Fail(TF value) => throw new InternalException("boolean conversion cannot fail");
}

/// <summary>real/double to an integer type: rounds half away from zero; NaN, infinities and out-of-range values fail.</summary>
internal readonly struct FloatToInt<TF, TT> : IConverter<TF, TT>
    where TF : unmanaged, IFloatingPointIeee754<TF>
    where TT : unmanaged, IBinaryInteger<TT>, IMinMaxValue<TT>
{
    public bool TryConvert(TF value, out TT result)
    {
        var d = double.CreateTruncating(value);
        var r = Math.Round(d, MidpointRounding.AwayFromZero);
        var min = double.CreateTruncating(TT.MinValue);
        if (!(r >= min && r < -min))
        {
            result = default;
            return false;
        }
        result = TT.CreateTruncating(r);
        return true;
    }

    public ExecutionException Fail(TF value) =>
        new($"Unable to cast {FormatFloat(value)} to {KernelErrors.IntegerTypeName<TT>()}", ErrorCode.NumericOverflow);

    internal static string FormatFloat(TF value) =>
        typeof(TF) == typeof(float) ? ValueFormatter.FormatReal(float.CreateTruncating(value)) : ValueFormatter.FormatDouble(double.CreateTruncating(value));
}

/// <summary>real/double to decimal: the shortest decimal text of the value, rounded HALF_UP to the scale (Java's BigDecimal.valueOf).</summary>
internal readonly struct FloatToDecimal<TF>(int precision, int scale) : IConverter<TF, Int128>
    where TF : unmanaged, IFloatingPointIeee754<TF>
{
    public bool TryConvert(TF value, out Int128 result)
    {
        result = 0;
        if (!TF.IsFinite(value)) return false;
        var text = typeof(TF) == typeof(float)
            ? float.CreateTruncating(value).ToString("R", CultureInfo.InvariantCulture)
            : double.CreateTruncating(value).ToString("R", CultureInfo.InvariantCulture);
        return TextParsing.TryParseDecimal(Encoding.ASCII.GetBytes(text), precision, scale, out result) == TextParsing.DecimalParse.Ok;
    }

    public ExecutionException Fail(TF value) =>
        new($"Cannot cast {FloatToInt<TF, long>.FormatFloat(value)} to decimal({precision},{scale})", ErrorCode.NumericOverflow);
}

internal readonly struct FloatToBoolean<TF> : IConverter<TF, bool>
    where TF : unmanaged, IFloatingPointIeee754<TF>
{
    public bool TryConvert(TF value, out bool result)
    {
        result = value != TF.Zero;
        return true;
    }

    public ExecutionException Fail(TF value) => throw new InternalException("boolean conversion cannot fail");
}

/// <summary>decimal to an integer type: rounds HALF_UP to scale 0, out of range fails.</summary>
internal readonly struct DecimalToInt<TT>(int scale) : IConverter<Int128, TT>
    where TT : unmanaged, IBinaryInteger<TT>, IMinMaxValue<TT>
{
    public bool TryConvert(Int128 value, out TT result)
    {
        DecimalMath.TryRescale(value, scale, 0, out var whole);
        if (whole < Int128.CreateTruncating(TT.MinValue) || whole > Int128.CreateTruncating(TT.MaxValue))
        {
            result = default;
            return false;
        }
        result = TT.CreateTruncating(whole);
        return true;
    }

    public ExecutionException Fail(Int128 value) =>
        new($"Cannot cast '{ValueFormatter.FormatDecimal(value, scale)}' to {KernelErrors.IntegerTypeName<TT>()}: value out of range", ErrorCode.NumericOverflow);
}

internal readonly struct DecimalToFloat<TT>(int scale) : IConverter<Int128, TT>
    where TT : unmanaged, IFloatingPointIeee754<TT>
{
    public bool TryConvert(Int128 value, out TT result)
    {
        result = TT.CreateTruncating(DecimalMath.ToDouble(value, scale));
        return true;
    }

    public ExecutionException Fail(Int128 value) => throw new InternalException("decimal to float conversion cannot fail");
}

internal readonly struct DecimalToDecimal(DecimalType from, DecimalType to) : IConverter<Int128, Int128>
{
    public bool TryConvert(Int128 value, out Int128 result) =>
        DecimalMath.TryRescale(value, from.Scale, to.Scale, out result) && DecimalMath.FitsPrecision(result, to.Precision);

    public ExecutionException Fail(Int128 value) =>
        new($"Cannot cast {from.SqlName} '{ValueFormatter.FormatDecimal(value, from.Scale)}' to {to.SqlName}", ErrorCode.NumericOverflow);
}

internal readonly struct DecimalToBoolean : IConverter<Int128, bool>
{
    public bool TryConvert(Int128 value, out bool result)
    {
        result = value != 0;
        return true;
    }

    public ExecutionException Fail(Int128 value) => throw new InternalException("boolean conversion cannot fail");
}

internal readonly struct DateToTimestamp : IConverter<int, long>
{
    public bool TryConvert(int value, out long result)
    {
        result = value * CivilTime.MicrosPerDay;
        return true;
    }

    public ExecutionException Fail(int value) => throw new InternalException("date to timestamp cannot fail");
}

internal readonly struct TimestampToDate : IConverter<long, int>
{
    public bool TryConvert(long value, out int result)
    {
        result = (int)CivilTime.DaysOf(value);
        return true;
    }

    public ExecutionException Fail(long value) => throw new InternalException("timestamp to date cannot fail");
}
