using QueryEngine.Engine.Execution.Plan;
using QueryEngine.Engine.Expressions;
using QueryEngine.Engine.Planning;
using QueryEngine.Engine.Planning.Logical;

namespace QueryEngine.Engine.Optimizer.Rules;

/// <summary>A copy of (part of) a plan with fresh column ids; <paramref name="Columns"/> maps original ids to the copy's columns.</summary>
internal sealed record KeySetCopy(LogicalPlan Plan, IReadOnlyDictionary<int, ColumnRef> Columns);

/// <summary>
/// Builds, from the outer side of a join, a cheaper plan whose values of some columns are a superset of the values
/// the outer side produces (a "magic set"): scans and their filters are copied with fresh column ids, aggregations
/// and projections are looked through to the columns they pass on, and joins whose other input is large are left
/// out (leaving out an inner join's input only adds values). Joins with a small, filtering other input are kept
/// because they are what makes the set small. Returns null for shapes it does not know.
/// </summary>
internal sealed class KeySetBuilder(FreshColumns fresh)
{
    /// <summary>Keep an inner join's other input when it is at most this fraction of the side that produces the keys.</summary>
    private const double SmallInputFraction = 0.05;

    /// <summary>... and the join keeps at most this fraction of that side's rows.</summary>
    private const double FilteringJoinFraction = 0.5;

    public KeySetCopy? Build(LogicalPlan plan, IReadOnlySet<int> needed)
    {
        switch (plan)
        {
            case ScanNode scan:
                {
                    var map = new Dictionary<int, ColumnRef>();
                    var columns = new ColumnRef[scan.Columns.Count];
                    for (var i = 0; i < columns.Length; i++)
                    {
                        columns[i] = fresh.Copy(scan.Columns[i]);
                        map[scan.Columns[i].Id] = columns[i];
                    }
                    if (!needed.All(map.ContainsKey)) return null;
                    var filters = scan.Filters.Select(f => Remap(f, map)).ToArray();
                    return new KeySetCopy(new ScanNode(scan.TableName, scan.Source, columns, scan.Projection, filters), map);
                }
            case FilterNode filter:
                {
                    var withPredicate = Union(needed, ExprUtil.Columns(filter.Predicate));
                    if (Build(filter.Input, withPredicate) is { } input && Covers(input, withPredicate))
                    {
                        return input with { Plan = new FilterNode(input.Plan, Remap(filter.Predicate, input.Columns)) };
                    }
                    return Build(filter.Input, needed);
                }
            case ProjectNode project:
                {
                    var sources = new HashSet<int>();
                    var used = project.Assignments.Where(a => needed.Contains(a.Column.Id)).ToArray();
                    foreach (var a in used) ExprUtil.CollectColumns(a.Expr, sources);
                    if (Build(project.Input, sources) is not { } input || !Covers(input, sources)) return null;
                    var map = new Dictionary<int, ColumnRef>();
                    var assignments = new List<Assignment>();
                    foreach (var a in used)
                    {
                        var column = fresh.Copy(a.Column);
                        map[a.Column.Id] = column;
                        assignments.Add(new Assignment(column, Remap(a.Expr, input.Columns)));
                    }
                    return new KeySetCopy(new ProjectNode(input.Plan, assignments), map);
                }
            case AggregateNode aggregate:
                {
                    // Group keys take the values of the input column they group by; the aggregation itself is left out.
                    var sources = new Dictionary<int, int>();
                    foreach (var id in needed)
                    {
                        var group = aggregate.GroupBy.FirstOrDefault(g => g.Column.Id == id);
                        if (group?.Expr is not ColumnExpr source) return null;
                        sources[id] = source.Index;
                    }
                    if (Build(aggregate.Input, sources.Values.ToHashSet()) is not { } input) return null;
                    var map = new Dictionary<int, ColumnRef>();
                    foreach (var (id, source) in sources)
                    {
                        if (!input.Columns.TryGetValue(source, out var column)) return null;
                        map[id] = column;
                    }
                    return new KeySetCopy(input.Plan, map);
                }
            case JoinNode { JoinType: JoinType.Inner } join:
                return InnerJoin(join, needed);
            case JoinNode { JoinType: JoinType.LeftSemi or JoinType.Left } join when needed.All(id => ColumnDomains.Produces(join.Left, id)):
                return SemiJoin(join, needed);
            default:
                return null;
        }
    }

