using System.Globalization;
using System.Numerics;
using QueryEngine.Engine.Catalog;
using QueryEngine.Engine.Thrift;

namespace QueryEngine.Metastore.Hms;

/// <summary>
/// Hive's <c>ColumnStatisticsObj</c> (1 colName, 2 colType, 3 statsData) to and from our
/// <see cref="ColumnStatistics"/>. <c>statsData</c> is the union <c>ColumnStatisticsData</c>: 1 boolean
/// {1 numTrues, 2 numFalses, 3 numNulls}, 2 long and 3 double {1 low, 2 high, 3 numNulls, 4 numDVs}, 4 string
/// {1 maxColLen, 2 avgColLen, 3 numNulls, 4 numDVs}, 5 binary {1 maxColLen, 2 avgColLen, 3 numNulls}, 6 decimal
/// {1 low, 2 high: Decimal {1 unscaled (big-endian two's complement), 3 scale}, 3 numNulls, 4 numDVs}, 7 date
/// {1 low, 2 high: Date {1 daysSinceEpoch}, 3 numNulls, 4 numDVs}. Bit vectors are read past and not kept.
/// </summary>
internal static class HmsColumnStatisticsCodec
{
    public static ColumnStatistics Read(BinaryProtocolReader reader)
    {
        string? name = null;
        string? type = null;
        var stats = new ColumnStatistics(string.Empty, string.Empty);
        reader.ReadStruct((id, t) =>
        {
            switch (id)
            {
                case 1 when t == ThriftType.String: name = reader.ReadString(); return true;
                case 2 when t == ThriftType.String: type = reader.ReadString(); return true;
                case 3 when t == ThriftType.Struct: stats = ReadData(reader); return true;
                default: return false;
            }
        });
        // An empty name or type is rejected by the handler: throwing while the arguments are read would end the connection.
        return stats with { Column = name ?? string.Empty, HiveType = type ?? string.Empty };
    }

    private static ColumnStatistics ReadData(BinaryProtocolReader reader)
    {
        var stats = new ColumnStatistics(string.Empty, string.Empty);
        reader.ReadStruct((kind, t) =>
        {
            if (t != ThriftType.Struct || kind is < 1 or > 7) return false;
            reader.ReadStruct((id, ft) =>
            {
                switch (kind, id, ft)
                {
                    case (1, 1, ThriftType.I64): stats = stats with { NumTrues = reader.ReadI64() }; return true;
                    case (1, 2, ThriftType.I64): stats = stats with { NumFalses = reader.ReadI64() }; return true;
                    case (2, 1, ThriftType.I64): stats = stats with { LongLow = reader.ReadI64() }; return true;
                    case (2, 2, ThriftType.I64): stats = stats with { LongHigh = reader.ReadI64() }; return true;
                    case (3, 1, ThriftType.Double): stats = stats with { DoubleLow = reader.ReadDouble() }; return true;
                    case (3, 2, ThriftType.Double): stats = stats with { DoubleHigh = reader.ReadDouble() }; return true;
                    case (4 or 5, 1, ThriftType.I64): stats = stats with { MaxLength = reader.ReadI64() }; return true;
                    case (4 or 5, 2, ThriftType.Double): stats = stats with { AverageLength = reader.ReadDouble() }; return true;
                    case (6, 1, ThriftType.Struct): stats = stats with { DecimalLow = ReadDecimal(reader) }; return true;
                    case (6, 2, ThriftType.Struct): stats = stats with { DecimalHigh = ReadDecimal(reader) }; return true;
                    case (7, 1, ThriftType.Struct): stats = stats with { LongLow = ReadDate(reader) }; return true;
                    case (7, 2, ThriftType.Struct): stats = stats with { LongHigh = ReadDate(reader) }; return true;
                    case (_, 3, ThriftType.I64): stats = stats with { NumNulls = reader.ReadI64() }; return true;
                    case (2 or 3 or 4 or 6 or 7, 4, ThriftType.I64): stats = stats with { NumDistinct = reader.ReadI64() }; return true;
                    default: return false;
                }
            });
            return true;
        });
        return stats;
    }

    private static string? ReadDecimal(BinaryProtocolReader reader)
    {
        byte[]? unscaled = null;
        var scale = 0;
        reader.ReadStruct((id, t) =>
        {
            switch (id)
            {
                case 1 when t == ThriftType.String: unscaled = reader.ReadBinary(); return true;
                case 3 when t == ThriftType.I16: scale = reader.ReadI16(); return true;
                default: return false;
            }
        });
        if (unscaled is null || unscaled.Length == 0) return null;
        var value = new BigInteger(unscaled, isUnsigned: false, isBigEndian: true);
        var digits = BigInteger.Abs(value).ToString(CultureInfo.InvariantCulture).PadLeft(scale + 1, '0');
        var text = scale > 0 ? digits[..^scale] + "." + digits[^scale..] : digits;
        return value.Sign < 0 ? "-" + text : text;
    }

    private static long? ReadDate(BinaryProtocolReader reader)
    {
        long? days = null;
        reader.ReadStruct((id, t) =>
        {
            if (id != 1 || t != ThriftType.I64) return false;
            days = reader.ReadI64();
            return true;
        });
        return days;
    }

