namespace QueryEngine.Tpch;

/// <summary>The 22 TPC-H queries with the specification's validation parameters (embedded from <c>tpch/queries</c>).</summary>
public static class TpchQueries
{
    public const int Count = 22;

    /// <summary>The short name of query <paramref name="number"/>: <c>q01</c> .. <c>q22</c>.</summary>
    public static string Name(int number)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(number, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(number, Count);
        return "q" + number.ToString("00", System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>The SQL text of query <paramref name="number"/> (1..22).</summary>
    public static string Sql(int number)
    {
        var resource = "QueryEngine.Tpch.queries." + Name(number) + ".sql";
        using var stream = typeof(TpchQueries).Assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"embedded resource {resource} is missing");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
