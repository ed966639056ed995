using System.Buffers.Binary;
using Xunit;
using QueryEngine.Engine.Common;
using QueryEngine.Engine.Formats.Parquet.Metadata;
using QueryEngine.Engine.Formats.Parquet.Reading;
using QueryEngine.Engine.Tests.TestSupport;
using QueryEngine.Engine.Thrift;

namespace QueryEngine.Engine.Tests.Formats.Parquet;

/// <summary>
/// Damaged Parquet files give a <see cref="CorruptDataException"/> (or, for a codec we know but do not read,
/// <see cref="NotSupportedQueryException"/>) naming the file, and the row group and column where the damage is in
/// a column chunk; never another exception or a hang.
/// </summary>
public sealed class ParquetBadInputTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    internal static byte[] Nation() => File.ReadAllBytes(Path.Combine(SharedData.TpchRoot, "data", "sf0.01-parquet", "nation", "nation.parquet"));

    [Fact]
    public void TheUndamagedFileReads() => Assert.Equal(25, ParquetInteropTests.ReadAll(_dir.Write("ok.parquet", Nation())).Count);

    [Fact]
    public void TruncatedFile()
    {
        var bytes = Nation();
        foreach (var length in new[] { 0, 3, 11, bytes.Length / 2, bytes.Length - 1 })
        {
            var path = _dir.Write($"truncated{length}.parquet", bytes[..length]);
            var ex = Assert.Throws<CorruptDataException>(() => ParquetInteropTests.ReadAll(path));
            Assert.Contains(path, ex.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void WrongMagicNumber()
    {
        var bytes = Nation();
        "PAR0"u8.CopyTo(bytes);
        var path = _dir.Write("magic.parquet", bytes);
        var ex = Assert.Throws<CorruptDataException>(() => ParquetInteropTests.ReadAll(path));
        Assert.Contains("magic number", ex.Message, StringComparison.Ordinal);
        Assert.Equal(0, ex.Offset);

        var tail = Nation();
        "PAR0"u8.CopyTo(tail.AsSpan(tail.Length - 4));
        var tailPath = _dir.Write("magic-tail.parquet", tail);
        Assert.Contains("magic number", Assert.Throws<CorruptDataException>(() => ParquetInteropTests.ReadAll(tailPath)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FooterLengthPastTheEnd()
    {
        foreach (var length in new[] { int.MaxValue, -1, 0, Nation().Length })
        {
            var bytes = Nation();
            BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(bytes.Length - 8), length);
            var path = _dir.Write($"footer{length}.parquet", bytes);
            var ex = Assert.Throws<CorruptDataException>(() => ParquetInteropTests.ReadAll(path));
            Assert.Contains("footer length", ex.Message, StringComparison.Ordinal);
            Assert.Contains(path, ex.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void GarbageFooter()
    {
        var bytes = Nation();
        var footerLength = BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(bytes.Length - 8));
        bytes.AsSpan(bytes.Length - 8 - footerLength, footerLength).Fill(0xEE);
        var path = _dir.Write("footer-garbage.parquet", bytes);
        Assert.Contains(path, Assert.Throws<CorruptDataException>(() => ParquetInteropTests.ReadAll(path)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CorruptPageHeaderNamesRowGroupAndColumn()
    {
        var bytes = Nation();
        var (meta, _) = Footer(bytes);
        var chunk = meta.RowGroups[0].Columns[1].MetaData!;
        var start = ParquetFooter.ChunkRange(chunk).Start;
        bytes.AsSpan((int)start, 6).Fill(0xFF);
        var path = _dir.Write("page.parquet", bytes);
        var ex = Assert.Throws<CorruptDataException>(() => ParquetInteropTests.ReadAll(path));
        Assert.Contains(path, ex.Message, StringComparison.Ordinal);
        Assert.Contains("row group 0", ex.Message, StringComparison.Ordinal);
        Assert.Contains("n_name", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CorruptPageDataNamesRowGroupAndColumn()
    {
        var bytes = Nation();
        var (meta, _) = Footer(bytes);
        var chunk = meta.RowGroups[0].Columns[3].MetaData!;
        var (start, length) = ParquetFooter.ChunkRange(chunk);
        // Past the first page header: the snappy stream of the page (dictionary or data) becomes nonsense.
        bytes.AsSpan((int)start + 24, (int)length - 24).Fill(0xFD);
        var path = _dir.Write("page-data.parquet", bytes);
        var ex = Assert.Throws<CorruptDataException>(() => ParquetInteropTests.ReadAll(path));
        Assert.Contains("row group 0, column n_comment", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void UnknownCodec()
    {
        var path = _dir.Write("codec.parquet", WithFooter(Nation(), m => m.RowGroups[0].Columns[2].MetaData!.Codec = (CompressionCodec)42));
        var ex = Assert.Throws<CorruptDataException>(() => ParquetInteropTests.ReadAll(path));
        Assert.Contains("codec #42", ex.Message, StringComparison.Ordinal);
        Assert.Contains("row group 0, column n_regionkey", ex.Message, StringComparison.Ordinal);

        var brotli = _dir.Write("brotli.parquet", WithFooter(Nation(), m => m.RowGroups[0].Columns[2].MetaData!.Codec = CompressionCodec.Brotli));
        Assert.Contains("BROTLI", Assert.Throws<NotSupportedQueryException>(() => ParquetInteropTests.ReadAll(brotli)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ChunkOutsideTheFile()
    {
        var path = _dir.Write("range.parquet", WithFooter(Nation(), m => m.RowGroups[0].Columns[0].MetaData!.TotalCompressedSize = 1 << 30));
        var ex = Assert.Throws<CorruptDataException>(() => ParquetInteropTests.ReadAll(path));
        Assert.Contains("n_nationkey", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ValueCountDisagreesWithRows()
    {
        var path = _dir.Write("count.parquet", WithFooter(Nation(), m => m.RowGroups[0].NumRows = 26));
        var ex = Assert.Throws<CorruptDataException>(() => ParquetInteropTests.ReadAll(path));
        Assert.Contains("row group 0", ex.Message, StringComparison.Ordinal);
    }

    internal static (FileMetaData Meta, int FooterLength) Footer(byte[] bytes)
    {
        var footerLength = BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(bytes.Length - 8));
        var reader = new CompactReader(bytes.AsSpan(bytes.Length - 8 - footerLength, footerLength), "test", 0);
        return (FileMetaData.Read(ref reader), footerLength);
    }

    /// <summary>The file with its footer decoded, changed and encoded again.</summary>
    internal static byte[] WithFooter(byte[] bytes, Action<FileMetaData> change)
    {
        var (meta, footerLength) = Footer(bytes);
        change(meta);
        var writer = new CompactWriter();
        meta.Write(writer);
        var data = bytes.AsSpan(0, bytes.Length - 8 - footerLength);
        var result = new byte[data.Length + writer.Length + 8];
        data.CopyTo(result);
        writer.WrittenSpan.CopyTo(result.AsSpan(data.Length));
        BinaryPrimitives.WriteInt32LittleEndian(result.AsSpan(data.Length + writer.Length), writer.Length);
        "PAR1"u8.CopyTo(result.AsSpan(result.Length - 4));
        return result;
    }

    public void Dispose() => _dir.Dispose();
}
