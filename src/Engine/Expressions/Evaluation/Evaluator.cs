using QueryEngine.Engine.Columnar;

namespace QueryEngine.Engine.Expressions.Evaluation;

/// <summary>
/// A compiled expression node. Built once per operator from a <see cref="PhysicalExpr"/> tree; evaluation is one
/// virtual call per node per batch, with typed kernels inside.
/// </summary>
internal abstract class Evaluator
{
    protected Evaluator(DataType type, bool canFail, params Evaluator?[] children)
    {
        Type = type;
        var fails = canFail;
        var columns = new SortedSet<int>();
        foreach (var child in children)
        {
            if (child is null) continue;
            fails |= child.CanFail;
            foreach (var c in child.Columns) columns.Add(c);
        }
        CanFail = fails;
        Columns = [.. columns];
    }

    public DataType Type { get; }

    /// <summary>Whether evaluating this node (or a descendant) may raise an error for some row values.
    /// Lazily evaluated constructs (CASE, AND, OR, COALESCE) evaluate such children only on the rows that need them.</summary>
    public bool CanFail { get; }

    /// <summary>Input column indices this expression reads, ascending.</summary>
    public int[] Columns { get; protected init; }

    /// <summary>Literal (or folded constant) value, when the whole subtree is constant.</summary>
    public virtual bool IsConstant => false;

    public abstract Vec Evaluate(RecordBatch batch);

    /// <summary>Evaluates and expands constants to one value per row.</summary>
    public ArrowArray EvaluateFlat(RecordBatch batch) => Evaluate(batch).Expand(batch.RowCount);

    /// <summary>Evaluates only the rows <paramref name="rows"/> of <paramref name="batch"/>; the result has one value per selected row.</summary>
    public Vec EvaluateRows(RecordBatch batch, int[] rows)
    {
        if (rows.Length == batch.RowCount) return Evaluate(batch);
        return Evaluate(Selection.TakeColumns(batch, rows, Columns));
    }
}
