using QueryEngine.Engine.Columnar;
using QueryEngine.Engine.Execution.Vectors;
using QueryEngine.Engine.Expressions;
using QueryEngine.Engine.Expressions.Evaluation;

namespace QueryEngine.Engine.Execution.Operators.Scan;

/// <summary>
/// A scan's row filter (a conjunction) over batches that may hold <see cref="DictionaryArray"/> columns. A conjunct
/// that reads one dictionary-encoded column, is deterministic and cannot fail (comparisons, IN, LIKE, starts_with, ...)
/// is evaluated once per dictionary entry (and once for NULL), cached while the chunk's dictionary is the same, and
/// mapped to the rows through their indices. Other conjuncts see the rows the earlier ones kept, with the columns they
/// read materialized, exactly as the plain conjunction would evaluate them. Batches without encoded columns go
/// through the plain conjunction unchanged. One instance per worker (it caches per dictionary).
/// </summary>
internal sealed class EncodedColumnFilter
{
    private readonly Evaluator _conjunction;
    private readonly Step[] _steps;

    private EncodedColumnFilter(Evaluator conjunction, Step[] steps)
    {
        _conjunction = conjunction;
        _steps = steps;
    }

    /// <summary>
    /// One conjunct, or a run of conjuncts that never read an encoded column alone (then one lazy AND). When
    /// <see cref="EncodedColumn"/> is set the step may take the per-entry path.
    /// </summary>
    private sealed class Step(Evaluator predicate, int encodedColumn)
    {
        public Evaluator Predicate { get; } = predicate;

        public int EncodedColumn { get; } = encodedColumn;

        /// <summary>The dictionary <see cref="Passing"/> was computed for.</summary>
        public BinaryArray? Dictionary { get; set; }

        /// <summary>1 where the predicate is true for dictionary entry j; the last element is the NULL row's answer.</summary>
        public byte[] Passing { get; set; } = [];
    }

    /// <summary>The filter for <paramref name="conjuncts"/> (expressions over <paramref name="schema"/>), or null when there are none.</summary>
    public static EncodedColumnFilter? Create(IReadOnlyList<PhysicalExpr> conjuncts, Schema schema)
    {
        if (conjuncts.Count == 0) return null;
        var compiled = ExpressionCompiler.CompileAll(conjuncts, schema);
        var steps = new List<Step>();
        var run = new List<Evaluator>();
        for (var i = 0; i < compiled.Length; i++)
        {
            var column = EncodableColumn(conjuncts[i], compiled[i], schema);
            if (column < 0)
            {
                run.Add(compiled[i]);
                continue;
            }
            if (run.Count > 0) steps.Add(new Step(BatchFilter.Conjunction(run)!, -1));
            run.Clear();
            steps.Add(new Step(compiled[i], column));
        }
        if (run.Count > 0) steps.Add(new Step(BatchFilter.Conjunction(run)!, -1));
        return new EncodedColumnFilter(BatchFilter.Conjunction(compiled)!, [.. steps]);
    }

    /// <summary>The string column a conjunct alone reads when the per-entry path gives its exact answer, else -1.</summary>
    private static int EncodableColumn(PhysicalExpr conjunct, Evaluator compiled, Schema schema)
    {
        if (compiled.Columns.Length != 1 || compiled.CanFail || compiled.IsConstant) return -1;
        var column = compiled.Columns[0];
        if (schema[column].Type.Id is not (TypeId.Utf8 or TypeId.Binary)) return -1;
        return ExprTree.IsDeterministic(conjunct) ? column : -1;
    }

    /// <summary>The string columns some conjunct could evaluate per dictionary entry (those worth reading encoded).</summary>
    public IEnumerable<int> EncodableColumns()
    {
        foreach (var step in _steps)
        {
            if (step.EncodedColumn >= 0) yield return step.EncodedColumn;
        }
    }

    /// <summary>The surviving rows (encoded columns stay encoded): the same batch when all pass, null when none do.</summary>
    public RecordBatch? Apply(RecordBatch batch)
    {
        if (!HasEncoded(batch)) return BatchFilter.Apply(_conjunction, batch);
        var rows = batch.RowCount;
        if (rows == 0) return null;
        int[]? selection = null;
        var selected = rows;
        foreach (var step in _steps)
        {
            if (step.EncodedColumn >= 0 && batch.Column(step.EncodedColumn) is DictionaryArray encoded)
            {
                var passing = PassingEntries(step, encoded);
                selected = Refine(encoded, passing, ref selection, selected);
            }
            else
            {
                selected = ApplyFlat(step.Predicate, batch, ref selection, selected);
            }
            if (selected == 0) return null;
        }
        if (selection is null) return batch;
        return batch.Take(selection.AsSpan(0, selected));
    }

