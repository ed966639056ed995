namespace QueryEngine.Tpch;

/// <summary>The eight TPC-H tables, in the order dbgen's <c>-T</c> letters document them.</summary>
public enum TpchTable
{
    Region,
    Nation,
    Supplier,
    Customer,
    Part,
    PartSupp,
    Orders,
    LineItem,
}

/// <summary>Names of the TPC-H tables as they appear in file names and SQL.</summary>
public static class TpchTables
{
    /// <summary>All eight tables.</summary>
    public static IReadOnlyList<TpchTable> All { get; } =
    [
        TpchTable.Region, TpchTable.Nation, TpchTable.Supplier, TpchTable.Customer,
        TpchTable.Part, TpchTable.PartSupp, TpchTable.Orders, TpchTable.LineItem,
    ];

    /// <summary>The lower-case table name dbgen uses for the file (<c>lineitem</c> for <c>lineitem.tbl</c>).</summary>
    public static string Name(TpchTable table) => table switch
    {
        TpchTable.Region => "region",
        TpchTable.Nation => "nation",
        TpchTable.Supplier => "supplier",
        TpchTable.Customer => "customer",
        TpchTable.Part => "part",
        TpchTable.PartSupp => "partsupp",
        TpchTable.Orders => "orders",
        TpchTable.LineItem => "lineitem",
        _ => throw new ArgumentOutOfRangeException(nameof(table), table, "unknown TPC-H table"),
    };

    /// <summary>Parses a table name (case-insensitive); returns false for anything else.</summary>
    public static bool TryParse(string name, out TpchTable table)
    {
        foreach (var t in All)
        {
            if (string.Equals(Name(t), name.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                table = t;
                return true;
            }
        }

        table = default;
        return false;
    }
}
