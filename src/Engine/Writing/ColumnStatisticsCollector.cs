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
            case TypeId.Decimal128 when type is DecimalType:
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
        return previous is null || previous.HiveType != hiveType ? result : previous.Union(previousRows, result, _rows);
    }
}
