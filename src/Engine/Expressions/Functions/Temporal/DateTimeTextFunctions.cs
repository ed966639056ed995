using QueryEngine.Engine.Columnar;
using QueryEngine.Engine.Common;
using QueryEngine.Engine.Expressions.Evaluation;
using QueryEngine.Engine.Expressions.Kernels;

namespace QueryEngine.Engine.Expressions.Functions.Temporal;

/// <summary>
/// Trino's date/time conversion functions: date_format/date_parse (MySQL formats), format_datetime/parse_datetime (Joda
/// patterns), from_unixtime/to_unixtime, from_iso8601_timestamp/from_iso8601_date, to_iso8601, last_day_of_month and
/// millisecond. Timestamps are UTC (the session zone); a DATE argument is taken as its midnight.
/// </summary>
internal static class DateTimeTextFunctions
{
    public static readonly IReadOnlyList<string> Names =
    [
        "date_format", "date_parse", "format_datetime", "parse_datetime", "from_unixtime", "to_unixtime",
        "from_iso8601_timestamp", "from_iso8601_date", "to_iso8601", "last_day_of_month", "millisecond",
    ];

    public static ResolvedFunction? Resolve(string name, IReadOnlyList<DataType> a)
    {
        var n = a.Count;
        switch (name)
        {
            case "date_format" or "format_datetime" when n == 2 && Temporal(a[0]) && Text(a[1]):
                return new(name, [Ts(a[0]), DataType.Utf8], DataType.Utf8);
            case "date_parse" or "parse_datetime" when n == 2 && Text(a[0]) && Text(a[1]):
                return new(name, [DataType.Utf8, DataType.Utf8], Millis);
            case "from_unixtime" when n == 1 && (a[0].IsNumeric || a[0].Id == TypeId.Null):
                return new(name, [DataType.Float64], Millis);
            case "to_unixtime" when n == 1 && Temporal(a[0]):
                return new(name, [Ts(a[0])], DataType.Float64);
            case "from_iso8601_timestamp" when n == 1 && Text(a[0]): return new(name, [DataType.Utf8], Millis);
            case "from_iso8601_date" when n == 1 && Text(a[0]): return new(name, [DataType.Utf8], DataType.Date32);
            case "to_iso8601" when n == 1 && Temporal(a[0]): return new(name, [a[0]], DataType.Utf8);
            case "last_day_of_month" when n == 1 && Temporal(a[0]): return new(name, [a[0]], DataType.Date32);
            case "millisecond" when n == 1 && Temporal(a[0]): return new(name, [Ts(a[0])], DataType.Int64);
            default: return null;
        }
    }

    public static Evaluator? Compile(string name, Evaluator[] args, DataType type)
    {
        FunctionKernel? kernel = name switch
        {
            "date_format" => (a, n) => RowKernels.Bytes(a, n, DataType.Utf8, new FormatOp(a, new PatternCache(false, name), ZoneOf(args[0].Type))),
            "format_datetime" => (a, n) => RowKernels.Bytes(a, n, DataType.Utf8, new FormatOp(a, new PatternCache(true, name), ZoneOf(args[0].Type))),
            "date_parse" => (a, n) => RowKernels.Values<long, ParseOp>(a, n, type, new ParseOp(a, new PatternCache(false, name), name)),
            "parse_datetime" => (a, n) => RowKernels.Values<long, ParseOp>(a, n, type, new ParseOp(a, new PatternCache(true, name), name)),
            "from_unixtime" => (a, n) => RowKernels.Values<long, FromUnixTimeOp>(a, n, type, new FromUnixTimeOp(a[0])),
            "to_unixtime" => (a, n) => RowKernels.Values<double, ToUnixTimeOp>(a, n, DataType.Float64, new ToUnixTimeOp(a[0])),
            "from_iso8601_timestamp" => (a, n) => RowKernels.Values<long, IsoTimestampOp>(a, n, type, new IsoTimestampOp(a[0], new CharBuffer())),
            "from_iso8601_date" => (a, n) => RowKernels.Values<int, IsoDateOp>(a, n, DataType.Date32, new IsoDateOp(a[0], new CharBuffer())),
            "to_iso8601" => ToIso8601(args[0].Type),
            "last_day_of_month" => args[0].Type.Id == TypeId.Date32
                ? (a, n) => RowKernels.Values<int, LastDayOp>(a, n, DataType.Date32, new LastDayOp(a[0], false))
                : (a, n) => RowKernels.Values<int, LastDayOp>(a, n, DataType.Date32, new LastDayOp(a[0], true)),
            "millisecond" => (a, n) => RowKernels.Values<long, MillisecondOp>(a, n, DataType.Int64, new MillisecondOp(a[0])),
            _ => null,
        };
        return kernel is null ? null : new FunctionEvaluator(type, args, kernel, canFail: true);
    }