    private static bool HasEncoded(RecordBatch batch)
    {
        foreach (var column in batch.Columns)
        {
            if (column is DictionaryArray) return true;
        }
        return false;
    }

    /// <summary>The predicate's answer per dictionary entry (and for NULL), computed once per dictionary.</summary>
    private static byte[] PassingEntries(Step step, DictionaryArray encoded)
    {
        var dictionary = encoded.Dictionary;
        if (ReferenceEquals(step.Dictionary, dictionary)) return step.Passing;
        var entries = dictionary.Length;
        // The entries plus one NULL row, as a batch of the scan's shape (other columns are never read: null placeholders).
        var offsets = new int[entries + 2];
        Array.Copy(dictionary.Offsets, offsets, entries + 1);
        offsets[entries + 1] = offsets[entries];
        var validity = Bitmap.AllSet(entries + 1);
        Bitmap.Clear(validity, entries);
        var values = new BinaryArray(dictionary.Type, offsets, dictionary.Data, entries + 1, validity, 1);
        var placeholder = new NullArray(entries + 1);
        var columns = new ArrowArray[step.EncodedColumn + 1];
        for (var i = 0; i < columns.Length; i++) columns[i] = placeholder;
        columns[step.EncodedColumn] = values;
        var probe = new RecordBatch(ProbeSchema(columns.Length), columns, entries + 1);
        var result = step.Predicate.Evaluate(probe);
        var bools = (BooleanArray)result.Array;
        var passing = new byte[entries + 1];
        for (var j = 0; j < passing.Length; j++) passing[j] = bools.IsTrue(result.IsConstant ? 0 : j) ? (byte)1 : (byte)0;
        step.Dictionary = dictionary;
        step.Passing = passing;
        return passing;
    }

    private static Schema ProbeSchema(int width)
    {
        var fields = new Field[width];
        for (var i = 0; i < width; i++) fields[i] = new Field($"c{i}", DataType.Null, true);
        return new Schema(fields);
    }

    /// <summary>Keeps the selected rows whose entry passes; returns how many remain.</summary>
    private static int Refine(DictionaryArray encoded, byte[] passing, ref int[]? selection, int selected)
    {
        var indices = encoded.Indices;
        var validity = encoded.Validity;
        var nullEntry = passing.Length - 1;
        var result = selection ?? new int[selected];
        var kept = 0;
        if (selection is null)
        {
            if (validity is null)
            {
                for (var i = 0; i < selected; i++)
                {
                    result[kept] = i;
                    kept += passing[indices[i]];
                }
            }
            else
            {
                for (var i = 0; i < selected; i++)
                {
                    result[kept] = i;
                    kept += passing[(validity[i >> 3] & (1 << (i & 7))) == 0 ? nullEntry : indices[i]];
                }
            }
        }
        else
        {
            // In place: the kept rows move forward over the ones already read.
            for (var k = 0; k < selected; k++)
            {
                var i = selection[k];
                var entry = validity is not null && (validity[i >> 3] & (1 << (i & 7))) == 0 ? nullEntry : indices[i];
                result[kept] = i;
                kept += passing[entry];
            }
        }
        selection = result;
        return kept;
    }

    /// <summary>Evaluates a predicate on the selected rows (the encoded columns it reads materialized); returns how many remain.</summary>
    private static int ApplyFlat(Evaluator predicate, RecordBatch batch, ref int[]? selection, int selected)
    {
        var view = selection is null ? batch : batch.Take(selection.AsSpan(0, selected));
        ArrowArray[]? columns = null;
        foreach (var c in predicate.Columns)
        {
            if (view.Column(c) is not DictionaryArray encoded) continue;
            columns ??= [.. view.Columns];
            columns[c] = encoded.Materialize();
        }
        if (columns is not null) view = new RecordBatch(view.Schema, columns, view.RowCount);
        var result = predicate.Evaluate(view);
        var bools = (BooleanArray)result.Array;
        if (result.IsConstant) return bools.IsTrue(0) ? selected : 0;
        var positions = Bits.SetIndices(bools.Bits, bools.Validity, selected);
        if (positions.Length == selected) return selected;
        if (selection is null)
        {
            selection = positions;
            return positions.Length;
        }
        for (var k = 0; k < positions.Length; k++) selection[k] = selection[positions[k]];
        return positions.Length;
    }
}
