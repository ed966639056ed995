using System.Diagnostics;
using Xunit;
using QueryEngine.Engine.Common;
using QueryEngine.Engine.Tests.TestSupport;

namespace QueryEngine.Engine.Tests.Formats.Parquet;

/// <summary>
/// Mutated valid files (bit flips, overwritten runs, truncations, random footer values; fixed seed, bounded
/// count) either read or fail with a <see cref="QueryException"/>; never another exception, never a hang.
/// </summary>
public sealed class ParquetFuzzTests : IDisposable
{
    private const int Iterations = 400;
    private readonly TempDirectory _dir = new();

    [Fact]
    public void MutatedFilesFailOnlyWithQueryExceptions()
    {
        var originals = new[] { "nation", "region", "supplier" }
            .Select(t => File.ReadAllBytes(Path.Combine(SharedData.TpchRoot, "data", "sf0.01-parquet", t, t + ".parquet")))
            .ToArray();
        var random = new Random(20261207);
        var failures = new List<string>();
        var outcomes = new int[2];
        for (var i = 0; i < Iterations; i++)
        {
            var bytes = (byte[])originals[i % originals.Length].Clone();
            var mutation = Mutate(bytes, random, out var length);
            var path = _dir.Write($"fuzz{i}.parquet", bytes.AsSpan(0, length).ToArray());
            var watch = Stopwatch.StartNew();
            try
            {
                ParquetInteropTests.ReadAll(path);
                outcomes[0]++;
            }
            catch (QueryException)
            {
                outcomes[1]++;
            }
            catch (Exception ex)
            {
                failures.Add($"iteration {i} ({mutation}): {ex.GetType().Name}: {ex.Message}");
            }
            if (watch.Elapsed > TimeSpan.FromSeconds(10)) failures.Add($"iteration {i} ({mutation}) took {watch.Elapsed}");
            File.Delete(path);
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures));
        // Both outcomes occur: the mutations are neither all harmless nor all fatal.
        Assert.True(outcomes[0] > 0 && outcomes[1] > 0, $"{outcomes[0]} read, {outcomes[1]} rejected");
    }

    /// <summary>The same over DuckDB-written files with nested columns and v2 pages (list/struct/map level decoding).</summary>
    internal static void FuzzFiles(IReadOnlyList<byte[]> originals, int iterations, int seed, string folder)
    {
        var random = new Random(seed);
        var failures = new List<string>();
        for (var i = 0; i < iterations; i++)
        {
            var bytes = (byte[])originals[i % originals.Count].Clone();
            var mutation = Mutate(bytes, random, out var length);
            var path = Path.Combine(folder, $"nested-fuzz{i}.parquet");
            File.WriteAllBytes(path, bytes.AsSpan(0, length).ToArray());
            var watch = Stopwatch.StartNew();
            try
            {
                ParquetInteropTests.ReadAll(path);
            }
            catch (QueryException)
            {
            }
            catch (Exception ex)
            {
                failures.Add($"iteration {i} ({mutation}): {ex.GetType().Name}: {ex.Message}");
            }
            if (watch.Elapsed > TimeSpan.FromSeconds(10)) failures.Add($"iteration {i} ({mutation}) took {watch.Elapsed}");
            File.Delete(path);
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    private static string Mutate(byte[] bytes, Random random, out int length)
    {
        length = bytes.Length;
        var footerStart = Math.Max(0, bytes.Length - 8 - BitConverter.ToInt32(bytes, bytes.Length - 8));
        switch (random.Next(5))
        {
            case 0:
                {
                    var flips = random.Next(1, 9);
                    for (var k = 0; k < flips; k++) bytes[random.Next(bytes.Length)] ^= (byte)(1 << random.Next(8));
                    return $"{flips} bit flips";
                }
            case 1:
                {
                    var at = random.Next(footerStart, bytes.Length - 8);
                    bytes[at] = (byte)random.Next(256);
                    return $"footer byte {at}";
                }
            case 2:
                {
                    var at = random.Next(4, Math.Max(5, footerStart));
                    var n = Math.Min(random.Next(1, 64), bytes.Length - at);
                    random.NextBytes(bytes.AsSpan(at, n));
                    return $"{n} random bytes at {at}";
                }
            case 3:
                length = random.Next(bytes.Length);
                return $"truncated to {length}";
            default:
                {
                    var at = random.Next(footerStart, bytes.Length - 8);
                    var n = Math.Min(random.Next(1, 6), bytes.Length - 8 - at);
                    bytes.AsSpan(at, n).Fill(0xFF);
                    return $"{n} footer bytes 0xFF at {at}";
                }
        }
    }

    public void Dispose() => _dir.Dispose();
}
