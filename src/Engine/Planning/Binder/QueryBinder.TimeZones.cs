using System.Text;
using QueryEngine.Engine.Columnar;
using QueryEngine.Engine.Common;
using QueryEngine.Engine.Expressions;
using QueryEngine.Engine.Expressions.Casts;
using QueryEngine.Engine.Sql.Ast;

namespace QueryEngine.Engine.Planning.Binder;

/// <summary>
/// <c>timestamp with time zone</c>: an instant (UTC microseconds) whose zone is part of its type, so every zone must
/// be known while binding. Calendar functions of a zoned value run on its wall-clock time in that zone
/// (<see cref="Local"/>) and results that are instants again are read back in the same zone, which gives Trino's
/// answers across daylight-saving changes.
/// </summary>
public sealed partial class QueryBinder
{
    /// <summary>The session time zone (<c>SET TIME ZONE</c>; UTC unless set).</summary>
    public TimeZoneRules SessionZone { get; init; } = TimeZoneRules.Utc;

    /// <summary>timestamp(p) with time zone in the session zone.</summary>
    private TimestampType SessionZoned(int precision) => new(SessionZone.Id, precision);

    /// <summary>The precision of a timestamp type; a date (or NULL) widens to timestamp(0).</summary>
    private static int PrecisionOf(DataType type) => type is TimestampType t ? t.Precision : 0;

    private static bool IsZoned(DataType type) => type is TimestampType { TimeZone: not null };

    /// <summary>The wall-clock time of a zoned value in its zone (a timestamp without time zone).</summary>
    private static PhysicalExpr Local(PhysicalExpr zoned) => Coercion.To(zoned, new TimestampType(null, PrecisionOf(zoned.Type)));

    /// <summary>The same instant shown in <paramref name="zone"/>.</summary>
    private static PhysicalExpr InZone(PhysicalExpr zoned, TimeZoneRules zone) => Coercion.To(zoned, new TimestampType(zone.Id, PrecisionOf(zoned.Type)));

    /// <summary>A zone given as a constant: a varchar name or an interval day to second offset (whole minutes).</summary>
    private static TimeZoneRules ConstantZone(PhysicalExpr zone, SourceSpan at, string what)
    {
        var folded = zone is LiteralExpr ? zone : ConstantFolder.Fold(zone);
        switch (folded)
        {
            case LiteralExpr { Value: string name }:
                return TimeZoneNames.Resolve(name, at);
            case LiteralExpr { Value: long millis, Type: IntervalType { IsYearToMonth: false } }:
                {
                    if (millis % 60_000 != 0) throw new SemanticException($"Invalid time zone offset interval: {ValueFormatter.FormatDayToSecond(millis)} is not a whole number of minutes", at, code: ErrorCode.InvalidCast);
                    return TimeZoneRules.FromOffsetMinutes(millis / 60_000)
                        ?? throw new SemanticException($"Invalid time zone offset interval: {ValueFormatter.FormatDayToSecond(millis)} is beyond 14 hours", at, code: ErrorCode.InvalidCast);
                }
            case LiteralExpr { Value: null }:
                throw new SemanticException($"{what}: the time zone is NULL", at, code: ErrorCode.InvalidCast);
            case LiteralExpr:
                throw new SemanticException($"{what} expects a zone name (varchar) or an interval day to second, found {folded.Type.SqlName}", at, code: ErrorCode.TypeMismatch);
            default:
                throw new NotSupportedQueryException($"{what} needs a constant time zone: a zone is part of the timestamp with time zone type here", at);
        }
    }

    /// <summary>The zone of <c>SET TIME ZONE expression</c>.</summary>
    public TimeZoneRules BindTimeZone(Sql.Ast.Expression zone) => ConstantZone(BindConstant(zone), zone.Span, "SET TIME ZONE");

