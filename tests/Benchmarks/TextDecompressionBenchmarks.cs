using System.Diagnostics;
using System.IO.Compression;
using System.Text;
using BenchmarkDotNet.Attributes;
using QueryEngine.Engine.Compression;

namespace QueryEngine.Benchmarks;

/// <summary>
/// Decompressing 16 MB of delimited text (TPC-H-like lines) compressed by the reference <c>bzip2</c> tool (900 kB
/// blocks) with our own decoder, against .NET's zlib inflater and the system libzstd on the same text, the codecs a
/// crawled lake is most often compressed with.
/// </summary>
[MemoryDiagnoser]
public class TextDecompressionBenchmarks
{
    private byte[] _bzip2 = [];
    private byte[] _gzip = [];
    private byte[] _zstd = [];
    private readonly byte[] _buffer = new byte[1 << 16];

    [GlobalSetup]
    public void Setup()
    {
        var text = Text(16 << 20);
        _bzip2 = Tool("bzip2", "-c -z -9", text);
        _zstd = Tool("zstd", "-q -c -3", text);
        var gzip = new MemoryStream();
        using (var compressor = new GZipStream(gzip, CompressionLevel.Optimal, leaveOpen: true)) compressor.Write(text);
        _gzip = gzip.ToArray();
    }

    [Benchmark(Baseline = true)]
    public long Gzip() => Drain(new GZipStream(new MemoryStream(_gzip), CompressionMode.Decompress));

    [Benchmark]
    public long Zstd() => Drain(new ZstdDecompressionStream(new MemoryStream(_zstd)));

    [Benchmark]
    public long Bzip2() => Drain(new Bzip2DecompressionStream(new MemoryStream(_bzip2)));

    private long Drain(Stream stream)
    {
        using (stream)
        {
            long total = 0;
            int n;
            while ((n = stream.Read(_buffer)) > 0) total += n;
            return total;
        }
    }

    private static byte[] Text(int bytes)
    {
        var random = new Random(1);
        var text = new StringBuilder(bytes + 200);
        string[] modes = ["AIR", "RAIL", "SHIP", "TRUCK", "MAIL", "FOB", "REG AIR"];
        for (var i = 1; text.Length < bytes; i++)
        {
            text.Append(i).Append('|').Append(random.Next(200_000)).Append('|').Append(random.Next(10_000)).Append('|')
                .Append(random.Next(1, 51)).Append('|').Append(random.Next(90_000, 10_500_000) / 100.0).Append('|')
                .Append(modes[random.Next(modes.Length)]).Append("|carefully final deposits ").Append(random.Next(1000)).Append('\n');
        }
        return Encoding.ASCII.GetBytes(text.ToString());
    }

    private static byte[] Tool(string tool, string arguments, byte[] input)
    {
        var start = new ProcessStartInfo(tool, arguments) { RedirectStandardInput = true, RedirectStandardOutput = true, UseShellExecute = false };
        using var process = Process.Start(start)!;
        var output = new MemoryStream();
        var copy = process.StandardOutput.BaseStream.CopyToAsync(output);
        process.StandardInput.BaseStream.Write(input);
        process.StandardInput.Close();
        copy.Wait();
        process.WaitForExit();
        if (process.ExitCode != 0) throw new InvalidOperationException($"{tool} {arguments} exited with {process.ExitCode}");
        return output.ToArray();
    }
}
