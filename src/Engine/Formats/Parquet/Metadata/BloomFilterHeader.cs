using QueryEngine.Engine.Thrift;

namespace QueryEngine.Engine.Formats.Parquet.Metadata;

/// <summary>
/// The header before a column chunk's bloom filter bitset (parquet.thrift <c>BloomFilterHeader</c>). Each of
/// algorithm, hash and compression is a union; only the split-block algorithm, XXH64 and no compression are defined.
/// </summary>
internal sealed record BloomFilterHeader(int NumBytes, bool SplitBlock, bool XxHash, bool Uncompressed)
{
    /// <summary>True when the filter uses the only defined algorithm, hash and compression.</summary>
    public bool IsSupported => SplitBlock && XxHash && Uncompressed;

    public static BloomFilterHeader Read(ref CompactReader r)
    {
        var numBytes = -1;
        bool block = false, xxhash = false, uncompressed = false;
        r.EnterStruct();
        short last = 0;
        while (r.NextField(ref last, out var id, out var type))
        {
            switch (id)
            {
                case 1 when type == CompactType.I32: numBytes = r.ReadI32(); break;
                case 2 when type == CompactType.Struct: block = ReadUnion(ref r); break;
                case 3 when type == CompactType.Struct: xxhash = ReadUnion(ref r); break;
                case 4 when type == CompactType.Struct: uncompressed = ReadUnion(ref r); break;
                default: r.Skip(type); break;
            }
        }
        r.ExitStruct();
        if (numBytes < 0) throw r.Error("bloom filter header has no numBytes");
        return new BloomFilterHeader(numBytes, block, xxhash, uncompressed);
    }

    public void Write(CompactWriter w)
    {
        w.BeginStruct();
        w.WriteI32Field(1, NumBytes);
        foreach (short id in (short[])[2, 3, 4])
        {
            // Each union holds its first (and only) member: an empty struct with field id 1.
            w.WriteFieldHeader(id, CompactType.Struct);
            w.BeginStruct();
            w.WriteFieldHeader(1, CompactType.Struct);
            w.BeginStruct();
            w.EndStruct();
            w.EndStruct();
        }
        w.EndStruct();
    }

    /// <summary>Reads a union whose member 1 (an empty struct) is the one we understand; true when it is set.</summary>
    private static bool ReadUnion(ref CompactReader r)
    {
        var known = false;
        r.EnterStruct();
        short last = 0;
        while (r.NextField(ref last, out var id, out var type))
        {
            if (id == 1 && type == CompactType.Struct) known = true;
            r.Skip(type);
        }
        r.ExitStruct();
        return known;
    }
}
