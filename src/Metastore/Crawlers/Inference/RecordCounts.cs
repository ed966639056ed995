using QueryEngine.Metastore.Crawlers.Classification;

namespace QueryEngine.Metastore.Crawlers.Inference;

/// <summary>
/// Glue's <c>recordCount</c> of a text file: the non-blank lines of its sample (less the header line), exact when the
/// sample is the whole file, else scaled to the file's size by the sample's records per byte (the cut last line not
/// counted). A compressed file sampled in part has no estimate (its uncompressed size is unknown).
/// </summary>
internal static class RecordCounts
{
    public static long? Estimate(FileSample sample, long fileSize, bool header)
    {
        var content = sample.Content.AsSpan();
        long lines = 0;
        var start = 0;
        while (start < content.Length)
        {
            var end = content[start..].IndexOf((byte)'\n');
            if (end < 0 && !sample.Complete) break;
            var line = end < 0 ? content[start..] : content.Slice(start, end);
            if (!IsBlank(line)) lines++;
            if (end < 0) break;
            start += end + 1;
        }
        if (header && lines > 0) lines--;
        if (sample.Complete) return lines;
        if (sample.Compression != FileCompression.None || content.Length == 0) return null;
        return (long)Math.Round(lines * (double)fileSize / content.Length);
    }

    private static bool IsBlank(ReadOnlySpan<byte> line)
    {
        foreach (var b in line)
        {
            if (b is not ((byte)' ' or (byte)'\t' or (byte)'\r')) return false;
        }
        return true;
    }
}
