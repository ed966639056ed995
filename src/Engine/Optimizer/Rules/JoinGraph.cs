using System.Numerics;
using QueryEngine.Engine.Expressions;
using QueryEngine.Engine.Planning;
using QueryEngine.Engine.Planning.Logical;

namespace QueryEngine.Engine.Optimizer.Rules;

/// <summary>
/// The inputs of a tree of inner joins (relations, at most 64, as bits of a mask) and the conjuncts linking them,
/// with the cardinality model the join enumerators use. Join keys that are equated (directly or through other
/// relations) form one equivalence class whose distinct-value count is the smallest domain among its columns: the
/// key table's row count for a key/foreign-key chain (e.g. c_nationkey = s_nationkey = n_nationkey: 25), so joining
/// two foreign-key sides directly is estimated as the many-to-many join it is.
/// </summary>
internal sealed class JoinGraph
{
    /// <summary>One conjunct over two or more relations; <see cref="Class"/> is its equivalence class for <c>a = b</c>, else -1.</summary>
    private sealed record Edge(PhysicalExpr Conjunct, ulong Mask, int Class, int ColumnA, int ColumnB, double Selectivity);

    private readonly List<Edge> _edges = [];
    private readonly Dictionary<int, int> _leafOfColumn = [];
    private readonly List<double> _classDistinct = [];

    public JoinGraph(IReadOnlyList<LogicalPlan> leaves, IReadOnlyList<PhysicalExpr> conjuncts)
    {
        if (leaves.Count > 64) throw new ArgumentOutOfRangeException(nameof(leaves), "at most 64 join inputs");
        Leaves = leaves;
        Rows = new double[leaves.Count];
        for (var i = 0; i < leaves.Count; i++)
        {
            Rows[i] = CardinalityEstimator.Rows(leaves[i]);
            foreach (var c in leaves[i].Output) _leafOfColumn.TryAdd(c.Id, i);
        }
        var classOf = EquivalenceClasses(conjuncts);
        foreach (var conjunct in conjuncts)
        {
            var mask = MaskOf(conjunct);
            if (BitOperations.PopCount(mask) < 2) throw new ArgumentException("conjuncts must span two or more join inputs", nameof(conjuncts));
            if (CardinalityEstimator.EquiColumns(conjunct) is { } pair)
            {
                _edges.Add(new Edge(conjunct, mask, classOf[pair.A], pair.A, pair.B, 1));
            }
            else
            {
                _edges.Add(new Edge(conjunct, mask, -1, -1, -1, Selectivity.Of(conjunct)));
            }
        }
    }

    public IReadOnlyList<LogicalPlan> Leaves { get; }

    /// <summary>Estimated rows of each input.</summary>
    public double[] Rows { get; }

    public int Count => Leaves.Count;

    /// <summary>The inputs a conjunct references, as a mask (0 when it references none of them).</summary>
    public ulong MaskOf(PhysicalExpr conjunct)
    {
        ulong mask = 0;
        foreach (var id in ExprUtil.Columns(conjunct))
        {
            if (_leafOfColumn.TryGetValue(id, out var leaf)) mask |= 1UL << leaf;
        }
        return mask;
    }

    /// <summary>Whether some conjunct links <paramref name="a"/> and <paramref name="b"/> (and needs nothing outside them).</summary>
    public bool Connected(ulong a, ulong b)
    {
        foreach (var e in _edges)
        {
            if (Applies(e, a, b)) return true;
        }
        return false;
    }

    /// <summary>Whether every conjunct joining <paramref name="a"/> and <paramref name="b"/> is an equality (a hash join, not a nested loop).</summary>
    public bool HasEquiJoin(ulong a, ulong b)
    {
        foreach (var e in _edges)
        {
            if (e.Class >= 0 && Applies(e, a, b)) return true;
        }
        return false;
    }

    /// <summary>The conjuncts that join <paramref name="a"/> with <paramref name="b"/>.</summary>
    public List<PhysicalExpr> ConjunctsBetween(ulong a, ulong b)
    {
        var result = new List<PhysicalExpr>();
        foreach (var e in _edges)
        {
            if (Applies(e, a, b)) result.Add(e.Conjunct);
        }
        return result;
    }

