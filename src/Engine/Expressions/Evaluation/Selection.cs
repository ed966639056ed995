using QueryEngine.Engine.Columnar;
using QueryEngine.Engine.Execution.Vectors;

namespace QueryEngine.Engine.Expressions.Evaluation;

/// <summary>Selection vectors: row subsets of a batch, used for lazy evaluation and filtering.</summary>
internal static class Selection
{
    /// <summary>A batch of the selected rows holding only <paramref name="columns"/>; other columns are placeholders of the right length.</summary>
    public static RecordBatch TakeColumns(RecordBatch batch, int[] rows, int[] columns)
    {
        var result = new ArrowArray[batch.Columns.Count];
        NullArray? placeholder = null;
        var next = 0;
        for (var c = 0; c < result.Length; c++)
        {
            if (next < columns.Length && columns[next] == c)
            {
                result[c] = batch.Column(c).Take(rows);
                next++;
            }
            else
            {
                result[c] = placeholder ??= new NullArray(rows.Length);
            }
        }
        return new RecordBatch(batch.Schema, result, rows.Length);
    }

    /// <summary>Rows where a boolean vector is true (not null, not false).</summary>
    public static int[] TrueRows(Vec predicate, int rows)
    {
        if (predicate.IsConstant)
        {
            return predicate.Array is BooleanArray b && b.IsTrue(0) ? All(rows) : [];
        }
        var array = (BooleanArray)predicate.Array;
        return Bits.SetIndices(array.Bits, array.Validity, rows);
    }

    /// <summary>Rows where a boolean vector is not true (false or null).</summary>
    public static int[] NotTrueRows(Vec predicate, int rows)
    {
        if (predicate.IsConstant)
        {
            return predicate.Array is BooleanArray b && b.IsTrue(0) ? [] : All(rows);
        }
        var array = (BooleanArray)predicate.Array;
        var trueBits = array.Validity is null ? array.Bits : Bits.And(array.Bits, array.Validity, rows)!;
        var notTrue = Bits.Not(trueBits, rows);
        return Bits.SetIndices(notTrue, null, rows);
    }

    public static int[] All(int rows)
    {
        var result = new int[rows];
        for (var i = 0; i < rows; i++) result[i] = i;
        return result;
    }

    /// <summary>Positions in <paramref name="within"/> mapped through it: result[i] = within[sub[i]].</summary>
    public static int[] Compose(int[] within, int[] sub)
    {
        var result = new int[sub.Length];
        for (var i = 0; i < sub.Length; i++) result[i] = within[sub[i]];
        return result;
    }
}
