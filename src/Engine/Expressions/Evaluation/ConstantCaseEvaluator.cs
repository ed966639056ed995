using QueryEngine.Engine.Columnar;
using QueryEngine.Engine.Execution.Vectors;

namespace QueryEngine.Engine.Expressions.Evaluation;

/// <summary>
/// Searched CASE whose results are all constants and whose conditions cannot fail, as TPC-H Q12's
/// <c>CASE WHEN o_orderpriority = '1-URGENT' OR ... THEN 1 ELSE 0 END</c>: every condition is evaluated over the whole
/// batch (nothing can raise an error, so laziness is not needed), each row gets the index of the first true condition
/// (or of the ELSE value) in one pass over the condition bits, and the values are gathered from the few constants.
/// The lazy <see cref="CaseEvaluator"/> would build row lists per branch and merge them instead.
/// </summary>
internal sealed class ConstantCaseEvaluator : Evaluator
{
    private readonly Evaluator[] _conditions;

    /// <summary>The WHEN values in order, then the ELSE value (null when the CASE has no ELSE).</summary>
    private readonly ArrowArray _values;

    private ConstantCaseEvaluator(DataType type, Evaluator[] conditions, ArrowArray values)
        : base(type, false, conditions)
    {
        _conditions = conditions;
        _values = values;
    }

    /// <summary>The constant form of a CASE when it applies (constant results, infallible conditions), else null.</summary>
    public static ConstantCaseEvaluator? TryCreate(DataType type, (Evaluator Condition, Evaluator Result)[] whens, Evaluator? elseResult)
    {
        if (type.Id == TypeId.Null || type.IsNested || whens.Length == 0) return null;
        var conditions = new Evaluator[whens.Length];
        var values = new ArrowArray[whens.Length + 1];
        for (var w = 0; w < whens.Length; w++)
        {
            var (condition, result) = whens[w];
            if (condition.CanFail || condition.Type.Id != TypeId.Boolean || result is not LiteralEvaluator literal || !literal.Type.Equals(type)) return null;
            conditions[w] = condition;
            values[w] = literal.Value;
        }
        if (elseResult is null)
        {
            values[^1] = ArrayFactory.AllNull(type, 1);
        }
        else if (elseResult is LiteralEvaluator literal && literal.Type.Equals(type))
        {
            values[^1] = literal.Value;
        }
        else
        {
            return null;
        }
        return new ConstantCaseEvaluator(type, conditions, ArrayConcat.Concat(values, type));
    }

    public override Vec Evaluate(RecordBatch batch)
    {
        var n = batch.RowCount;
        var chosen = new int[n];
        chosen.AsSpan().Fill(_conditions.Length);
        // Last condition first, so that an earlier true condition overwrites a later one: the first true one wins.
        for (var w = _conditions.Length - 1; w >= 0; w--)
        {
            var condition = _conditions[w].Evaluate(batch);
            if (condition.IsConstant)
            {
                if (condition.Array is BooleanArray constant && constant.IsTrue(0)) chosen.AsSpan().Fill(w);
                continue;
            }
            var array = (BooleanArray)condition.Array;
            MarkTrueRows(array.Bits, array.Validity, n, chosen, w);
        }
        return Vec.Flat(_values.Take(chosen));
    }

    /// <summary>Sets <paramref name="chosen"/>[i] = <paramref name="branch"/> for every row whose bit is set and valid.</summary>
    private static void MarkTrueRows(byte[] bits, byte[]? validity, int rows, int[] chosen, int branch)
    {
        var fullBytes = rows >> 3;
        for (var b = 0; b < fullBytes; b++)
        {
            var x = validity is null ? bits[b] : bits[b] & validity[b];
            if (x == 0) continue;
            var row = b << 3;
            for (var bit = 0; bit < 8; bit++)
            {
                if ((x & (1 << bit)) != 0) chosen[row + bit] = branch;
            }
        }
        for (var i = fullBytes << 3; i < rows; i++)
        {
            if (Bitmap.Get(bits, i) && (validity is null || Bitmap.Get(validity, i))) chosen[i] = branch;
        }
    }
}
