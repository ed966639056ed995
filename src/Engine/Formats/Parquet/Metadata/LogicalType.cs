using QueryEngine.Engine.Thrift;

namespace QueryEngine.Engine.Formats.Parquet.Metadata;

/// <summary>The <c>LogicalType</c> union of a schema element, flattened to the parameters QueryEngine uses.</summary>
internal sealed record LogicalType(LogicalTypeKind Kind)
{
    public int Scale { get; init; }

    public int Precision { get; init; }

    public TimeUnit Unit { get; init; } = TimeUnit.Micros;

    public bool IsAdjustedToUtc { get; init; }

    public int BitWidth { get; init; }

    public bool IsSigned { get; init; } = true;

    public static LogicalType Read(ref CompactReader r)
    {
        r.EnterStruct();
        var result = new LogicalType(LogicalTypeKind.None);
        short last = 0;
        while (r.NextField(ref last, out var id, out var type))
        {
            if (type != CompactType.Struct)
            {
                r.Skip(type);
                continue;
            }
            switch (id)
            {
                case 5:
                    {
                        int scale = 0, precision = 0;
                        r.EnterStruct();
                        short l = 0;
                        while (r.NextField(ref l, out var f, out var t))
                        {
                            if (f == 1 && t == CompactType.I32) scale = r.ReadI32();
                            else if (f == 2 && t == CompactType.I32) precision = r.ReadI32();
                            else r.Skip(t);
                        }
                        r.ExitStruct();
                        result = new LogicalType(LogicalTypeKind.Decimal) { Scale = scale, Precision = precision };
                        break;
                    }
                case 7:
                case 8:
                    {
                        var adjusted = false;
                        var unit = TimeUnit.Micros;
                        r.EnterStruct();
                        short l = 0;
                        while (r.NextField(ref l, out var f, out var t))
                        {
                            if (f == 1 && t is CompactType.BooleanTrue or CompactType.BooleanFalse) adjusted = r.ReadFieldBool();
                            else if (f == 2 && t == CompactType.Struct) unit = ReadUnit(ref r);
                            else r.Skip(t);
                        }
                        r.ExitStruct();
                        result = new LogicalType(id == 7 ? LogicalTypeKind.Time : LogicalTypeKind.Timestamp) { IsAdjustedToUtc = adjusted, Unit = unit };
                        break;
                    }
                case 10:
                    {
                        int width = 0;
                        var signed = true;
                        r.EnterStruct();
                        short l = 0;
                        while (r.NextField(ref l, out var f, out var t))
                        {
                            if (f == 1 && t == CompactType.Byte) width = (sbyte)r.ReadByte();
                            else if (f == 2 && t is CompactType.BooleanTrue or CompactType.BooleanFalse) signed = r.ReadFieldBool();
                            else r.Skip(t);
                        }
                        r.ExitStruct();
                        result = new LogicalType(LogicalTypeKind.Integer) { BitWidth = width, IsSigned = signed };
                        break;
                    }
                default:
                    r.Skip(type);
                    result = new LogicalType(id is >= 1 and <= 15 and not 9 ? (LogicalTypeKind)id : LogicalTypeKind.Other);
                    break;
            }
        }
        r.ExitStruct();
        return result;
    }

    private static TimeUnit ReadUnit(ref CompactReader r)
    {
        var unit = TimeUnit.Micros;
        r.EnterStruct();
        short l = 0;
        while (r.NextField(ref l, out var f, out var t))
        {
            if (f is >= 1 and <= 3) unit = (TimeUnit)f;
            r.Skip(t);
        }
        r.ExitStruct();
        return unit;
    }

    public void Write(CompactWriter w)
    {
        w.BeginStruct();
        switch (Kind)
        {
            case LogicalTypeKind.Decimal:
                w.BeginStructField(5);
                w.WriteI32Field(1, Scale);
                w.WriteI32Field(2, Precision);
                w.EndStruct();
                break;
            case LogicalTypeKind.Time:
            case LogicalTypeKind.Timestamp:
                w.BeginStructField((short)Kind);
                w.WriteBoolField(1, IsAdjustedToUtc);
                w.BeginStructField(2);
                w.BeginStructField((short)Unit);
                w.EndStruct();
                w.EndStruct();
                w.EndStruct();
                break;
            case LogicalTypeKind.Integer:
                w.BeginStructField(10);
                w.WriteFieldHeader(1, CompactType.Byte);
                w.WriteByte((byte)BitWidth);
                w.WriteBoolField(2, IsSigned);
                w.EndStruct();
                break;
            default:
                w.BeginStructField((short)Kind);
                w.EndStruct();
                break;
        }
        w.EndStruct();
    }
}
