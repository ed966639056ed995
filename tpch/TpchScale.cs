using System.Globalization;

namespace QueryEngine.Tpch;

/// <summary>
/// Row counts and key ranges for a scale factor, as dbgen derives them: SF ≥ 1 is truncated to an integer
/// multiplier; SF &lt; 1 scales each table's base row count by (int)(1000·SF)/1000 with the multiplier 1.
/// </summary>
public sealed class TpchScale
{
    private const long PartBase = 200_000;
    private const long SupplierBase = 10_000;
    private const long CustomerBase = 150_000;
    private const long OrdersBase = 1_500_000;

    public TpchScale(double scaleFactor)
    {
        if (!(scaleFactor > 0) || double.IsInfinity(scaleFactor))
        {
            throw new ArgumentOutOfRangeException(nameof(scaleFactor), scaleFactor, "scale factor must be a positive number");
        }

        ScaleFactor = scaleFactor;
        long part = PartBase, supplier = SupplierBase, customer = CustomerBase, orders = OrdersBase;
        if (scaleFactor < 1.0)
        {
            var thousandths = (int)(1000 * scaleFactor);
            if (thousandths < 1)
            {
                throw new ArgumentOutOfRangeException(nameof(scaleFactor), scaleFactor, "scale factor must be at least 0.001");
            }

            Multiplier = 1;
            part = Math.Max(1, thousandths * part / 1000);
            supplier = Math.Max(1, thousandths * supplier / 1000);
            customer = Math.Max(1, thousandths * customer / 1000);
            orders = Math.Max(1, thousandths * orders / 1000);
        }
        else
        {
            if (scaleFactor >= 30000)
            {
                throw new ArgumentOutOfRangeException(nameof(scaleFactor), scaleFactor, "scale factors of 30000 and above (dbgen's 64-bit key streams) are not supported");
            }

            Multiplier = (long)scaleFactor;
        }

        Parts = part * Multiplier;
        Suppliers = supplier * Multiplier;
        Customers = customer * Multiplier;
        Orders = orders * Multiplier;
    }

    public double ScaleFactor { get; }

    /// <summary>dbgen's integer <c>scale</c>.</summary>
    public long Multiplier { get; }

    public long Parts { get; }

    public long Suppliers { get; }

    public long Customers { get; }

    public long Orders { get; }

    /// <summary>Clerks are numbered 1..max(1000·scale, 1000).</summary>
    public long Clerks => Math.Max(Multiplier * 1000, 1000);

    /// <summary>Rows of the table's own generation loop (lineitem and partsupp follow orders and part).</summary>
    public long GeneratorRows(TpchTable table) => table switch
    {
        TpchTable.Region => 5,
        TpchTable.Nation => 25,
        TpchTable.Supplier => Suppliers,
        TpchTable.Customer => Customers,
        TpchTable.Part or TpchTable.PartSupp => Parts,
        TpchTable.Orders or TpchTable.LineItem => Orders,
        _ => throw new ArgumentOutOfRangeException(nameof(table), table, "unknown TPC-H table"),
    };

    /// <summary>The scale factor as text for directory names ("0.01", "1").</summary>
    public override string ToString() => ScaleFactor.ToString(CultureInfo.InvariantCulture);
}
