using QueryEngine.Engine.Columnar;
using QueryEngine.Engine.Execution.Plan;
using QueryEngine.Engine.Expressions.Evaluation;

namespace QueryEngine.Engine.Execution.Operators.Join;

/// <summary>
/// Turns candidate (probe row, build row) pairs into join output, shared by hash and nested loop joins: applies the
/// residual filter (part of the match condition for outer, semi and anti joins), remembers which probe rows (per probe
/// batch) and build rows (for the whole join) matched, and emits the unmatched rows outer/anti joins need.
/// Output batches have at most the batch size rows. The probe side is the join's left input, the build side its right.
/// </summary>
internal sealed class JoinEmitter
{
    private readonly JoinType _type;
    private readonly Schema _output;
    private readonly Schema _combined;
    private readonly RecordBatch _build;
    private readonly Evaluator? _filter;
    private readonly int _batchSize;
    private readonly bool[]? _buildMatched;
    private bool[] _probeMatched = [];

    /// <param name="buildMatched">Build-row match flags for right/full joins, shared by every probe worker (flags are only ever set).</param>
    public JoinEmitter(JoinType type, Schema output, Schema combined, RecordBatch build, Evaluator? filter, int batchSize, bool[]? buildMatched = null)
    {
        _type = type;
        _output = output;
        _combined = combined;
        _build = build;
        _filter = filter;
        _batchSize = batchSize;
        if (type is JoinType.Right or JoinType.Full) _buildMatched = buildMatched ?? new bool[build.RowCount];
    }

    /// <summary>Semi joins without a filter need only one match per probe row.</summary>
    public bool FirstMatchSuffices => _type == JoinType.LeftSemi && _filter is null || _type == JoinType.LeftAnti && _filter is null;

    private bool EmitsPairs => _type is JoinType.Inner or JoinType.Left or JoinType.Right or JoinType.Full;

    /// <summary>Starts a new probe batch (resets per-probe-row match flags).</summary>
    public void BeginProbe(RecordBatch probe)
    {
        if (_probeMatched.Length < probe.RowCount) _probeMatched = new bool[probe.RowCount];
        else Array.Clear(_probeMatched, 0, probe.RowCount);
    }

    public bool ProbeMatched(int row) => _probeMatched[row];

    /// <summary>Processes <paramref name="count"/> candidate pairs; returns the output batch for them, or null.</summary>
    public RecordBatch? Pairs(RecordBatch probe, int[] probeRows, int[] buildRows, int count)
    {
        if (count == 0) return null;
        var p = count == probeRows.Length ? probeRows : probeRows[..count];
        var b = count == buildRows.Length ? buildRows : buildRows[..count];
        if (_filter is not null)
        {
            var candidates = Candidates(probe, p, b, _filter.Columns);
            var keep = Selection.TrueRows(_filter.Evaluate(candidates), count);
            if (keep.Length == 0) return null;
            if (keep.Length < count)
            {
                p = Selection.Compose(p, keep);
                b = Selection.Compose(b, keep);
            }
        }
        foreach (var row in p) _probeMatched[row] = true;
        if (_buildMatched is not null)
        {
            foreach (var row in b) _buildMatched[row] = true;
        }
        return EmitsPairs ? Output(probe, p, b) : null;
    }

    /// <summary>After every pair of a probe batch: unmatched rows (left/full: null-extended; anti) or matched rows (semi).</summary>
    public IEnumerable<RecordBatch> FinishProbe(RecordBatch probe)
    {
        if (_type is JoinType.Inner or JoinType.Right) yield break;
        var wantMatched = _type == JoinType.LeftSemi;
        var rows = new List<int>();
        for (var i = 0; i < probe.RowCount; i++)
        {
            if (_probeMatched[i] == wantMatched) rows.Add(i);
        }
        if (rows.Count == 0) yield break;
        if (_type is JoinType.LeftSemi or JoinType.LeftAnti)
        {
            if (rows.Count == probe.RowCount)
            {
                foreach (var chunk in Chunks(probe.WithSchema(_output))) yield return chunk;
                yield break;
            }
            foreach (var chunk in Chunks(probe.Take(rows.ToArray()).WithSchema(_output))) yield return chunk;
            yield break;
        }
        var probeRows = rows.ToArray();
        var missing = new int[probeRows.Length];
        missing.AsSpan().Fill(-1);
        foreach (var chunk in Chunks(Output(probe, probeRows, missing))) yield return chunk;
    }

    /// <summary>After the whole probe side: build rows no probe row matched (right/full), with nulls for the probe columns.</summary>
    public IEnumerable<RecordBatch> FinishBuild()
    {
        if (_buildMatched is null) yield break;
        var rows = new List<int>();
        for (var j = 0; j < _buildMatched.Length; j++)
        {
            if (!_buildMatched[j]) rows.Add(j);
        }
        for (var start = 0; start < rows.Count; start += _batchSize)
        {
            var n = Math.Min(_batchSize, rows.Count - start);
            var buildRows = rows.GetRange(start, n).ToArray();
            var columns = new ArrowArray[_output.Count];
            var left = _output.Count - _build.Columns.Count;
            for (var c = 0; c < left; c++) columns[c] = Vectors.ArrayFactory.AllNull(_output[c].Type, n);
            for (var c = 0; c < _build.Columns.Count; c++) columns[left + c] = _build.Column(c).Take(buildRows);
            yield return new RecordBatch(_output, columns, n);
        }
    }

    private IEnumerable<RecordBatch> Chunks(RecordBatch batch)
    {
        if (batch.RowCount <= _batchSize)
        {
            yield return batch;
            yield break;
        }
        for (var start = 0; start < batch.RowCount; start += _batchSize) yield return batch.Slice(start, Math.Min(_batchSize, batch.RowCount - start));
    }

    /// <summary>The pairs as rows of the combined (left + right) schema, materializing only <paramref name="needed"/> columns.</summary>
    private RecordBatch Candidates(RecordBatch probe, int[] probeRows, int[] buildRows, int[] needed)
    {
        var columns = new ArrowArray[_combined.Count];
        var leftCount = probe.Columns.Count;
        NullArray? placeholder = null;
        var next = 0;
        for (var c = 0; c < columns.Length; c++)
        {
            if (next < needed.Length && needed[next] == c)
            {
                columns[c] = c < leftCount ? probe.Column(c).Take(probeRows) : _build.Column(c - leftCount).Take(buildRows);
                next++;
            }
            else
            {
                columns[c] = placeholder ??= new NullArray(probeRows.Length);
            }
        }
        return new RecordBatch(_combined, columns, probeRows.Length);
    }

    private RecordBatch Output(RecordBatch probe, int[] probeRows, int[] buildRows)
    {
        var columns = new ArrowArray[_output.Count];
        var leftCount = probe.Columns.Count;
        for (var c = 0; c < leftCount; c++) columns[c] = probe.Column(c).Take(probeRows);
        for (var c = 0; c < _build.Columns.Count; c++)
        {
            columns[leftCount + c] = _build.RowCount == 0 ? Vectors.ArrayFactory.AllNull(_build.Schema[c].Type, probeRows.Length) : _build.Column(c).Take(buildRows);
        }
        return new RecordBatch(_output, columns, probeRows.Length);
    }
}
