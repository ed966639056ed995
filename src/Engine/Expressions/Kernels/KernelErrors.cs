using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using QueryEngine.Engine.Common;

namespace QueryEngine.Engine.Expressions.Kernels;

/// <summary>Throw helpers for kernels (kept out of line so hot loops stay small).</summary>
internal static class KernelErrors
{
    [DoesNotReturn]
    public static void DivisionByZero() => throw new ExecutionException("Division by zero", ErrorCode.DivisionByZero);

    [DoesNotReturn]
    public static void Overflow(string type, string operation, object left, string symbol, object right) =>
        throw new ExecutionException(
            string.Create(CultureInfo.InvariantCulture, $"{type} {operation} overflow: {left} {symbol} {right}"),
            ErrorCode.NumericOverflow);

    [DoesNotReturn]
    public static void Overflow(string message) => throw new ExecutionException(message, ErrorCode.NumericOverflow);

    [DoesNotReturn]
    public static T Overflow<T>(string message) => throw new ExecutionException(message, ErrorCode.NumericOverflow);

    public static string IntegerTypeName<T>() =>
        typeof(T) == typeof(sbyte) ? "tinyint"
        : typeof(T) == typeof(short) ? "smallint"
        : typeof(T) == typeof(int) ? "integer"
        : "bigint";
}
