using System.Diagnostics;
using Xunit;

namespace QueryEngine.Engine.Tests.Compression;

/// <summary>Compresses with the reference <c>bzip2</c> command-line tool (which test.sh installs).</summary>
internal static class ReferenceBzip2
{
    /// <summary><paramref name="data"/> compressed at block size level <paramref name="level"/> (1 = 100 kB blocks, 9 = 900 kB).</summary>
    public static byte[] Compress(byte[] data, int level = 9)
    {
        var start = new ProcessStartInfo("bzip2", $"-c -z -{level}")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        using var process = Process.Start(start)!;
        var output = new MemoryStream();
        var copy = process.StandardOutput.BaseStream.CopyToAsync(output);
        process.StandardInput.BaseStream.Write(data);
        process.StandardInput.Close();
        copy.Wait();
        process.WaitForExit();
        Assert.Equal(0, process.ExitCode);
        return output.ToArray();
    }
}
