using QueryEngine.Engine.Common;
using QueryEngine.Engine.Formats.Csv;
using QueryEngine.Engine.Storage;

namespace QueryEngine.Engine.Formats;

/// <summary>Row count estimates for line-oriented text tables (delimited text, JSON lines).</summary>
internal static class TextRowEstimate
{
    /// <summary>
    /// Total (uncompressed) bytes divided by the average line length of a sample of the first non-empty file; null when
    /// the sample cannot be read.
    /// </summary>
    public static long? Estimate(IObjectStore store, IReadOnlyList<DataFile> files, TextCompression compression, int sampleSize)
    {
        try
        {
            DataFile? sample = null;
            foreach (var f in files)
            {
                if (f.Object.Size > 0)
                {
                    sample = f;
                    break;
                }
            }
            if (sample is null) return 0;
            var codec = TextInput.Detect(store, sample.Object, compression);
            using var input = TextInput.Open(store, sample.Object, 0, codec, null);
            var buffer = new byte[Math.Max(1024, sampleSize)];
            var read = 0;
            while (read < buffer.Length)
            {
                var n = input.Read(buffer.AsSpan(read));
                if (n == 0) break;
                read += n;
            }
            if (read == 0) return 0;
            var lines = buffer.AsSpan(0, read).Count((byte)'\n');
            var averageLine = lines == 0 ? read : (double)read / lines;
            var ratio = codec == TextCodec.None || input.StoredBytesRead == 0 ? 1.0 : (double)read / input.StoredBytesRead;
            double total = 0;
            foreach (var f in files)
            {
                total += f.Object.Size * (codec == TextCodec.None ? 1.0 : ratio);
            }
            return Math.Max(0, (long)Math.Round(total / averageLine));
        }
        catch (QueryException)
        {
            return null;
        }
    }
}
