using QueryEngine.Engine.Columnar;
using QueryEngine.Engine.Formats.Parquet.Metadata;
using QueryEngine.Engine.Formats.Parquet.Writing;

namespace QueryEngine.Engine.Writing;

/// <summary>A Parquet data file through the engine's <see cref="ParquetWriter"/>, with the chosen page compression.</summary>
internal sealed class ParquetFileWriter : IFileFormatWriter
{
    /// <summary>Rows per row group: small enough to bound the memory of each open file.</summary>
    private const int RowGroupRows = 256 * 1024;

    private readonly CountingWriteStream _output;
    private readonly ParquetWriter _writer;

    public ParquetFileWriter(Stream output, Schema schema, OutputCompression compression)
    {
        _output = new CountingWriteStream(output);
        var options = new ParquetWriterOptions { Codec = Codec(compression), RowGroupRows = RowGroupRows };
        _writer = new ParquetWriter(_output, schema, options);
    }

    public long BytesWritten => _output.BytesWritten;

    public void Write(RecordBatch batch) => _writer.Write(batch);

    public void Finish() => _writer.Finish();

    public void Dispose() => _output.Dispose();

    private static CompressionCodec Codec(OutputCompression compression) => compression switch
    {
        OutputCompression.Snappy => CompressionCodec.Snappy,
        OutputCompression.Gzip => CompressionCodec.Gzip,
        OutputCompression.Zstd => CompressionCodec.Zstd,
        OutputCompression.Lz4 => CompressionCodec.Lz4Raw,
        _ => CompressionCodec.Uncompressed,
    };
}
