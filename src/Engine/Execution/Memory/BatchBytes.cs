using QueryEngine.Engine.Columnar;

namespace QueryEngine.Engine.Execution.Memory;

/// <summary>What a batch's buffers take in memory: values, offsets, string bytes and validity bitmaps, nested children included.</summary>
public static class BatchBytes
{
    /// <summary>Fixed cost counted for every array object besides its buffers.</summary>
    private const long ArrayOverhead = 64;

    public static long Of(RecordBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        long total = 0;
        for (var c = 0; c < batch.Columns.Count; c++) total += Of(batch.Columns[c]);
        return total;
    }

    public static long Of(ArrowArray array)
    {
        ArgumentNullException.ThrowIfNull(array);
        long total = ArrayOverhead + (array.Validity?.LongLength ?? 0);
        switch (array)
        {
            case BinaryArray b:
                total += (long)(b.Length + 1) * sizeof(int) + b.Offsets[b.Length];
                break;
            case DictionaryArray d:
                // The dictionary is shared by every batch of its column chunk: only the indices count.
                total += (long)d.Length * sizeof(int);
                break;
            case BooleanArray b:
                total += b.Bits.LongLength;
                break;
            case ListArray l:
                total += (long)(l.Length + 1) * sizeof(int) + Of(l.Values);
                break;
            case MapArray m:
                total += (long)(m.Length + 1) * sizeof(int) + Of(m.Keys) + Of(m.Values);
                break;
            case StructArray s:
                foreach (var child in s.Children) total += Of(child);
                break;
            default:
                total += (long)array.Length * Math.Max(array.Type.FixedWidth, 1);
                break;
        }
        return total;
    }
}
