using QueryEngine.Engine.Columnar;
using QueryEngine.Engine.Common;

namespace QueryEngine.Engine.Expressions.Casts;

/// <summary>timestamp(p) to a smaller precision: microseconds rounded half up (Trino rounds, it does not truncate).</summary>
internal readonly struct RoundTimestamp(int precision) : IConverter<long, long>
{
    public bool TryConvert(long value, out long result)
    {
        result = TimestampRounding.Round(value, precision);
        return true;
    }

    public ExecutionException Fail(long value) => throw new InternalException("rounding a timestamp cannot fail");
}
