using QueryEngine.Engine.Thrift;

namespace QueryEngine.Engine.Formats.Parquet.Metadata;

/// <summary>Column chunk / page statistics. Min/max are PLAIN-encoded (byte arrays without the length prefix).</summary>
internal sealed class Statistics
{
    /// <summary>Deprecated signed-order max (field 1).</summary>
    public byte[]? Max { get; set; }

    /// <summary>Deprecated signed-order min (field 2).</summary>
    public byte[]? Min { get; set; }

    public long? NullCount { get; set; }

    public long? DistinctCount { get; set; }

    public byte[]? MaxValue { get; set; }

    public byte[]? MinValue { get; set; }

    public static Statistics Read(ref CompactReader r)
    {
        var s = new Statistics();
        r.EnterStruct();
        short last = 0;
        while (r.NextField(ref last, out var id, out var type))
        {
            switch (id)
            {
                case 1 when type == CompactType.Binary: s.Max = r.ReadBinary().ToArray(); break;
                case 2 when type == CompactType.Binary: s.Min = r.ReadBinary().ToArray(); break;
                case 3 when type == CompactType.I64: s.NullCount = r.ReadI64(); break;
                case 4 when type == CompactType.I64: s.DistinctCount = r.ReadI64(); break;
                case 5 when type == CompactType.Binary: s.MaxValue = r.ReadBinary().ToArray(); break;
                case 6 when type == CompactType.Binary: s.MinValue = r.ReadBinary().ToArray(); break;
                default: r.Skip(type); break;
            }
        }
        r.ExitStruct();
        return s;
    }

    public void Write(CompactWriter w)
    {
        w.BeginStruct();
        if (NullCount is { } n) w.WriteI64Field(3, n);
        if (DistinctCount is { } d) w.WriteI64Field(4, d);
        if (MaxValue is { } max) w.WriteBinaryField(5, max);
        if (MinValue is { } min) w.WriteBinaryField(6, min);
        w.EndStruct();
    }
}
