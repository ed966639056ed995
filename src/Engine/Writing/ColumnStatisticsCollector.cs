using QueryEngine.Engine.Catalog;
using QueryEngine.Engine.Columnar;
using QueryEngine.Engine.Execution.Vectors;

namespace QueryEngine.Engine.Writing;

/// <summary>
/// Gathers the metastore statistics of one written column batch by batch: nulls, a distinct estimate, and by type
/// the low/high values (integers, dates as days, floating point, decimals), string/binary lengths or boolean counts.
/// </summary>
internal sealed class ColumnStatisticsCollector(string name, string hiveType, DataType type)
{
    private readonly DistinctSketch _distinct = new();
    private long _rows;
    private long _nulls;
    private long? _longLow;
    private long? _longHigh;
    private double? _doubleLow;
    private double? _doubleHigh;
    private Int128? _decimalLow;
    private Int128? _decimalHigh;
    private long _maxLength;
    private long _totalLength;
    private long _trues;
    private long _falses;

    public void Add(ArrowArray array)
    {
        _rows += array.Length;
        _nulls += array.NullCount;
        switch (array)
        {
            case PrimitiveArray<sbyte> a: AddIntegers(a.Values, array); break;
            case PrimitiveArray<short> a: AddIntegers(a.Values, array); break;
            case PrimitiveArray<int> a: AddIntegers(a.Values, array); break;
            case PrimitiveArray<long> a when type.Id != TypeId.Timestamp: AddIntegers(a.Values, array); break;
            case PrimitiveArray<long> a: AddHashesOnly(a.Values, array); break;
            case PrimitiveArray<float> a: AddFloating(a.Values, array); break;
            case PrimitiveArray<double> a: AddFloating(a.Values, array); break;
            case PrimitiveArray<Int128> a: AddDecimals(a.Values, array); break;
            case BinaryArray a: AddBinary(a); break;
            case BooleanArray a: AddBooleans(a); break;
        }
    }

    private void AddIntegers<T>(ReadOnlySpan<T> values, ArrowArray array)
        where T : struct, System.Numerics.IBinaryInteger<T>
    {
        long low = long.MaxValue, high = long.MinValue;
        var any = false;
        for (var i = 0; i < values.Length; i++)
        {
            if (array.IsNull(i)) continue;
            var v = long.CreateTruncating(values[i]);
            if (v < low) low = v;
            if (v > high) high = v;
            _distinct.Add(Hashing.Mix((ulong)v));
            any = true;
        }
        if (!any) return;
        _longLow = _longLow is { } l ? Math.Min(l, low) : low;
        _longHigh = _longHigh is { } h ? Math.Max(h, high) : high;
    }

    private void AddHashesOnly(ReadOnlySpan<long> values, ArrowArray array)
    {
        for (var i = 0; i < values.Length; i++)
        {
            if (!array.IsNull(i)) _distinct.Add(Hashing.Mix((ulong)values[i]));
        }
    }

    private void AddFloating<T>(ReadOnlySpan<T> values, ArrowArray array)
        where T : struct, System.Numerics.IFloatingPointIeee754<T>
    {
        double low = double.MaxValue, high = double.MinValue;
        var any = false;
        for (var i = 0; i < values.Length; i++)
        {
            if (array.IsNull(i)) continue;
            var v = double.CreateTruncating(values[i]);
            if (double.IsNaN(v)) continue;
            if (v < low) low = v;
            if (v > high) high = v;
            _distinct.Add(Hashing.Mix((ulong)BitConverter.DoubleToInt64Bits(v == 0 ? 0 : v)));
            any = true;
        }
        if (!any) return;
        _doubleLow = _doubleLow is { } l ? Math.Min(l, low) : low;
        _doubleHigh = _doubleHigh is { } h ? Math.Max(h, high) : high;
    }

    private void AddDecimals(ReadOnlySpan<Int128> values, ArrowArray array)
    {
        for (var i = 0; i < values.Length; i++)
        {
            if (array.IsNull(i)) continue;
            var v = values[i];
            if (_decimalLow is not { } l || v < l) _decimalLow = v;
            if (_decimalHigh is not { } h || v > h) _decimalHigh = v;
            _distinct.Add(Hashing.Combine((ulong)(v >> 64), (ulong)v));
        }
    }

    private void AddBinary(BinaryArray array)
    {
        for (var i = 0; i < array.Length; i++)
        {
            if (array.IsNull(i)) continue;
            var bytes = array.GetBytes(i);
            // Hive counts string lengths in characters; for the usual ASCII data bytes are the same.
            var length = array.IsUtf8 ? System.Text.Encoding.UTF8.GetCharCount(bytes) : bytes.Length;
            if (length > _maxLength) _maxLength = length;
            _totalLength += length;
            _distinct.Add(Hashing.Bytes(bytes));
        }
    }

    private void AddBooleans(BooleanArray array)
    {
        for (var i = 0; i < array.Length; i++)
        {
            if (array.IsNull(i)) continue;
            if (array.GetBit(i)) _trues++;
            else _falses++;
        }
    }

