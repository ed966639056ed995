using QueryEngine.Engine.Common;
using QueryEngine.Engine.Sql.Ast;

namespace QueryEngine.Engine.Planning.Binder;

/// <summary>
/// Expands a GROUP BY clause into its grouping sets: the cross product of its elements, where a plain list is one
/// set, GROUPING SETS lists its sets, ROLLUP (a, b) is (a, b), (a), () and CUBE (a, b) every subset. GROUP BY DISTINCT
/// drops repeated sets.
/// </summary>
internal static class GroupingSetExpansion
{
    private const int MaxSets = 4096;

    public static List<List<Expression>> Expand(GroupBy groupBy)
    {
        var result = new List<List<Expression>> { new() };
        foreach (var element in groupBy.GroupingElements)
        {
            var alternatives = Alternatives(element);
            var next = new List<List<Expression>>(result.Count * alternatives.Count);
            foreach (var prefix in result)
            {
                foreach (var alternative in alternatives) next.Add([.. prefix, .. alternative]);
            }
            if (next.Count > MaxSets) throw new SemanticException($"GROUP BY has more than {MaxSets} grouping sets", element.Span);
            result = next;
        }
        if (groupBy.Distinct)
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            result = result.Where(set => seen.Add(string.Join("\u0001", set.Select(e => Sql.SqlFormatter.Format(e)).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)))).ToList();
        }
        return result;
    }

    private static List<List<Expression>> Alternatives(GroupingElement element)
    {
        switch (element)
        {
            case SimpleGroupBy simple:
                return [[.. simple.Columns]];
            case GroupingSets sets:
                return sets.Sets.Select(s => s.ToList()).ToList();
            case Rollup rollup:
                {
                    var list = new List<List<Expression>>();
                    for (var n = rollup.Columns.Count; n >= 0; n--) list.Add(rollup.Columns.Take(n).ToList());
                    return list;
                }
            case Cube cube:
                {
                    if (cube.Columns.Count > 12) throw new SemanticException("CUBE supports at most 12 columns", cube.Span);
                    var list = new List<List<Expression>>();
                    var count = 1 << cube.Columns.Count;
                    for (var mask = count - 1; mask >= 0; mask--)
                    {
                        var set = new List<Expression>();
                        for (var i = 0; i < cube.Columns.Count; i++)
                        {
                            if ((mask & (1 << (cube.Columns.Count - 1 - i))) != 0) set.Add(cube.Columns[i]);
                        }
                        list.Add(set);
                    }
                    return list;
                }
            default:
                throw new NotSupportedQueryException($"{element.GetType().Name} in GROUP BY is not supported", element.Span);
        }
    }
}