    private PhysicalExpr BindAtTimeZone(AtTimeZoneExpression a, ExprContext context)
    {
        var value = AsInstantAt(BindExpression(a.Value, context), a.Value.Span, "AT TIME ZONE");
        return InZone(value, ConstantZone(BindExpression(a.TimeZone, context), a.TimeZone.Span, "AT TIME ZONE"));
    }

    /// <summary>
    /// CAST(x AS timestamp with time zone): a zoned value keeps its zone, as does constant text that names one; other
    /// text and plain timestamps are read in the session zone.
    /// </summary>
    private DataType CastTarget(PhysicalExpr source, DataType target)
    {
        if (target is not TimestampType { TimeZone: not null } zonedTarget) return target;
        var precision = zonedTarget.Precision;
        if (IsZoned(source.Type)) return ((TimestampType)source.Type).WithPrecision(precision);
        if (source is LiteralExpr { Value: string text } && ZonedTimestampText.TryParse(Encoding.UTF8.GetBytes(text), out _, out var zone) && zone is not null)
        {
            return new TimestampType(zone.Id, precision);
        }
        return SessionZoned(precision);
    }

    /// <summary>
    /// <c>TIMESTAMP '2020-01-01 10:00:00 America/New_York'</c> (or <c>+02:00</c>, <c>UTC</c>): a zoned literal; null when the
    /// text names no zone. A zone the machine does not know is an error naming it.
    /// </summary>
    private static LiteralExpr? BindZonedTimestampLiteral(GenericLiteral g)
    {
        var precision = TimestampLiteralPrecision(g);
        if (precision > TimestampType.MaxPrecision)
        {
            // Digits past microseconds are set aside to find the zone; the cast to the zoned type parses the whole text.
            var micros = Encoding.UTF8.GetBytes(PicoTimestampCasts.SplitFraction(g.Value, out _));
            if (!ZonedTimestampText.TryParse(micros, out _, out var picoZone) || picoZone is null) return null;
            var folded = ConstantFolder.Fold(new CastExpr(new LiteralExpr(g.Value, DataType.Utf8), new TimestampType(picoZone.Id, precision), IsTry: false));
            return folded as LiteralExpr ?? throw new SemanticException($"'{g.Value}' is not a valid timestamp literal", g.Span, code: ErrorCode.InvalidCast);
        }
        var bytes = Encoding.UTF8.GetBytes(g.Value);
        if (ZonedTimestampText.TryParse(bytes, out var local, out var zone))
        {
            return zone is null ? null : new LiteralExpr(zone.ToUtc(local), new TimestampType(zone.Id, TimestampLiteralPrecision(g)));
        }
        var text = g.Value.Trim();
        var space = text.LastIndexOf(' ');
        if (space > 0 && !char.IsAsciiDigit(text[space + 1]) && TextParsing.TryParseTimestamp(Encoding.UTF8.GetBytes(text[..space]), out _))
        {
            TimeZoneNames.Resolve(text[(space + 1)..], g.Span);
        }
        return null;
    }

    /// <summary>The precision of a TIMESTAMP literal: its fraction digits; more than 12 is a clear error.</summary>
    private static int TimestampLiteralPrecision(GenericLiteral g)
    {
        var digits = TextParsing.TimestampFractionDigits(Encoding.UTF8.GetBytes(g.Value));
        if (digits > TimestampType.MaxSqlPrecision) throw new SemanticException($"'{g.Value}' is not a valid timestamp literal: more than 12 fraction digits", g.Span, code: ErrorCode.InvalidCast);
        return digits;
    }

