using QueryEngine.Engine.Columnar;

namespace QueryEngine.Engine.Expressions.Evaluation;

/// <summary>
/// Searched CASE with SQL's lazy semantics: each WHEN condition is evaluated only on rows no earlier condition took,
/// and each result only on the rows that select it (when it can fail; cheap infallible results are computed for the
/// whole batch and picked from).
/// </summary>
internal sealed class CaseEvaluator : Evaluator
{
    private readonly (Evaluator Condition, Evaluator Result)[] _whens;
    private readonly Evaluator? _else;

    public CaseEvaluator(DataType type, (Evaluator Condition, Evaluator Result)[] whens, Evaluator? elseResult)
        : base(type, false, Children(whens, elseResult))
    {
        _whens = whens;
        _else = elseResult;
    }

    private static Evaluator?[] Children((Evaluator Condition, Evaluator Result)[] whens, Evaluator? elseResult)
    {
        var list = new List<Evaluator?>();
        foreach (var (c, r) in whens)
        {
            list.Add(c);
            list.Add(r);
        }
        list.Add(elseResult);
        return [.. list];
    }

    public override Vec Evaluate(RecordBatch batch)
    {
        var n = batch.RowCount;
        var assembler = new BranchAssembler(Type, n);
        var remaining = Selection.All(n);
        foreach (var (condition, result) in _whens)
        {
            if (remaining.Length == 0) break;
            var matched = MatchingRows(condition, batch, remaining);
            if (matched.Length == 0) continue;
            assembler.Add(EvaluateOn(result, batch, matched), matched);
            remaining = Except(remaining, matched);
        }
        if (_else is not null && remaining.Length > 0) assembler.Add(EvaluateOn(_else, batch, remaining), remaining);
        return assembler.Build();
    }

    /// <summary>Rows among <paramref name="candidates"/> where <paramref name="condition"/> is true.</summary>
    internal static int[] MatchingRows(Evaluator condition, RecordBatch batch, int[] candidates)
    {
        var n = batch.RowCount;
        if (candidates.Length == n) return Selection.TrueRows(condition.Evaluate(batch), n);
        if (condition.CanFail)
        {
            var sub = condition.EvaluateRows(batch, candidates);
            return Selection.Compose(candidates, Selection.TrueRows(sub, candidates.Length));
        }
        var full = condition.Evaluate(batch);
        if (full.IsConstant) return Selection.TrueRows(full, 1).Length == 1 ? candidates : [];
        var bools = (BooleanArray)full.Array;
        var result = new List<int>(candidates.Length);
        foreach (var row in candidates)
        {
            if (bools.IsTrue(row)) result.Add(row);
        }
        return [.. result];
    }

    /// <summary>Values of <paramref name="expr"/> for <paramref name="rows"/> (one per selected row, or a constant).</summary>
    internal static Vec EvaluateOn(Evaluator expr, RecordBatch batch, int[] rows)
    {
        if (expr.IsConstant || rows.Length == batch.RowCount) return expr.Evaluate(batch);
        if (expr.CanFail || rows.Length * 4 < batch.RowCount) return expr.EvaluateRows(batch, rows);
        var full = expr.Evaluate(batch);
        return full.IsConstant ? full : Vec.Flat(full.Array.Take(rows));
    }

    /// <summary><paramref name="all"/> minus <paramref name="taken"/>; both ascending.</summary>
    internal static int[] Except(int[] all, int[] taken)
    {
        var result = new int[all.Length - taken.Length];
        int j = 0, k = 0;
        foreach (var row in all)
        {
            if (j < taken.Length && taken[j] == row)
            {
                j++;
                continue;
            }
            result[k++] = row;
        }
        return result;
    }
}
