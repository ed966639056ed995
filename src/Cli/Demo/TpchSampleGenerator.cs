using System.Globalization;
using System.Text;

namespace QueryEngine.Cli.Demo;

/// <summary>
/// Writes a small TPC-H-shaped data set (scale factor 0.001: 10 suppliers, 150 customers, 200 parts,
/// 1,500 orders and their line items) in dbgen's text format: '|' after every field, '\n' line ends,
/// decimals with two digits, dates as yyyy-MM-dd. Keys, references and derived columns follow the
/// specification (clause 4.2.3: sparse order keys, customers whose key is a multiple of 3 have no orders,
/// four distinct suppliers per part, order status and total price derived from the line items, return flag and
/// line status from the 1995-06-17 current date), so the TPC-H queries return meaningful results. The text
/// columns are drawn from the spec's word lists, not dbgen's exact grammar. Fixed seeds make every run
/// write the same bytes. Not a replacement for dbgen: see shared/tpch for the official data.
/// </summary>
internal static class TpchSampleGenerator
{
    public const int Suppliers = 10;
    public const int Customers = 150;
    public const int Parts = 200;
    public const int Orders = 1500;

    private static readonly DateOnly StartDate = new(1992, 1, 1);
    private static readonly DateOnly CurrentDate = new(1995, 6, 17);
    private static readonly DateOnly LastOrderDate = new DateOnly(1998, 12, 31).AddDays(-151);

