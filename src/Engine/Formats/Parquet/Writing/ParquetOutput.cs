namespace QueryEngine.Engine.Formats.Parquet.Writing;

/// <summary>The file being written and the byte position reached.</summary>
internal sealed class ParquetOutput(Stream stream)
{
    public long Position { get; private set; }

    public void Write(ReadOnlySpan<byte> bytes)
    {
        stream.Write(bytes);
        Position += bytes.Length;
    }
}
