using QueryEngine.Engine.Columnar;
using QueryEngine.Engine.Expressions.Evaluation;
using QueryEngine.Engine.Expressions.Kernels;

namespace QueryEngine.Engine.Expressions.Functions.Temporal;

/// <summary>
/// <c>$timestamp_floor_micros</c>: a timestamp(7..12) cut down (not rounded) to its whole microseconds as timestamp(6)
/// in the same zone. The binder passes it to functions whose result depends only on whole microseconds (calendar
/// fields, date_trunc, date_format, format_datetime), so they reuse the microsecond code.
/// </summary>
internal static class PicoTimestampFunctions
{
    public const string FloorMicros = "$timestamp_floor_micros";

    public static ResolvedFunction? Resolve(string name, IReadOnlyList<DataType> a) =>
        name == FloorMicros && a.Count == 1 && a[0] is TimestampType { IsPicos: true } t
            ? new(name, [t], t.WithPrecision(TimestampType.MaxPrecision))
            : null;

    public static Evaluator? Compile(string name, Evaluator[] args, DataType type) =>
        name == FloorMicros
            ? new FunctionEvaluator(type, args, (a, n) => UnaryExecutor.Execute<Int128, long, FloorOp>(a[0], n, type, default, false).Array, canFail: false)
            : null;

    private readonly struct FloorOp : IUnaryOp<Int128, long>
    {
        public long Apply(Int128 value) => TimestampRounding.FloorMicros(value, out _);
    }
}