    /// <summary>
    /// Estimated rows of joining <paramref name="a"/> (<paramref name="rowsA"/> rows) with <paramref name="b"/>:
    /// |A| * |B| / ndv over the equated key classes (their product, at most the row-count domain of either side's key
    /// relation, so a composite key is not counted as more selective than a unique one), times the selectivity of
    /// any other conjuncts; between 1 and the cross product.
    /// </summary>
    public double JoinRows(ulong a, double rowsA, ulong b, double rowsB)
    {
        var cross = Math.Max(1, rowsA * rowsB);
        var distinct = 1.0;
        var keyLeafA = -1;
        var keyLeafB = -1;
        var keyColumnA = -1;
        var keyColumnB = -1;
        var classesSeen = new HashSet<int>();
        var others = new List<double>();
        foreach (var e in _edges)
        {
            if (!Applies(e, a, b)) continue;
            if (e.Class < 0)
            {
                others.Add(e.Selectivity);
                continue;
            }
            var (inA, inB) = (a & (1UL << _leafOfColumn[e.ColumnA])) != 0 ? (e.ColumnA, e.ColumnB) : (e.ColumnB, e.ColumnA);
            Track(ref keyLeafA, ref keyColumnA, inA);
            Track(ref keyLeafB, ref keyColumnB, inB);
            if (classesSeen.Add(e.Class)) distinct *= _classDistinct[e.Class];
        }
        if (keyLeafA >= 0) distinct = Math.Min(distinct, ColumnDomains.Of(Leaves[keyLeafA], keyColumnA));
        if (keyLeafB >= 0) distinct = Math.Min(distinct, ColumnDomains.Of(Leaves[keyLeafB], keyColumnB));
        var rest = others.Count == 0 ? 1 : Selectivity.Combine(others.ToArray());
        return Math.Clamp(cross / Math.Max(1, distinct) * rest, 1, cross);
    }

    /// <summary>Remembers the relation the key columns of one side come from; -2 once they come from several.</summary>
    private void Track(ref int leaf, ref int column, int columnId)
    {
        var owner = _leafOfColumn[columnId];
        if (leaf == -1)
        {
            leaf = owner;
            column = columnId;
        }
        else if (leaf != owner)
        {
            leaf = -2;
        }
    }

    private static bool Applies(Edge e, ulong a, ulong b) =>
        (e.Mask & ~(a | b)) == 0 && (e.Mask & a) != 0 && (e.Mask & b) != 0;

    /// <summary>Union-find over the columns of <c>a = b</c> conjuncts; each class's distinct count is its smallest domain.</summary>
    private Dictionary<int, int> EquivalenceClasses(IReadOnlyList<PhysicalExpr> conjuncts)
    {
        var parent = new Dictionary<int, int>();
        int Find(int x)
        {
            while (parent.TryGetValue(x, out var p) && p != x)
            {
                var grand = parent.TryGetValue(p, out var g) ? g : p;
                parent[x] = grand;
                x = grand;
            }
            return x;
        }
        foreach (var conjunct in conjuncts)
        {
            if (CardinalityEstimator.EquiColumns(conjunct) is not { } pair) continue;
            parent.TryAdd(pair.A, pair.A);
            parent.TryAdd(pair.B, pair.B);
            var (ra, rb) = (Find(pair.A), Find(pair.B));
            if (ra != rb) parent[ra] = rb;
        }
        var classOfRoot = new Dictionary<int, int>();
        var classOf = new Dictionary<int, int>();
        foreach (var column in parent.Keys.ToArray())
        {
            var root = Find(column);
            if (!classOfRoot.TryGetValue(root, out var id))
            {
                id = _classDistinct.Count;
                classOfRoot[root] = id;
                _classDistinct.Add(double.MaxValue);
            }
            classOf[column] = id;
            if (_leafOfColumn.TryGetValue(column, out var leaf))
            {
                _classDistinct[id] = Math.Min(_classDistinct[id], ColumnDomains.Of(Leaves[leaf], column));
            }
        }
        for (var i = 0; i < _classDistinct.Count; i++)
        {
            if (_classDistinct[i] == double.MaxValue) _classDistinct[i] = CardinalityEstimator.UnknownTableRows;
        }
        return classOf;
    }
}
