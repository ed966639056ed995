using System.Globalization;
using System.Text;

namespace QueryEngine.Engine.Execution.DynamicFiltering;

/// <summary>The EXPLAIN ANALYZE note of a scan that applied dynamic filters: which keys (row groups skipped are the source's own note).</summary>
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

    public string Describe() => new StringBuilder("dynamic filter: ").AppendJoin(" and ", _filters).ToString();
}
