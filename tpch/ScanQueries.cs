namespace QueryEngine.Tpch;

/// <summary>
/// The scan benchmark over TPC-H <c>lineitem</c> (issue #3, embedded from <c>tpch/scan-queries</c>): (a) <c>count(*)</c>,
/// (b) a filtered sum over three columns, (c) every column decoded.
/// </summary>
public static class ScanQueries
{
    /// <summary>The query names in the order they run.</summary>
    public static IReadOnlyList<string> Names { get; } = ["scan_a", "scan_b", "scan_c"];

    /// <summary>The SQL text of scan query <paramref name="name"/> (one of <see cref="Names"/>).</summary>
    public static string Sql(string name)
    {
        if (!Names.Contains(name)) throw new ArgumentOutOfRangeException(nameof(name), name, "not a scan query");
        var resource = "QueryEngine.Tpch.scan-queries." + name + ".sql";
        using var stream = typeof(ScanQueries).Assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"embedded resource {resource} is missing");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
