using System.Globalization;
using System.Text;

namespace QueryEngine.Engine.Catalog;

/// <summary>
/// Optional on a table source: what its last <see cref="ITableSource.PlanScan"/> left out before reading
/// (row groups and pages for Parquet), so EXPLAIN ANALYZE can report it without knowing the format.
/// </summary>
public interface IScanStatistics
{
    /// <summary>Counts from the most recent <see cref="ITableSource.PlanScan"/> on this source.</summary>
    ScanPruning LastPruning { get; }
}

/// <summary>What one scan plan skipped.</summary>
/// <param name="RowGroupsRead">Row groups planned for reading.</param>
/// <param name="StatisticsSkipped">Row groups left out by min/max statistics.</param>
/// <param name="BloomSkipped">Row groups left out because a bloom filter showed an equality value absent.</param>
/// <param name="PageIndexSkipped">Row groups left out because the page index showed no page may match.</param>
/// <param name="PagesSkipped">Data pages left unread inside the row groups read, by the page index.</param>
public sealed record ScanPruning(int RowGroupsRead, int StatisticsSkipped, int BloomSkipped, int PageIndexSkipped, int PagesSkipped)
{
    public int RowGroupsSkipped => StatisticsSkipped + BloomSkipped + PageIndexSkipped;

    public bool SkippedAnything => RowGroupsSkipped > 0 || PagesSkipped > 0;

    /// <summary>E.g. <c>row groups: 3 of 8 read (statistics skipped 4, bloom 1), pages skipped: 12</c>; null when nothing was skipped.</summary>
    public string? Describe()
    {
        if (!SkippedAnything) return null;
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"row groups: {RowGroupsRead} of {RowGroupsRead + RowGroupsSkipped} read");
        if (RowGroupsSkipped > 0)
        {
            var separator = " (";
            void Reason(string name, int count)
            {
                if (count == 0) return;
                sb.Append(separator).Append(name).Append(CultureInfo.InvariantCulture, $" {count}");
                separator = ", ";
            }
            Reason("statistics skipped", StatisticsSkipped);
            Reason(StatisticsSkipped > 0 ? "bloom" : "bloom skipped", BloomSkipped);
            Reason(StatisticsSkipped + BloomSkipped > 0 ? "page index" : "page index skipped", PageIndexSkipped);
            sb.Append(')');
        }
        if (PagesSkipped > 0) sb.Append(CultureInfo.InvariantCulture, $", pages skipped: {PagesSkipped}");
        return sb.ToString();
    }
}
