using QueryEngine.Engine.Thrift;

namespace QueryEngine.Metastore.Hms.Structs;

/// <summary>
/// Hive's <c>StorageDescriptor</c>: 1 cols, 2 location, 3 inputFormat, 4 outputFormat, 5 compressed, 6 numBuckets,
/// 7 serdeInfo, 8 bucketCols, 9 sortCols (list of <see cref="HmsOrder"/>), 10 parameters, 11 skewedInfo,
/// 12 storedAsSubDirectories. Skew information is read past (our catalog has no place for it) and written empty.
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

    public List<HmsOrder> SortColumns { get; set; } = [];

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
                case 9 when type == ThriftType.List: result.SortColumns = reader.ReadStructList(HmsOrder.Read); return true;
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
        var serde = SerdeInfo ?? new HmsSerDeInfo();
        WriteAfterColumns(writer, new Fields(Location, InputFormat, OutputFormat, Compressed, NumBuckets, serde.SerializationLib, serde.Parameters, BucketColumns, Parameters, SortColumns), serde.Name);
    }

    /// <summary>
    /// Every field after the columns (field 1, written by the caller: a listing writes the columns its partitions
    /// share once and copies the bytes), and the stop.
    /// </summary>
    public static void WriteAfterColumns(BinaryProtocolWriter writer, in Fields fields, string? serdeName = null)
    {
        writer.WriteStringField(2, fields.Location);
        writer.WriteStringField(3, fields.InputFormat);
        writer.WriteStringField(4, fields.OutputFormat);
        writer.WriteBoolField(5, fields.Compressed);
        writer.WriteI32Field(6, fields.NumBuckets);
        writer.WriteFieldBegin(ThriftType.Struct, 7);
        HmsSerDeInfo.Write(writer, serdeName, fields.SerdeLibrary, fields.SerdeParameters);
        writer.WriteFieldBegin(ThriftType.List, 8);
        writer.WriteStringList(fields.BucketColumns);
        writer.WriteFieldBegin(ThriftType.List, 9);
        HmsOrder.WriteList(writer, fields.SortColumns);
        writer.WriteFieldBegin(ThriftType.Map, 10);
        writer.WriteStringMap(fields.Parameters);
        writer.WriteBoolField(12, false);
        writer.WriteFieldStop();
    }

    /// <summary>The fields of a storage descriptor after its columns.</summary>
    public readonly record struct Fields(
        string? Location,
        string? InputFormat,
        string? OutputFormat,
        bool Compressed,
        int NumBuckets,
        string? SerdeLibrary,
        IReadOnlyDictionary<string, string> SerdeParameters,
        IReadOnlyCollection<string> BucketColumns,
        IReadOnlyDictionary<string, string> Parameters,
        IReadOnlyCollection<HmsOrder>? SortColumns = null);
}
