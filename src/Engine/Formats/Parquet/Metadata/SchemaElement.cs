using QueryEngine.Engine.Thrift;

namespace QueryEngine.Engine.Formats.Parquet.Metadata;

/// <summary>One node of the flattened (depth-first) Parquet schema.</summary>
internal sealed class SchemaElement
{
    public PhysicalType? Type { get; set; }

    public int TypeLength { get; set; }

    public Repetition? RepetitionType { get; set; }

    public string Name { get; set; } = "";

    public int NumChildren { get; set; }

    public ConvertedType ConvertedType { get; set; } = ConvertedType.None;

    public int Scale { get; set; }

    public int Precision { get; set; }

    public int? FieldId { get; set; }

    public LogicalType? LogicalType { get; set; }

    public static SchemaElement Read(ref CompactReader r)
    {
        var e = new SchemaElement();
        r.EnterStruct();
        short last = 0;
        while (r.NextField(ref last, out var id, out var type))
        {
            switch (id)
            {
                case 1 when type == CompactType.I32: e.Type = (PhysicalType)r.ReadI32(); break;
                case 2 when type == CompactType.I32: e.TypeLength = r.ReadI32(); break;
                case 3 when type == CompactType.I32: e.RepetitionType = (Repetition)r.ReadI32(); break;
                case 4 when type == CompactType.Binary: e.Name = r.ReadString(); break;
                case 5 when type == CompactType.I32: e.NumChildren = r.ReadI32(); break;
                case 6 when type == CompactType.I32: e.ConvertedType = (ConvertedType)r.ReadI32(); break;
                case 7 when type == CompactType.I32: e.Scale = r.ReadI32(); break;
                case 8 when type == CompactType.I32: e.Precision = r.ReadI32(); break;
                case 9 when type == CompactType.I32: e.FieldId = r.ReadI32(); break;
                case 10 when type == CompactType.Struct: e.LogicalType = LogicalType.Read(ref r); break;
                default: r.Skip(type); break;
            }
        }
        r.ExitStruct();
        return e;
    }

    public void Write(CompactWriter w)
    {
        w.BeginStruct();
        if (Type is { } t) w.WriteI32Field(1, (int)t);
        if (TypeLength > 0) w.WriteI32Field(2, TypeLength);
        if (RepetitionType is { } rep) w.WriteI32Field(3, (int)rep);
        w.WriteStringField(4, Name);
        if (Type is null) w.WriteI32Field(5, NumChildren);
        if (ConvertedType != ConvertedType.None) w.WriteI32Field(6, (int)ConvertedType);
        if (ConvertedType == ConvertedType.Decimal)
        {
            w.WriteI32Field(7, Scale);
            w.WriteI32Field(8, Precision);
        }
        if (FieldId is { } fid) w.WriteI32Field(9, fid);
        if (LogicalType is { } lt)
        {
            w.WriteFieldHeader(10, CompactType.Struct);
            lt.Write(w);
        }
        w.EndStruct();
    }
}
