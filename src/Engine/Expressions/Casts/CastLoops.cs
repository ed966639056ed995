using QueryEngine.Engine.Columnar;
using QueryEngine.Engine.Common;
using QueryEngine.Engine.Execution.Vectors;

namespace QueryEngine.Engine.Expressions.Casts;

/// <summary>Converts one value; returns false when the value cannot be represented (the caller raises or nulls).</summary>
internal interface IConverter<TF, TT>
{
    bool TryConvert(TF value, out TT result);

    /// <summary>The error to raise for a value that failed (CAST; TRY_CAST yields null instead).</summary>
    ExecutionException Fail(TF value);
}

/// <summary>Parses one UTF-8 text value.</summary>
internal interface ITextParser<TT>
{
    bool TryParse(ReadOnlySpan<byte> text, out TT result, out bool outOfRange);
}

/// <summary>Typed loops shared by every cast: apply a converter to valid rows, turn failures into errors or nulls.</summary>
internal static class CastLoops
{
    public static PrimitiveArray<TT> Convert<TF, TT, TC>(PrimitiveArray<TF> input, DataType to, TC converter, bool isTry)
        where TF : unmanaged
        where TT : unmanaged
        where TC : struct, IConverter<TF, TT>
    {
        var n = input.Length;
        var result = new TT[n];
        var validity = input.Validity is null ? null : Bits.Copy(input.Validity, n);
        var values = input.Values;
        for (var i = 0; i < n; i++)
        {
            if (validity is not null && !Bitmap.Get(validity, i)) continue;
            if (!converter.TryConvert(values[i], out result[i]))
            {
                if (!isTry) throw converter.Fail(values[i]);
                validity ??= Bitmap.AllSet(n);
                Bitmap.Clear(validity, i);
            }
        }
        return new PrimitiveArray<TT>(to, result, n, validity);
    }

    public static BooleanArray ConvertToBoolean<TF, TC>(PrimitiveArray<TF> input, TC converter, bool isTry)
        where TF : unmanaged
        where TC : struct, IConverter<TF, bool>
    {
        var n = input.Length;
        var bits = new byte[Bitmap.BytesFor(n)];
        var validity = input.Validity is null ? null : Bits.Copy(input.Validity, n);
        var values = input.Values;
        for (var i = 0; i < n; i++)
        {
            if (validity is not null && !Bitmap.Get(validity, i)) continue;
            if (!converter.TryConvert(values[i], out var b))
            {
                if (!isTry) throw converter.Fail(values[i]);
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

    public static PrimitiveArray<TT> FromBoolean<TT>(BooleanArray input, DataType to, TT one, TT zero)
        where TT : unmanaged
    {
        var n = input.Length;
        var result = new TT[n];
        for (var i = 0; i < n; i++) result[i] = input.GetBit(i) ? one : zero;
        return new PrimitiveArray<TT>(to, result, n, input.Validity);
    }

    public static PrimitiveArray<TT> Parse<TT, TP>(BinaryArray input, DataType to, TP parser, bool isTry)
        where TT : unmanaged
        where TP : struct, ITextParser<TT>
    {
        var n = input.Length;
        var result = new TT[n];
        var validity = input.Validity is null ? null : Bits.Copy(input.Validity, n);
        for (var i = 0; i < n; i++)
        {
            if (validity is not null && !Bitmap.Get(validity, i)) continue;
            if (!parser.TryParse(input.GetBytes(i), out result[i], out var outOfRange))
            {
                if (!isTry) throw TextError(input, i, to, outOfRange);
                validity ??= Bitmap.AllSet(n);
                Bitmap.Clear(validity, i);
            }
        }
        return new PrimitiveArray<TT>(to, result, n, validity);
    }

    public static ExecutionException TextError(BinaryArray input, int row, DataType to, bool outOfRange)
    {
        var text = input.GetString(row);
        return outOfRange
            ? new ExecutionException($"Cannot cast '{text}' to {to.SqlName}: value out of range", ErrorCode.NumericOverflow)
            : new ExecutionException($"Cannot cast '{text}' to {to.SqlName}", ErrorCode.InvalidCast);
    }

    /// <summary>Formats every valid row with <paramref name="format"/> into a varchar column.</summary>
    public static BinaryArray FormatEach(ArrowArray input, Func<ArrowArray, int, string> format)
    {
        var builder = new BinaryBuilder(DataType.Utf8, input.Length, input.Length * 8);
        for (var i = 0; i < input.Length; i++)
        {
            if (input.IsNull(i)) builder.AppendNull();
            else builder.Append(format(input, i));
        }
        return (BinaryArray)builder.Build();
    }

    /// <summary>Formats integers straight to UTF-8 without intermediate strings.</summary>
    public static BinaryArray FormatIntegers<T>(PrimitiveArray<T> input)
        where T : unmanaged, IUtf8SpanFormattable
    {
        var builder = new BinaryBuilder(DataType.Utf8, input.Length, input.Length * 8);
        Span<byte> buffer = stackalloc byte[48];
        var values = input.Values;
        for (var i = 0; i < values.Length; i++)
        {
            if (input.IsNull(i))
            {
                builder.AppendNull();
                continue;
            }
            values[i].TryFormat(buffer, out var written, default, System.Globalization.CultureInfo.InvariantCulture);
            builder.Append(buffer[..written]);
        }
        return (BinaryArray)builder.Build();
    }
}