    private KeySetCopy? InnerJoin(JoinNode join, IReadOnlySet<int> needed)
    {
        var fromLeft = needed.All(id => ColumnDomains.Produces(join.Left, id));
        var fromRight = needed.All(id => ColumnDomains.Produces(join.Right, id));
        if (!fromLeft && !fromRight) return null;
        var (keySide, other) = fromLeft ? (join.Left, join.Right) : (join.Right, join.Left);
        var keyRows = CardinalityEstimator.Rows(keySide);
        var keep = join.Condition is not null
            && CardinalityEstimator.Rows(other) <= keyRows * SmallInputFraction
            && CardinalityEstimator.Rows(join) <= keyRows * FilteringJoinFraction;
        if (keep)
        {
            var conditionColumns = ExprUtil.Columns(join.Condition!);
            var keyNeeded = Union(needed, conditionColumns.Where(id => ColumnDomains.Produces(keySide, id)));
            var otherNeeded = conditionColumns.Where(id => ColumnDomains.Produces(other, id)).ToHashSet();
            if (Build(keySide, keyNeeded) is { } keys && Covers(keys, keyNeeded)
                && Build(other, otherNeeded) is { } filtering && Covers(filtering, otherNeeded))
            {
                var map = new Dictionary<int, ColumnRef>(keys.Columns);
                foreach (var (id, column) in filtering.Columns) map[id] = column;
                return new KeySetCopy(new JoinNode(keys.Plan, filtering.Plan, JoinType.Inner, Remap(join.Condition!, map)), map);
            }
        }
        return Build(keySide, needed);
    }

    private KeySetCopy? SemiJoin(JoinNode join, IReadOnlySet<int> needed)
    {
        if (join.JoinType == JoinType.LeftSemi && join.Condition is not null
            && CardinalityEstimator.Rows(join.Right) <= CardinalityEstimator.Rows(join.Left) * FilteringJoinFraction)
        {
            var conditionColumns = ExprUtil.Columns(join.Condition);
            var leftNeeded = Union(needed, conditionColumns.Where(id => ColumnDomains.Produces(join.Left, id)));
            var rightNeeded = conditionColumns.Where(id => ColumnDomains.Produces(join.Right, id)).ToHashSet();
            if (Build(join.Left, leftNeeded) is { } left && Covers(left, leftNeeded)
                && Build(join.Right, rightNeeded) is { } right && Covers(right, rightNeeded))
            {
                var map = new Dictionary<int, ColumnRef>(right.Columns);
                foreach (var (id, column) in left.Columns) map[id] = column;
                var plan = new JoinNode(left.Plan, right.Plan, JoinType.LeftSemi, Remap(join.Condition, map));
                return new KeySetCopy(plan, left.Columns);
            }
        }
        return Build(join.Left, needed);
    }

    private static bool Covers(KeySetCopy copy, IEnumerable<int> ids) => ids.All(copy.Columns.ContainsKey);

    private static HashSet<int> Union(IEnumerable<int> a, IEnumerable<int> b)
    {
        var set = new HashSet<int>(a);
        set.UnionWith(b);
        return set;
    }

    private static PhysicalExpr Remap(PhysicalExpr expr, IReadOnlyDictionary<int, ColumnRef> map) =>
        ExprUtil.Rewrite(expr, e => e is ColumnExpr c && map.TryGetValue(c.Index, out var column) ? column.ToExpr() : e);
}
