using System.Globalization;
using QueryEngine.Cli.Demo;
using Xunit;

namespace QueryEngine.Metastore.Tests.Cli;

public sealed class TpchSampleGeneratorTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void WritesEveryTableInDbgenFormat()
    {
        var counts = TpchSampleGenerator.Generate(_dir.Path);

        Assert.Equal(5, counts["region"]);
        Assert.Equal(25, counts["nation"]);
        Assert.Equal(TpchSampleGenerator.Suppliers, counts["supplier"]);
        Assert.Equal(TpchSampleGenerator.Customers, counts["customer"]);
        Assert.Equal(TpchSampleGenerator.Parts, counts["part"]);
        Assert.Equal(TpchSampleGenerator.Parts * 4, counts["partsupp"]);
        Assert.Equal(TpchSampleGenerator.Orders, counts["orders"]);
        Assert.InRange(counts["lineitem"], TpchSampleGenerator.Orders, TpchSampleGenerator.Orders * 7);
        foreach (var (table, columns) in TpchSampleSchema.Tables)
        {
            var lines = Rows(table);
            Assert.Equal(counts[table], lines.Count);
            foreach (var fields in lines) Assert.Equal(columns.Length, fields.Length);
        }
        var text = File.ReadAllText(Path.Combine(_dir.Path, "lineitem", "lineitem.tbl"));
        Assert.DoesNotContain('\r', text);
        Assert.EndsWith("|\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void TheSameBytesEveryTime()
    {
        using var other = new TempDirectory();
        TpchSampleGenerator.Generate(_dir.Path);
        TpchSampleGenerator.Generate(other.Path);
        TpchSampleGenerator.Generate(other.Path);
        foreach (var (table, _) in TpchSampleSchema.Tables)
        {
            Assert.Equal(
                File.ReadAllBytes(Path.Combine(_dir.Path, table, table + ".tbl")),
                File.ReadAllBytes(Path.Combine(other.Path, table, table + ".tbl")));
        }
        Assert.Empty(Directory.GetFiles(other.Path, "*.tmp", SearchOption.AllDirectories));
    }

    [Fact]
    public void KeysAndDerivedColumnsFollowTheSpecification()
    {
        TpchSampleGenerator.Generate(_dir.Path);
        var orders = Rows("orders").ToDictionary(o => long.Parse(o[0], CultureInfo.InvariantCulture));
        var lineitems = Rows("lineitem");
        var partsupp = Rows("partsupp").Select(p => (p[0], p[1])).ToList();

        var suppliedParts = partsupp.ToHashSet();
        Assert.Equal(partsupp.Count, suppliedParts.Count);
        Assert.All(orders.Values, o => Assert.NotEqual(0, int.Parse(o[1], CultureInfo.InvariantCulture) % 3));
        Assert.Contains(33L, orders.Keys);
        Assert.DoesNotContain(9L, orders.Keys);
        foreach (var l in lineitems) Assert.True(suppliedParts.Contains((l[1], l[2])), $"line item of part {l[1]} from supplier {l[2]} without partsupp row");
        foreach (var group in lineitems.GroupBy(l => long.Parse(l[0], CultureInfo.InvariantCulture)))
        {
            var order = orders[group.Key];
            var statuses = group.Select(l => l[9]).Distinct().ToList();
            var expected = statuses.Count == 2 ? "P" : statuses[0];
            Assert.Equal(expected, order[2]);
            var total = group.Sum(l => decimal.Parse(l[5], CultureInfo.InvariantCulture) * (1 + decimal.Parse(l[7], CultureInfo.InvariantCulture)) * (1 - decimal.Parse(l[6], CultureInfo.InvariantCulture)));
            Assert.Equal(Math.Round(total, 2, MidpointRounding.AwayFromZero), decimal.Parse(order[3], CultureInfo.InvariantCulture));
            foreach (var l in group)
            {
                Assert.True(string.CompareOrdinal(l[10], order[4]) > 0, "ship date after order date");
                Assert.True(string.CompareOrdinal(l[12], l[10]) > 0, "receipt date after ship date");
            }
        }
        Assert.Equal(orders.Count, lineitems.Select(l => l[0]).Distinct().Count());
    }

    /// <summary>The fields of every line (the trailing '|' ends the last field).</summary>
    private List<string[]> Rows(string table) =>
        File.ReadAllLines(Path.Combine(_dir.Path, table, table + ".tbl"))
            .Select(line =>
            {
                Assert.EndsWith("|", line, StringComparison.Ordinal);
                return line[..^1].Split('|');
            })
            .ToList();
}
