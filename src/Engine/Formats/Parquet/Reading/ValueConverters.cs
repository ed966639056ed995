namespace QueryEngine.Engine.Formats.Parquet.Reading;

/// <summary>The physical-to-engine value conversions of <see cref="ColumnAssembler"/>.</summary>
internal static class ValueConverters
{
    public readonly struct ToInt8 : IValueConverter<int, sbyte>
    {
        public static sbyte Convert(int value) => unchecked((sbyte)value);
    }

    public readonly struct ToInt16 : IValueConverter<int, short>
    {
        public static short Convert(int value) => unchecked((short)value);
    }

    public readonly struct FromUInt8 : IValueConverter<int, short>
    {
        public static short Convert(int value) => (byte)value;
    }

    public readonly struct FromUInt16 : IValueConverter<int, int>
    {
        public static int Convert(int value) => (ushort)value;
    }

    public readonly struct FromUInt32 : IValueConverter<int, long>
    {
        public static long Convert(int value) => (uint)value;
    }

    public readonly struct FromUInt64 : IValueConverter<long, Int128>
    {
        public static Int128 Convert(long value) => (ulong)value;
    }

    /// <summary>TIME(MILLIS) (INT32 milliseconds of day) to picoseconds of day.</summary>
    public readonly struct TimeMillisToPicos : IValueConverter<int, long>
    {
        public static long Convert(int value) => unchecked(value * 1_000_000_000L);
    }

    /// <summary>TIME(MICROS) to picoseconds of day.</summary>
    public readonly struct TimeMicrosToPicos : IValueConverter<long, long>
    {
        public static long Convert(long value) => unchecked(value * 1_000_000);
    }

    /// <summary>TIMESTAMP(NANOS) to picoseconds since the epoch (timestamp(9)).</summary>
    public readonly struct NanosToPicos : IValueConverter<long, Int128>
    {
        public static Int128 Convert(long value) => (Int128)value * 1000;
    }

    /// <summary>TIME(NANOS) to picoseconds of day.</summary>
    public readonly struct TimeNanosToPicos : IValueConverter<long, long>
    {
        public static long Convert(long value) => unchecked(value * 1000);
    }

    public readonly struct MillisToMicros : IValueConverter<long, long>
    {
        public static long Convert(long value) => unchecked(value * 1000);
    }

    public readonly struct Int32ToInt128 : IValueConverter<int, Int128>
    {
        public static Int128 Convert(int value) => value;
    }

    public readonly struct Int64ToInt128 : IValueConverter<long, Int128>
    {
        public static Int128 Convert(long value) => value;
    }

    public readonly struct HalfToFloat : IValueConverter<Half, float>
    {
        public static float Convert(Half value) => (float)value;
    }
}
