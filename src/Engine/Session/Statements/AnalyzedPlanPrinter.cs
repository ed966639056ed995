using System.Globalization;
using System.Text;
using QueryEngine.Engine.Execution;
using QueryEngine.Engine.Common;
using QueryEngine.Engine.Execution.Plan;

namespace QueryEngine.Engine.Session.Statements;

/// <summary>EXPLAIN ANALYZE output: the physical plan as run, one line per operator with what it actually did.</summary>
internal static class AnalyzedPlanPrinter
{
    public static string Print(PhysicalPlan plan, QueryProfile profile)
    {
        var sb = new StringBuilder();
        Append(sb, plan, profile, 0);
        return sb.ToString();
    }

    private static void Append(StringBuilder sb, PhysicalPlan plan, QueryProfile profile, int depth)
    {
        sb.Append(' ', depth * 2).Append(Name(plan));
        if (profile.Find(plan) is { } stats)
        {
            sb.Append(CultureInfo.InvariantCulture, $" [rows={stats.Rows}, batches={stats.Batches}, time={stats.Elapsed.TotalMilliseconds:0.###} ms");
            if (stats.BytesRead is { } bytes) sb.Append(CultureInfo.InvariantCulture, $", bytes read={bytes}");
            if (stats.PeakMemory > 0) sb.Append(", peak memory=").Append(ByteSize.Format(stats.PeakMemory));
            if (stats.SpilledBytes > 0)
            {
                sb.Append(CultureInfo.InvariantCulture, $", spilled={ByteSize.Format(stats.SpilledBytes)} ({stats.SpilledRows} rows");
                if (stats.SpilledPartitions > 0) sb.Append(CultureInfo.InvariantCulture, $" in {stats.SpilledPartitions} partitions");
                sb.Append(')');
            }
            if (stats.Note is { } note) sb.Append(", ").Append(note);
            sb.Append(']');
        }
        else
        {
            sb.Append(" [not run]");
        }
        sb.Append('\n');
        foreach (var child in plan.Children) Append(sb, child, profile, depth + 1);
    }

    private static string Name(PhysicalPlan plan)
    {
        var name = plan.GetType().Name;
        if (name.EndsWith("Exec", StringComparison.Ordinal)) name = name[..^4];
        return plan switch
        {
            ScanExec scan => $"{name} {scan.TableName}{EncodedKeys(scan)}",
            SharedSpoolExec shared => string.Create(CultureInfo.InvariantCulture, $"{name} {shared.Name} ({shared.Uses} uses)"),
            _ => name,
        };
    }

    /// <summary>The columns the scan may hand on dictionary-encoded (to an aggregation's group keys), or nothing.</summary>
    private static string EncodedKeys(ScanExec scan)
    {
        if (scan.EncodedColumns.Count == 0) return "";
        var names = new string[scan.EncodedColumns.Count];
        for (var i = 0; i < names.Length; i++) names[i] = scan.Schema[scan.EncodedColumns[i]].Name;
        return $" (encoded keys: {string.Join(", ", names)})";
    }
}
