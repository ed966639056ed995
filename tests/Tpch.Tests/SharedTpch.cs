using System.IO.Compression;

namespace QueryEngine.Tpch.Tests;

/// <summary>Finds the shared TPC-H kit (<c>shared/tpch</c>) by walking up from the test assembly directory.</summary>
internal static class SharedTpch
{
    public static string Directory { get; } = Find();

    /// <summary>The expected SHA-256 (lower-case hex) of <c>sf&lt;sf&gt;/&lt;table&gt;.tbl</c> from SHA256SUMS.</summary>
    public static string ExpectedSha256(string sf, string table)
    {
        var key = $"sf{sf}/{table}.tbl";
        foreach (var line in File.ReadLines(Path.Combine(Directory, "data", "SHA256SUMS")))
        {
            var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length == 2 && parts[1] == key)
            {
                return parts[0];
            }
        }

        throw new InvalidOperationException($"SHA256SUMS has no line for {key}");
    }

    /// <summary>The reference file's lines (from the shipped .tbl.gz), for pointing at the first difference.</summary>
    public static IEnumerable<string> ReferenceLines(string sf, string table)
    {
        var path = Path.Combine(Directory, "data", "sf" + sf, table + ".tbl.gz");
        using var file = File.OpenRead(path);
        using var gzip = new GZipStream(file, CompressionMode.Decompress);
        using var reader = new StreamReader(gzip);
        string? line;
        while ((line = reader.ReadLine()) != null)
        {
            yield return line;
        }
    }

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
        {
            foreach (var candidate in new[] { Path.Combine(dir.FullName, "shared", "tpch"), Path.Combine(dir.FullName, "..", "shared", "tpch") })
            {
                if (System.IO.Directory.Exists(Path.Combine(candidate, "data")))
                {
                    return Path.GetFullPath(candidate);
                }
            }
        }

        throw new InvalidOperationException("shared/tpch not found above " + AppContext.BaseDirectory);
    }
}
