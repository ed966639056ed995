using QueryEngine.Engine.Columnar;
using QueryEngine.Engine.Common;
using QueryEngine.Engine.Expressions.Evaluation;
using QueryEngine.Engine.Expressions.Kernels;

namespace QueryEngine.Engine.Expressions.Functions.Temporal;

/// <summary>
/// Trino's time-zone functions. <c>timezone_hour</c>/<c>timezone_minute</c> run here; <c>with_timezone</c>,
/// <c>at_timezone</c>, <c>now</c> and <c>current_timezone</c> have signatures here but the binder rewrites them (a zone
/// is part of the result type, so it must be known while binding).
/// </summary>
internal static class ZonedFunctions
{
    private static readonly DataType UtcTimestamp = new TimestampType("UTC");

    public static ResolvedFunction? Resolve(string name, IReadOnlyList<DataType> a)
    {
        var n = a.Count;
        switch (name)
        {
            // A timestamp without zone is read in the session zone by the binder first.
            case "timezone_hour" or "timezone_minute" when n == 1 && a[0] is TimestampType { IsPicos: false }:
                return new(name, [a[0]], DataType.Int64);
            case "with_timezone" when n == 2 && a[0].Id is TypeId.Timestamp or TypeId.Date32 && Text(a[1]):
                return new(name, [DataType.Timestamp, DataType.Utf8], UtcTimestamp);
            case "at_timezone" when n == 2 && a[0].Id is TypeId.Timestamp && Text(a[1]):
                return new(name, [a[0], DataType.Utf8], UtcTimestamp);
            case "now" when n == 0: return new(name, [], UtcTimestamp);
            case "current_timezone" when n == 0: return new(name, [], DataType.Utf8);
            default: return null;
        }
    }

    public static Evaluator? Compile(string name, Evaluator[] args, DataType type)
    {
        switch (name)
        {
            case "timezone_hour" or "timezone_minute":
                {
                    var op = new OffsetPartOp(Casts.ZonedTimestampText.ZoneOf(args[0].Type), name == "timezone_hour" ? CivilTime.MicrosPerHour : CivilTime.MicrosPerMinute, name == "timezone_hour" ? long.MaxValue : 60);
                    return new FunctionEvaluator(type, args, (a, n) => UnaryExecutor.Execute<long, long, OffsetPartOp>(a[0], n, DataType.Int64, op, false).Array, canFail: false);
                }
            case "with_timezone" or "at_timezone" or "now" or "current_timezone":
                throw new InternalException($"{name} is rewritten while binding and never compiled");
            default:
                return null;
        }
    }

    private static bool Text(DataType t) => t.Id is TypeId.Utf8 or TypeId.Null;

    /// <summary>The hours (or the minutes within the hour) of the zone's offset at the instant, negative west of Greenwich.</summary>
    private readonly struct OffsetPartOp(TimeZoneRules zone, long unit, long range) : IUnaryOp<long, long>
    {
        public long Apply(long value) => zone.OffsetAt(value) / unit % range;
    }
}