    /// <summary>Writes <c>&lt;root&gt;/&lt;table&gt;/&lt;table&gt;.tbl</c> for the 8 tables; returns the row count of each.</summary>
    public static IReadOnlyDictionary<string, int> Generate(string root)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        counts["region"] = Write(root, "region", Region);
        counts["nation"] = Write(root, "nation", Nation);
        counts["supplier"] = Write(root, "supplier", Supplier);
        counts["customer"] = Write(root, "customer", Customer);
        counts["part"] = Write(root, "part", Part);
        counts["partsupp"] = Write(root, "partsupp", PartSupp);
        var lineItems = new StringBuilder();
        var lineItemCount = 0;
        counts["orders"] = Write(root, "orders", (output, line) => OrdersAndLineItems(output, lineItems, line, out lineItemCount));
        counts["lineitem"] = Write(root, "lineitem", (output, _) =>
        {
            output.Write(lineItems);
            return lineItemCount;
        });
        return counts;
    }

    /// <summary>The location <see cref="Generate"/> writes a table to.</summary>
    public static string TableFolder(string root, string table) => Path.Combine(root, table);

    private static int Write(string root, string table, Func<TextWriter, StringBuilder, int> rows)
    {
        var folder = TableFolder(root, table);
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, table + ".tbl");
        var temporary = path + ".tmp";
        int count;
        using (var output = new StreamWriter(temporary, append: false, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false)))
        {
            output.NewLine = "\n";
            count = rows(output, new StringBuilder());
        }
        File.Move(temporary, path, overwrite: true);
        return count;
    }

    private static int Region(TextWriter output, StringBuilder line)
    {
        var random = new SampleRandom(1);
        for (var key = 0; key < TpchSampleText.Regions.Length; key++)
        {
            Row(output, line, Int(key), TpchSampleText.Regions[key], TpchSampleText.Comment(ref random, 152));
        }
        return TpchSampleText.Regions.Length;
    }

    private static int Nation(TextWriter output, StringBuilder line)
    {
        var random = new SampleRandom(2);
        for (var key = 0; key < TpchSampleText.Nations.Length; key++)
        {
            var (name, region) = TpchSampleText.Nations[key];
            Row(output, line, Int(key), name, Int(region), TpchSampleText.Comment(ref random, 152));
        }
        return TpchSampleText.Nations.Length;
    }

    private static int Supplier(TextWriter output, StringBuilder line)
    {
        var random = new SampleRandom(3);
        for (var key = 1; key <= Suppliers; key++)
        {
            var nation = random.Next(0, 24);
            Row(output, line, Int(key), $"Supplier#{key:D9}", TpchSampleText.Address(ref random), Int(nation),
                Phone(ref random, nation), Money(random.Next(-99_999, 999_999)), TpchSampleText.Comment(ref random, 101));
        }
        return Suppliers;
    }

    private static int Customer(TextWriter output, StringBuilder line)
    {
        var random = new SampleRandom(4);
        for (var key = 1; key <= Customers; key++)
        {
            var nation = random.Next(0, 24);
            Row(output, line, Int(key), $"Customer#{key:D9}", TpchSampleText.Address(ref random), Int(nation),
                Phone(ref random, nation), Money(random.Next(-99_999, 999_999)), random.Pick(TpchSampleText.Segments),
                TpchSampleText.Comment(ref random, 117));
        }
        return Customers;
    }

    private static int Part(TextWriter output, StringBuilder line)
    {
        var random = new SampleRandom(5);
        for (var key = 1; key <= Parts; key++)
        {
            var colors = new List<string>(5);
            while (colors.Count < 5)
            {
                var color = random.Pick(TpchSampleText.Colors);
                if (!colors.Contains(color)) colors.Add(color);
            }
            var manufacturer = random.Next(1, 5);
            Row(output, line, Int(key), string.Join(' ', colors), $"Manufacturer#{manufacturer}",
                $"Brand#{manufacturer}{random.Next(1, 5)}",
                $"{random.Pick(TpchSampleText.TypeSize)} {random.Pick(TpchSampleText.TypeFinish)} {random.Pick(TpchSampleText.TypeMetal)}",
                Int(random.Next(1, 50)), $"{random.Pick(TpchSampleText.ContainerSize)} {random.Pick(TpchSampleText.ContainerKind)}",
                Money(RetailPriceCents(key)), TpchSampleText.Comment(ref random, 23));
        }
        return Parts;
    }

    private static int PartSupp(TextWriter output, StringBuilder line)
    {
        var random = new SampleRandom(6);
        for (var part = 1; part <= Parts; part++)
        {
            for (var i = 0; i < 4; i++)
            {
                Row(output, line, Int(part), Int(SupplierOf(part, i)), Int(random.Next(1, 9999)), Money(random.Next(100, 100_000)),
                    TpchSampleText.Comment(ref random, 199));
            }
        }
        return Parts * 4;
    }

    private static int OrdersAndLineItems(TextWriter output, StringBuilder lineItems, StringBuilder line, out int lineItemCount)
    {
        var random = new SampleRandom(7);
        var span = LastOrderDate.DayNumber - StartDate.DayNumber;
        using var items = new StringWriter(lineItems, CultureInfo.InvariantCulture) { NewLine = "\n" };
        lineItemCount = 0;
        for (var i = 0; i < Orders; i++)
        {
            var orderKey = i / 8 * 32 + i % 8 + 1;
            int customer;
            do customer = random.Next(1, Customers);
            while (customer % 3 == 0);
            var orderDate = StartDate.AddDays(random.Next(0, span));
            var lines = random.Next(1, 7);
            lineItemCount += lines;
            decimal total = 0;
            var shipped = 0;
            for (var number = 1; number <= lines; number++)
            {
                var part = random.Next(1, Parts);
                var supplier = SupplierOf(part, random.Next(0, 3));
                var quantity = random.Next(1, 50);
                var price = quantity * RetailPriceCents(part);
                var discount = random.Next(0, 10);
                var tax = random.Next(0, 8);
                var shipDate = orderDate.AddDays(random.Next(1, 121));
                var commitDate = orderDate.AddDays(random.Next(30, 90));
                var receiptDate = shipDate.AddDays(random.Next(1, 30));
                var returnFlag = receiptDate <= CurrentDate ? (random.Next(0, 1) == 0 ? "R" : "A") : "N";
                var lineStatus = shipDate > CurrentDate ? "O" : "F";
                if (lineStatus == "F") shipped++;
                total += price / 100m * (1 + tax / 100m) * (1 - discount / 100m);
                Row(items, line, Int(orderKey), Int(part), Int(supplier), Int(number), Money(quantity * 100L), Money(price),
                    Money(discount), Money(tax), returnFlag, lineStatus, Date(shipDate), Date(commitDate), Date(receiptDate),
                    random.Pick(TpchSampleText.Instructions), random.Pick(TpchSampleText.ShipModes), TpchSampleText.Comment(ref random, 44));
            }
            var status = shipped == lines ? "F" : shipped == 0 ? "O" : "P";
            var totalCents = (long)Math.Round(total * 100m, MidpointRounding.AwayFromZero);
            Row(output, line, Int(orderKey), Int(customer), status, Money(totalCents), Date(orderDate), random.Pick(TpchSampleText.Priorities),
                $"Clerk#{random.Next(1, 10):D9}", "0", TpchSampleText.Comment(ref random, 79));
        }
        return Orders;
    }

    /// <summary>Clause 4.2.3: P_RETAILPRICE = (90000 + ((P_PARTKEY/10) modulo 20001) + 100 * (P_PARTKEY modulo 1000)) / 100.</summary>
    private static long RetailPriceCents(int part) => 90_000 + part / 10 % 20_001 + 100 * (part % 1000);

    /// <summary>
    /// The i-th (0..3) supplier of a part: clause 4.2.3's PS_SUPPKEY formula without its (PS_PARTKEY-1)/S term,
    /// which at this tiny scale would give a part the same supplier twice.
    /// </summary>
    private static int SupplierOf(int part, int i) => (part + i * (Suppliers / 4)) % Suppliers + 1;

    private static string Phone(ref SampleRandom random, int nation) =>
        $"{nation + 10}-{random.Next(100, 999)}-{random.Next(100, 999)}-{random.Next(1000, 9999)}";

    private static string Int(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Money(long cents) => (cents / 100m).ToString("0.00", CultureInfo.InvariantCulture);

    private static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>One dbgen line: every field followed by '|'.</summary>
    private static void Row(TextWriter output, StringBuilder line, params ReadOnlySpan<string> fields)
    {
        line.Clear();
        foreach (var field in fields) line.Append(field).Append('|');
        output.WriteLine(line);
    }
}