    /// <summary>
    /// The fields of a <c>ColumnStatistics</c> struct (and its stop): 1 statsDesc {1 isTblLevel, 2 dbName,
    /// 3 tableName, 4 partName, 5 lastAnalyzed}, 2 statsObj. <paramref name="partitionName"/> null means table level.
    /// </summary>
    public static void WriteColumnStatistics(BinaryProtocolWriter writer, TableInfo table, string? partitionName, IReadOnlyList<ColumnStatistics> stats)
    {
        writer.WriteFieldBegin(ThriftType.Struct, 1);
        writer.WriteBoolField(1, partitionName is null);
        writer.WriteStringField(2, table.Database);
        writer.WriteStringField(3, table.Name);
        writer.WriteStringField(4, partitionName);
        if (stats.Count > 0)
        {
            writer.WriteFieldBegin(ThriftType.I64, 5);
            writer.WriteI64(stats[0].LastAnalyzed.ToUnixTimeSeconds());
        }
        writer.WriteFieldStop();
        writer.WriteFieldBegin(ThriftType.List, 2);
        writer.WriteListBegin(ThriftType.Struct, stats.Count);
        foreach (var column in stats) Write(writer, column);
        writer.WriteFieldStop();
    }

    public static void Write(BinaryProtocolWriter writer, ColumnStatistics stats)
    {
        writer.WriteStringField(1, stats.Column);
        writer.WriteStringField(2, stats.HiveType);
        writer.WriteFieldBegin(ThriftType.Struct, 3);
        var kind = Kind(stats);
        writer.WriteFieldBegin(ThriftType.Struct, kind);
        switch (kind)
        {
            case 1:
                I64(writer, 1, stats.NumTrues ?? 0);
                I64(writer, 2, stats.NumFalses ?? 0);
                I64(writer, 3, stats.NumNulls);
                break;
            case 2:
                if (stats.LongLow is { } low) I64(writer, 1, low);
                if (stats.LongHigh is { } high) I64(writer, 2, high);
                I64(writer, 3, stats.NumNulls);
                I64(writer, 4, stats.NumDistinct ?? 0);
                break;
            case 3:
                if (stats.DoubleLow is { } dlow) Double(writer, 1, dlow);
                if (stats.DoubleHigh is { } dhigh) Double(writer, 2, dhigh);
                I64(writer, 3, stats.NumNulls);
                I64(writer, 4, stats.NumDistinct ?? 0);
                break;
            case 4 or 5:
                I64(writer, 1, stats.MaxLength ?? 0);
                Double(writer, 2, stats.AverageLength ?? 0);
                I64(writer, 3, stats.NumNulls);
                if (kind == 4) I64(writer, 4, stats.NumDistinct ?? 0);
                break;
            case 6:
                WriteDecimal(writer, 1, stats.DecimalLow);
                WriteDecimal(writer, 2, stats.DecimalHigh);
                I64(writer, 3, stats.NumNulls);
                I64(writer, 4, stats.NumDistinct ?? 0);
                break;
            default:
                WriteDate(writer, 1, stats.LongLow);
                WriteDate(writer, 2, stats.LongHigh);
                I64(writer, 3, stats.NumNulls);
                I64(writer, 4, stats.NumDistinct ?? 0);
                break;
        }
        writer.WriteFieldStop();
        writer.WriteFieldStop();
        writer.WriteFieldStop();
    }

    /// <summary>The union member for a column: by its Hive type, else by which statistics are set.</summary>
    private static short Kind(ColumnStatistics stats)
    {
        var type = stats.HiveType.ToLowerInvariant();
        var paren = type.IndexOf('(', StringComparison.Ordinal);
        if (paren > 0) type = type[..paren];
        return type switch
        {
            "boolean" => 1,
            "tinyint" or "smallint" or "int" or "integer" or "bigint" => 2,
            "float" or "double" => 3,
            "string" or "varchar" or "char" => 4,
            "binary" => 5,
            "decimal" => 6,
            "date" => 7,
            _ when stats.NumTrues is not null || stats.NumFalses is not null => 1,
            _ when stats.DoubleLow is not null || stats.DoubleHigh is not null => 3,
            _ when stats.DecimalLow is not null || stats.DecimalHigh is not null => 6,
            _ when stats.MaxLength is not null => 4,
            _ => 2,
        };
    }

    private static void I64(BinaryProtocolWriter writer, short id, long value)
    {
        writer.WriteFieldBegin(ThriftType.I64, id);
        writer.WriteI64(value);
    }

    private static void Double(BinaryProtocolWriter writer, short id, double value)
    {
        writer.WriteFieldBegin(ThriftType.Double, id);
        writer.WriteDouble(value);
    }

    private static void WriteDecimal(BinaryProtocolWriter writer, short id, string? text)
    {
        if (text is null) return;
        var negative = text.StartsWith('-');
        var body = negative ? text[1..] : text;
        var dot = body.IndexOf('.', StringComparison.Ordinal);
        var scale = dot < 0 ? 0 : body.Length - dot - 1;
        if (!BigInteger.TryParse(body.Replace(".", string.Empty, StringComparison.Ordinal), NumberStyles.None, CultureInfo.InvariantCulture, out var unscaled)) return;
        if (negative) unscaled = -unscaled;
        writer.WriteFieldBegin(ThriftType.Struct, id);
        writer.WriteFieldBegin(ThriftType.String, 1);
        writer.WriteBinary(unscaled.ToByteArray(isUnsigned: false, isBigEndian: true));
        writer.WriteFieldBegin(ThriftType.I16, 3);
        writer.WriteI16((short)scale);
        writer.WriteFieldStop();
    }

    private static void WriteDate(BinaryProtocolWriter writer, short id, long? days)
    {
        if (days is null) return;
        writer.WriteFieldBegin(ThriftType.Struct, id);
        I64(writer, 1, days.Value);
        writer.WriteFieldStop();
    }
}
