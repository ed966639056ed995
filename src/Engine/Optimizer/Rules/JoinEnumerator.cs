using System.Numerics;
using QueryEngine.Engine.Execution.Plan;
using QueryEngine.Engine.Planning;
using QueryEngine.Engine.Planning.Logical;

namespace QueryEngine.Engine.Optimizer.Rules;

/// <summary>
/// Chooses a join tree over a <see cref="JoinGraph"/>: dynamic programming over connected subsets (bushy trees, every
/// split of a subset into two connected halves joined by a predicate) for up to <see cref="ExhaustiveLimit"/> inputs,
/// greedy pairwise merging of the cheapest join above that. The cost of a tree is the sum of its joins' output rows
/// plus their build sides (the smaller input of each join, which the hash join holds in memory); a join without an
/// equality also pays its nested loop (|L| * |R|). Cross products appear only between parts of the graph that no
/// predicate connects, smallest first. Each join puts its smaller estimated input on the right (the build side).
/// </summary>
internal static class JoinEnumerator
{
    public const int ExhaustiveLimit = 10;

    private sealed record Choice(LogicalPlan Plan, double Rows, double Cost);

    public static LogicalPlan Enumerate(JoinGraph graph)
    {
        var parts = graph.Count <= ExhaustiveLimit ? Exhaustive(graph) : Greedy(graph);
        parts.Sort((x, y) => x.Choice.Rows.CompareTo(y.Choice.Rows));
        var (mask, result) = parts[0];
        for (var i = 1; i < parts.Count; i++)
        {
            var next = parts[i];
            var rows = Math.Max(1, result.Rows * next.Choice.Rows);
            result = new Choice(Join(graph, mask, result, next.Mask, next.Choice, rows), rows, result.Cost + next.Choice.Cost + rows);
            mask |= next.Mask;
        }
        return result.Plan;
    }

    /// <summary>Best tree of every connected component (DP over subsets, each split once: the half with the lowest input bit on one side).</summary>
    private static List<(ulong Mask, Choice Choice)> Exhaustive(JoinGraph graph)
    {
        var n = graph.Count;
        var best = new Choice?[1 << n];
        for (var i = 0; i < n; i++) best[1 << i] = new Choice(graph.Leaves[i], graph.Rows[i], 0);
        for (var set = 1; set < best.Length; set++)
        {
            if (BitOperations.PopCount((uint)set) < 2) continue;
            var lowest = set & -set;
            for (var part = (set - 1) & set; part > 0; part = (part - 1) & set)
            {
                if ((part & lowest) == 0) continue;
                var rest = set ^ part;
                if (best[part] is not { } a || best[rest] is not { } b) continue;
                if (!graph.Connected((ulong)part, (ulong)rest)) continue;
                var rows = graph.JoinRows((ulong)part, a.Rows, (ulong)rest, b.Rows);
                var cost = a.Cost + b.Cost + StepCost(graph, (ulong)part, a.Rows, (ulong)rest, b.Rows, rows);
                if (best[set] is { } known && known.Cost <= cost) continue;
                best[set] = new Choice(new PendingJoin((ulong)part, (ulong)rest), rows, cost);
            }
        }
        var components = new List<(ulong, Choice)>();
        foreach (var component in Components(graph))
        {
            components.Add((component, Materialize(graph, best, (int)component)));
        }
        return components;
    }

    /// <summary>Placeholder plan recording the split of a subset until the winning tree is built.</summary>
    private sealed record PendingJoin(ulong Left, ulong Right) : LogicalPlan
    {
        public override IReadOnlyList<ColumnRef> Output => [];

        public override IReadOnlyList<LogicalPlan> Inputs => [];

        public override LogicalPlan WithInputs(IReadOnlyList<LogicalPlan> inputs) => this;
    }

    private static Choice Materialize(JoinGraph graph, Choice?[] best, int set)
    {
        var choice = best[set] ?? throw new Common.InternalException($"join enumeration found no plan for connected inputs {set:b}");
        if (choice.Plan is not PendingJoin split) return choice;
        var a = Materialize(graph, best, (int)split.Left);
        var b = Materialize(graph, best, (int)split.Right);
        return choice with { Plan = Join(graph, split.Left, a, split.Right, b, choice.Rows) };
    }

    /// <summary>Repeatedly joins the connected pair of trees with the fewest result rows (cross joins only when nothing is connected).</summary>
    private static List<(ulong Mask, Choice Choice)> Greedy(JoinGraph graph)
    {
        var trees = new List<(ulong Mask, Choice Choice)>();
        for (var i = 0; i < graph.Count; i++) trees.Add((1UL << i, new Choice(graph.Leaves[i], graph.Rows[i], 0)));
        while (trees.Count > 1)
        {
            var (bestI, bestJ, bestRows, bestCost) = (-1, -1, 0.0, double.MaxValue);
            for (var i = 0; i < trees.Count; i++)
            {
                for (var j = i + 1; j < trees.Count; j++)
                {
                    var (a, b) = (trees[i], trees[j]);
                    if (!graph.Connected(a.Mask, b.Mask)) continue;
                    var rows = graph.JoinRows(a.Mask, a.Choice.Rows, b.Mask, b.Choice.Rows);
                    var cost = StepCost(graph, a.Mask, a.Choice.Rows, b.Mask, b.Choice.Rows, rows);
                    if (cost < bestCost) (bestI, bestJ, bestRows, bestCost) = (i, j, rows, cost);
                }
            }
            if (bestI < 0) break;
            var (x, y) = (trees[bestI], trees[bestJ]);
            var joined = new Choice(Join(graph, x.Mask, x.Choice, y.Mask, y.Choice, bestRows), bestRows, x.Choice.Cost + y.Choice.Cost + bestCost);
            trees.RemoveAt(bestJ);
            trees[bestI] = (x.Mask | y.Mask, joined);
        }
        return trees;
    }

    private static double StepCost(JoinGraph graph, ulong a, double rowsA, ulong b, double rowsB, double rows)
    {
        var cost = rows + Math.Min(rowsA, rowsB);
        if (!graph.HasEquiJoin(a, b)) cost += rowsA * rowsB;
        return cost;
    }

    /// <summary>The join of two trees with the larger one on the left (probe) and the smaller on the right (build).</summary>
    private static LogicalPlan Join(JoinGraph graph, ulong maskA, Choice a, ulong maskB, Choice b, double rows)
    {
        var condition = ExprUtil.Conjunction(graph.ConjunctsBetween(maskA, maskB));
        var (probe, build) = a.Rows >= b.Rows ? (a.Plan, b.Plan) : (b.Plan, a.Plan);
        return new JoinNode(probe, build, JoinType.Inner, condition) { EstimatedRows = rows };
    }

    /// <summary>Masks of the inputs that predicates connect (transitively).</summary>
    private static List<ulong> Components(JoinGraph graph)
    {
        var result = new List<ulong>();
        ulong seen = 0;
        for (var i = 0; i < graph.Count; i++)
        {
            if ((seen & (1UL << i)) != 0) continue;
            var component = 1UL << i;
            var grown = true;
            while (grown)
            {
                grown = false;
                for (var j = 0; j < graph.Count; j++)
                {
                    var bit = 1UL << j;
                    if ((component & bit) != 0 || !graph.Connected(component, bit)) continue;
                    component |= bit;
                    grown = true;
                }
            }
            seen |= component;
            result.Add(component);
        }
        return result;
    }
}