    private static FunctionKernel ToIso8601(DataType input)
    {
        if (input.Id == TypeId.Date32) return (a, n) => RowKernels.Bytes(a, n, DataType.Utf8, new IsoFormatOp(a[0], IsoDate, false));
        // timestamp(p) prints p fraction digits, as Trino's to_iso8601 does.
        var tokens = IsoTimestamps[((TimestampType)input).Precision];
        if (ZoneOf(input) is { } zone) return (a, n) => RowKernels.Bytes(a, n, DataType.Utf8, new IsoZonedOp(a[0], zone, tokens));
        return (a, n) => RowKernels.Bytes(a, n, DataType.Utf8, new IsoFormatOp(a[0], tokens, true));
    }

    /// <summary>The zone of a timestamp with time zone, or null for other types.</summary>
    private static Common.TimeZoneRules? ZoneOf(DataType type) =>
        type is TimestampType { TimeZone: not null } ? Casts.ZonedTimestampText.ZoneOf(type) : null;

    private static readonly PatternToken[] IsoDate = JodaPattern.Compile("yyyy-MM-dd", "to_iso8601");
    /// <summary>The ISO 8601 pattern of timestamp(p), indexed by p.</summary>
    private static readonly PatternToken[][] IsoTimestamps = BuildIsoTimestamps();

    private static PatternToken[][] BuildIsoTimestamps()
    {
        var patterns = new PatternToken[TimestampType.MaxPrecision + 1][];
        for (var p = 0; p < patterns.Length; p++)
        {
            patterns[p] = JodaPattern.Compile("yyyy-MM-dd'T'HH:mm:ss" + (p == 0 ? string.Empty : "." + new string('S', p)), "to_iso8601");
        }
        return patterns;
    }

    /// <summary>Parsing functions return timestamp(3), as in Trino.</summary>
    private static readonly TimestampType Millis = new(null, 3);

    private static long TruncateToMillis(long micros) => micros - (micros % 1000 + 1000) % 1000;

    private static bool Text(DataType t) => t.Id is TypeId.Utf8 or TypeId.Null;

    private static bool Temporal(DataType t) => t.Id is TypeId.Date32 or TypeId.Timestamp or TypeId.Null;

    private static DataType Ts(DataType t) => t.Id == TypeId.Timestamp ? t : DataType.Timestamp;

    /// <summary>Formats wall-clock time; a timestamp with time zone in its zone, whose name and offset the zone letters print.</summary>
    private readonly struct FormatOp(Vec[] args, PatternCache cache, Common.TimeZoneRules? zone) : IRowBytes
    {
        private readonly PrimitiveArg<long> _value = new(args[0]);
        private readonly StringArg _pattern = new(args[1]);

        public bool Write(int row, Utf8ColumnWriter output)
        {
            var value = _value[row];
            if (zone is null)
            {
                PatternFormatter.Format(cache.Get(_pattern[row]), value, output);
            }
            else
            {
                var offset = zone.OffsetAt(value);
                PatternFormatter.Format(cache.Get(_pattern[row]), value + offset, output, zone.Id, offset);
            }
            return true;
        }
    }

