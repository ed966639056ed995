using QueryEngine.Engine.Thrift;

namespace QueryEngine.Metastore.Hms.Structs;

/// <summary>
/// Hive's <c>StorageDescriptor</c>: 1 cols, 2 location, 3 inputFormat, 4 outputFormat, 5 compressed, 6 numBuckets,
/// 7 serdeInfo, 8 bucketCols, 9 sortCols, 10 parameters, 11 skewedInfo, 12 storedAsSubDirectories. Sort columns
/// and skew information are read past (our catalog has no place for them) and written empty.
/// </summary>
internal sealed class HmsStorageDescriptor
{
    public List<HmsFieldSchema> Columns { get; set; } = [];

    public string? Location { get; set; }

    public string? InputFormat { get; set; }

    public string? OutputFormat { get; set; }

    public bool Compressed { get; set; }

    public int NumBuckets { get; set; } = -1;

    public HmsSerDeInfo? SerdeInfo { get; set; }

    public List<string> BucketColumns { get; set; } = [];

    public Dictionary<string, string> Parameters { get; set; } = new(StringComparer.Ordinal);

    public static HmsStorageDescriptor Read(BinaryProtocolReader reader)
    {
        var result = new HmsStorageDescriptor();
        reader.ReadStruct((id, type) =>
        {
            switch (id)
            {
                case 1 when type == ThriftType.List: result.Columns = reader.ReadStructList(HmsFieldSchema.Read); return true;
                case 2 when type == ThriftType.String: result.Location = reader.ReadString(); return true;
                case 3 when type == ThriftType.String: result.InputFormat = reader.ReadString(); return true;
                case 4 when type == ThriftType.String: result.OutputFormat = reader.ReadString(); return true;
                case 5 when type == ThriftType.Bool: result.Compressed = reader.ReadBool(); return true;
                case 6 when type == ThriftType.I32: result.NumBuckets = reader.ReadI32(); return true;
                case 7 when type == ThriftType.Struct: result.SerdeInfo = HmsSerDeInfo.Read(reader); return true;
                case 8 when type == ThriftType.List: result.BucketColumns = reader.ReadStringList(); return true;
                case 10 when type == ThriftType.Map: result.Parameters = reader.ReadStringMap(); return true;
                default: return false;
            }
        });
        return result;
    }

    public void Write(BinaryProtocolWriter writer)
    {
        writer.WriteFieldBegin(ThriftType.List, 1);
        HmsFieldSchema.WriteList(writer, Columns);
        writer.WriteStringField(2, Location);
        writer.WriteStringField(3, InputFormat);
        writer.WriteStringField(4, OutputFormat);
        writer.WriteBoolField(5, Compressed);
        writer.WriteI32Field(6, NumBuckets);
        writer.WriteFieldBegin(ThriftType.Struct, 7);
        (SerdeInfo ?? new HmsSerDeInfo()).Write(writer);
        writer.WriteFieldBegin(ThriftType.List, 8);
        writer.WriteStringList(BucketColumns);
        writer.WriteFieldBegin(ThriftType.List, 9);
        writer.WriteListBegin(ThriftType.Struct, 0);
        writer.WriteFieldBegin(ThriftType.Map, 10);
        writer.WriteStringMap(Parameters);
        writer.WriteBoolField(12, false);
        writer.WriteFieldStop();
    }
}
