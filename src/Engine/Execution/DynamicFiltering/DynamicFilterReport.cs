using System.Globalization;
using System.Text;

namespace QueryEngine.Engine.Execution.DynamicFiltering;

/// <summary>The EXPLAIN ANALYZE note of a scan that applied dynamic filters: which keys, and the row groups that were skipped.</summary>
internal sealed class DynamicFilterReport
{
    private readonly List<string> _filters = [];

    public DynamicFilterReport With(string column, DynamicFilterValues values)
    {
        _filters.Add(values.Distinct is { } keys
            ? string.Create(CultureInfo.InvariantCulture, $"{column} in {keys.Count} keys {values.Min}..{values.Max}")
            : string.Create(CultureInfo.InvariantCulture, $"{column} between {values.Min} and {values.Max}"));
        return this;
    }

    /// <param name="tasks">Scan tasks planned (row groups for Parquet).</param>
    /// <param name="skippedRowGroups">Row groups the source left out by statistics, when it reports them.</param>
    public string Describe(int tasks, int? skippedRowGroups)
    {
        var sb = new StringBuilder("dynamic filter: ").AppendJoin(" and ", _filters);
        if (skippedRowGroups is { } skipped)
        {
            sb.Append(CultureInfo.InvariantCulture, $", row groups skipped={skipped} of {skipped + tasks}");
        }
        return sb.ToString();
    }
}