    private PhysicalExpr BindCurrentTime(CurrentTimeExpression t)
    {
        // The first current_* of a statement fixes "now" for all of them, so current_timestamp = current_timestamp holds.
        _nowMicros ??= (DateTime.UtcNow.Ticks - DateTime.UnixEpoch.Ticks) / 10;
        var micros = _nowMicros.Value;
        return t.Function switch
        {
            CurrentTimeFunction.CurrentDate => new LiteralExpr((int)Expressions.Kernels.CivilTime.DaysOf(SessionZone.ToLocal(micros)), DataType.Date32),
            CurrentTimeFunction.CurrentTimestamp => CurrentTimestamp(micros, SessionZone.Id, t),
            CurrentTimeFunction.LocalTimestamp => CurrentTimestamp(SessionZone.ToLocal(micros), null, t),
            _ => LocalTimeOfDay(SessionZone.ToLocal(micros), t),
        };
    }

    /// <summary>The statement's "now" in UTC microseconds, read once on first use.</summary>
    private long? _nowMicros;

    /// <summary>current_timestamp[(p)] and localtimestamp[(p)]: timestamp(3) unless a precision is given, as in Trino.</summary>
    private static LiteralExpr CurrentTimestamp(long micros, string? zone, CurrentTimeExpression t)
    {
        var precision = t.Precision ?? TimestampType.DefaultPrecision;
        if (precision is < 0 or > TimestampType.MaxSqlPrecision) throw new SemanticException($"TIMESTAMP precision must be between 0 and 12, got {precision}", t.Span);
        if (precision > TimestampType.MaxPrecision)
        {
            // The clock gives microseconds; finer digits are zeros.
            return new LiteralExpr((Int128)micros * TimestampType.PicosPerMicro, new TimestampType(zone, precision));
        }
        return new LiteralExpr(TimestampRounding.Round(micros, precision), new TimestampType(zone, precision));
    }

    /// <summary>
    /// current_time and localtime: the session zone's wall-clock time of day as TIME(p) (default 3). Trino types
    /// current_time as time with time zone, which the engine does not have; both give the local time.
    /// </summary>
    private static LiteralExpr LocalTimeOfDay(long localMicros, CurrentTimeExpression t)
    {
        var precision = t.Precision ?? TimeType.DefaultPrecision;
        if (precision is < 0 or > TimeType.MaxPrecision) throw new SemanticException($"TIME precision must be between 0 and 12, got {precision}", t.Span);
        const long microsPerDay = 86_400_000_000;
        var ofDay = localMicros % microsPerDay;
        if (ofDay < 0) ofDay += microsPerDay;
        return new LiteralExpr(TimeText.Round(ofDay * 1_000_000, precision), new TimeType(precision));
    }

    private static readonly HashSet<string> WallClockFunctions = new(StringComparer.Ordinal)
    {
        "year", "quarter", "month", "week", "week_of_year", "day", "day_of_month", "day_of_week", "dow", "day_of_year", "doy",
        "year_of_week", "yow", "hour", "minute", "second", "millisecond", "last_day_of_month",
    };

    private static bool IsDayOrLongerUnit(PhysicalExpr unit) =>
        unit is LiteralExpr { Value: string text } && text.Trim().ToLowerInvariant() is "day" or "week" or "month" or "quarter" or "year";