    /// <summary>The statistics gathered, merged with <paramref name="previous"/> (the table's before an INSERT, over <paramref name="previousRows"/> rows).</summary>
    public ColumnStatistics Build(ColumnStatistics? previous, long previousRows, DateTimeOffset now)
    {
        var nonNull = _rows - _nulls;
        var distinct = type.Id == TypeId.Boolean ? Math.Min(2, (_trues > 0 ? 1 : 0) + (_falses > 0 ? 1 : 0)) : Math.Min(_distinct.Estimate(), nonNull);
        var result = new ColumnStatistics(name, hiveType)
        {
            NumNulls = _nulls,
            NumDistinct = distinct,
            LastAnalyzed = now,
        };
        switch (type.Id)
        {
            case TypeId.Int8 or TypeId.Int16 or TypeId.Int32 or TypeId.Int64 or TypeId.Date32:
                result = result with { LongLow = _longLow, LongHigh = _longHigh };
                break;
            case TypeId.Float32 or TypeId.Float64:
                result = result with { DoubleLow = _doubleLow, DoubleHigh = _doubleHigh };
                break;
            case TypeId.Decimal128:
                var scale = ((DecimalType)type).Scale;
                result = result with
                {
                    DecimalLow = _decimalLow is { } dl ? ValueFormatter.FormatDecimal(dl, scale) : null,
                    DecimalHigh = _decimalHigh is { } dh ? ValueFormatter.FormatDecimal(dh, scale) : null,
                };
                break;
            case TypeId.Utf8 or TypeId.Binary:
                result = result with { MaxLength = _maxLength, AverageLength = nonNull == 0 ? 0 : (double)_totalLength / nonNull };
                break;
            case TypeId.Boolean:
                result = result with { NumTrues = _trues, NumFalses = _falses };
                break;
        }
        return previous is null || previous.HiveType != hiveType ? result : Merge(previous, previousRows, result, nonNull);
    }

    /// <summary>
    /// Combines the table's statistics with those of the appended rows: counts add, bounds widen, the distinct count
    /// becomes the larger of the two (a lower bound: the sketches of earlier writes are not kept).
    /// </summary>
    private static ColumnStatistics Merge(ColumnStatistics old, long oldRows, ColumnStatistics added, long addedNonNull)
    {
        var oldNonNull = Math.Max(0, oldRows - old.NumNulls);
        return added with
        {
            NumNulls = old.NumNulls + added.NumNulls,
            NumDistinct = Max(old.NumDistinct, added.NumDistinct),
            LongLow = Min(old.LongLow, added.LongLow),
            LongHigh = Max(old.LongHigh, added.LongHigh),
            DoubleLow = Min(old.DoubleLow, added.DoubleLow),
            DoubleHigh = Max(old.DoubleHigh, added.DoubleHigh),
            DecimalLow = DecimalBound(old.DecimalLow, added.DecimalLow, low: true),
            DecimalHigh = DecimalBound(old.DecimalHigh, added.DecimalHigh, low: false),
            MaxLength = Max(old.MaxLength, added.MaxLength),
            AverageLength = old.AverageLength is { } a && added.AverageLength is { } b && oldNonNull + addedNonNull > 0
                ? ((a * oldNonNull) + (b * addedNonNull)) / (oldNonNull + addedNonNull)
                : added.AverageLength ?? old.AverageLength,
            NumTrues = Sum(old.NumTrues, added.NumTrues),
            NumFalses = Sum(old.NumFalses, added.NumFalses),
        };
    }

    private static T? Min<T>(T? a, T? b) where T : struct, IComparable<T> =>
        a is { } x && b is { } y ? (x.CompareTo(y) <= 0 ? x : y) : a ?? b;

    private static T? Max<T>(T? a, T? b) where T : struct, IComparable<T> =>
        a is { } x && b is { } y ? (x.CompareTo(y) >= 0 ? x : y) : a ?? b;

    private static long? Sum(long? a, long? b) => a is { } x && b is { } y ? x + y : a ?? b;

    private static string? DecimalBound(string? a, string? b, bool low)
    {
        if (a is null) return b;
        if (b is null) return a;
        // Beyond decimal's 28 digits the comparison is by double, which is close enough for optimizer bounds.
        if (decimal.TryParse(a, System.Globalization.NumberStyles.Number, System.Globalization.CultureInfo.InvariantCulture, out var x) &&
            decimal.TryParse(b, System.Globalization.NumberStyles.Number, System.Globalization.CultureInfo.InvariantCulture, out var y))
        {
            return (low ? x <= y : x >= y) ? a : b;
        }
        var dx = double.Parse(a, System.Globalization.CultureInfo.InvariantCulture);
        var dy = double.Parse(b, System.Globalization.CultureInfo.InvariantCulture);
        return (low ? dx <= dy : dx >= dy) ? a : b;
    }
}