    /// <summary>to_iso8601 of a timestamp with time zone: wall-clock time in its zone, then <c>Z</c> or the offset.</summary>
    private readonly struct IsoZonedOp(Vec input, Common.TimeZoneRules zone, PatternToken[] tokens) : IRowBytes
    {
        private readonly PrimitiveArg<long> _micros = new(input);

        public bool Write(int row, Utf8ColumnWriter output)
        {
            var instant = _micros[row];
            var offset = zone.OffsetAt(instant);
            PatternFormatter.Format(tokens, instant + offset, output);
            if (offset == 0) output.Write((byte)'Z');
            else PatternFormatter.Offset(output, offset, colon: true);
            return true;
        }
    }

    private readonly struct ParseOp(Vec[] args, PatternCache cache, string function) : IRowValue<long>
    {
        private readonly StringArg _text = new(args[0]);
        private readonly StringArg _pattern = new(args[1]);
        private readonly CharBuffer _buffer = new();

        public bool Compute(int row, out long value)
        {
            // The result is timestamp(3): finer fractions are truncated to milliseconds, as Trino documents for %f.
            value = TruncateToMillis(PatternParser.Parse(cache.Get(_pattern[row]), _buffer.Decode(_text[row]), function));
            return true;
        }
    }

    private readonly struct FromUnixTimeOp(Vec input) : IRowValue<long>
    {
        private readonly PrimitiveArg<double> _seconds = new(input);

        public bool Compute(int row, out long value)
        {
            var seconds = _seconds[row];
            var millis = Math.Round(seconds * 1000, MidpointRounding.AwayFromZero);
            if (!double.IsFinite(millis) || Math.Abs(millis) > 9.2e15) throw new ExecutionException($"from_unixtime: value {seconds} is out of range");
            value = (long)millis * 1000;
            return true;
        }
    }

    private readonly struct ToUnixTimeOp(Vec input) : IRowValue<double>
    {
        private readonly PrimitiveArg<long> _micros = new(input);

        public bool Compute(int row, out double value)
        {
            value = _micros[row] / 1e6;
            return true;
        }
    }

    private readonly struct IsoTimestampOp(Vec input, CharBuffer buffer) : IRowValue<long>
    {
        private readonly StringArg _text = new(input);

        public bool Compute(int row, out long value)
        {
            value = TruncateToMillis(Iso8601.ParseTimestamp(buffer.Decode(_text[row]), "from_iso8601_timestamp"));
            return true;
        }
    }

    private readonly struct IsoDateOp(Vec input, CharBuffer buffer) : IRowValue<int>
    {
        private readonly StringArg _text = new(input);

        public bool Compute(int row, out int value)
        {
            value = Iso8601.ParseDate(buffer.Decode(_text[row]), "from_iso8601_date");
            return true;
        }
    }

    private readonly struct IsoFormatOp(Vec input, PatternToken[] tokens, bool timestamp) : IRowBytes
    {
        private readonly Vec _input = input;

        public bool Write(int row, Utf8ColumnWriter output)
        {
            var index = _input.IsConstant ? 0 : row;
            var micros = timestamp
                ? ((PrimitiveArray<long>)_input.Array).Buffer[index]
                : ((PrimitiveArray<int>)_input.Array).Buffer[index] * CivilTime.MicrosPerDay;
            PatternFormatter.Format(tokens, micros, output);
            return true;
        }
    }

    private readonly struct LastDayOp(Vec input, bool timestamp) : IRowValue<int>
    {
        private readonly Vec _input = input;

        public bool Compute(int row, out int value)
        {
            var index = _input.IsConstant ? 0 : row;
            var days = timestamp
                ? CivilTime.DaysOf(((PrimitiveArray<long>)_input.Array).Buffer[index])
                : ((PrimitiveArray<int>)_input.Array).Buffer[index];
            CivilTime.FromDays(days, out var y, out var m, out _);
            value = (int)CivilTime.ToDays(y, m, CivilTime.DaysInMonth(y, m));
            return true;
        }
    }

    private readonly struct MillisecondOp(Vec input) : IRowValue<long>
    {
        private readonly PrimitiveArg<long> _micros = new(input);

        public bool Compute(int row, out long value)
        {
            value = CivilTime.TimeOfDay(_micros[row]) / 1000 % 1000;
            return true;
        }
    }
}