    /// <summary>Scalar functions with a time-zone meaning (or a zoned argument); everything else binds as usual.</summary>
    private PhysicalExpr BindTemporalFunction(string name, List<PhysicalExpr> args, SourceSpan span)
    {
        switch (name)
        {
            case "now" when args.Count == 0:
                return BindCurrentTime(new CurrentTimeExpression(CurrentTimeFunction.CurrentTimestamp, null) { Span = span });
            case "current_timezone" when args.Count == 0:
                return new LiteralExpr(SessionZone.Id, DataType.Utf8);
            case "with_timezone" when args.Count == 2:
                {
                    if (args[0].Type.Id is not (TypeId.Timestamp or TypeId.Date32) || IsZoned(args[0].Type))
                    {
                        throw new SemanticException($"with_timezone expects a timestamp without time zone, found {args[0].Type.SqlName}", span, code: ErrorCode.TypeMismatch);
                    }
                    var zone = ConstantZone(args[1], span, "with_timezone");
                    var precision = PrecisionOf(args[0].Type);
                    return Coercion.To(Coercion.To(args[0], new TimestampType(null, precision)), new TimestampType(zone.Id, precision));
                }
            case "at_timezone" when args.Count == 2:
                {
                    var zone = ConstantZone(args[1], span, "at_timezone");
                    return InZone(AsInstantAt(args[0], span, "at_timezone"), zone);
                }
            case "from_unixtime" when args.Count == 2 && args[1].Type.Id is TypeId.Utf8 or TypeId.Null:
                {
                    var zone = ConstantZone(args[1], span, "from_unixtime");
                    var utc = Coercion.To(BindScalarFunction("from_unixtime", [args[0]], span), new TimestampType("UTC", TimestampType.DefaultPrecision));
                    return InZone(utc, zone);
                }
            case "from_iso8601_timestamp" when args.Count == 1:
                // The text's own offset gives the instant; the result is shown in the session zone.
                return InZone(Coercion.To(BindScalarFunction(name, args, span), new TimestampType("UTC", TimestampType.DefaultPrecision)), SessionZone);
            case "timezone_hour" or "timezone_minute" when args.Count == 1 && !IsZoned(args[0].Type) && args[0].Type.Id is TypeId.Timestamp or TypeId.Date32:
                return BindScalarFunction(name, [AsInstantAt(args[0], span, name)], span);
            case "date_trunc" when args.Count == 2 && IsZoned(args[1].Type):
                return Coercion.To(BindScalarFunction(name, [args[0], Local(args[1])], span), args[1].Type);
            case "date_add" when args.Count == 3 && IsZoned(args[2].Type) && IsDayOrLongerUnit(args[0]):
                return Coercion.To(BindScalarFunction(name, [args[0], args[1], Local(args[2])], span), args[2].Type);
            case "date_diff" when args.Count == 3 && (IsZoned(args[1].Type) || IsZoned(args[2].Type)):
                {
                    // The zoned argument's zone (the first's when both are), at the larger precision of the two.
                    var type = ((TimestampType)(IsZoned(args[1].Type) ? args[1].Type : args[2].Type)).WithPrecision(Math.Max(PrecisionOf(args[1].Type), PrecisionOf(args[2].Type)));
                    var from = Coercion.To(args[1], type);
                    var to = Coercion.To(args[2], type);
                    return IsDayOrLongerUnit(args[0])
                        ? BindScalarFunction(name, [args[0], Local(from), Local(to)], span)
                        : BindScalarFunction(name, [args[0], from, to], span);
                }
            case var _ when args.Count == 1 && IsZoned(args[0].Type) && WallClockFunctions.Contains(name):
                return BindScalarFunction(name, [Local(args[0])], span);
            default:
                return BindScalarFunction(name, args, span);
        }
    }

    /// <summary>A timestamp as an instant: plain timestamps (and dates) are read in the session zone.</summary>
    private PhysicalExpr AsInstantAt(PhysicalExpr value, SourceSpan span, string what)
    {
        if (IsZoned(value.Type)) return value;
        if (value.Type.Id is TypeId.Timestamp or TypeId.Date32 or TypeId.Null && value.Type is not IntervalType) return Coercion.To(value, SessionZoned(PrecisionOf(value.Type)));
        throw new SemanticException($"{what} expects a timestamp, found {value.Type.SqlName}", span, code: ErrorCode.TypeMismatch);
    }

    /// <summary>A zoned timestamp plus or minus an interval year to month moves its wall-clock time in its zone.</summary>
    private static PhysicalExpr? BindZonedMonthArithmetic(string function, PhysicalExpr zoned, PhysicalExpr interval, SourceSpan span) =>
        IsZoned(zoned.Type) && interval.Type is IntervalType { IsYearToMonth: true }
            ? Coercion.To(BindScalarFunction(function, [Local(zoned), interval], span), zoned.Type)
            : null;
}
