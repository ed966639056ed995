using QueryEngine.Engine.Columnar;
using QueryEngine.Engine.Execution.Vectors;

namespace QueryEngine.Engine.Expressions.Evaluation;

/// <summary>
/// Collects per-branch results of a lazily evaluated construct (CASE, COALESCE, IF): each branch produced values
/// for a disjoint set of rows; <see cref="Build"/> merges them into one vector (rows no branch covered are null).
/// </summary>
internal sealed class BranchAssembler
{
    private readonly DataType _type;
    private readonly int _rows;
    private readonly List<(Vec Values, int[] Rows)> _parts = [];
    private int _covered;

    public BranchAssembler(DataType type, int rows)
    {
        _type = type;
        _rows = rows;
    }

    /// <summary>Adds values for <paramref name="rows"/> (a constant stands for all of them).</summary>
    public void Add(Vec values, int[] rows)
    {
        if (rows.Length == 0) return;
        _parts.Add((values, rows));
        _covered += rows.Length;
    }

    public Vec Build()
    {
        if (_parts.Count == 0) return Vec.Null(_type);
        if (_parts.Count == 1 && _covered == _rows) return _parts[0].Values;
        var arrays = new ArrowArray[_parts.Count];
        var indices = new int[_rows];
        indices.AsSpan().Fill(-1);
        var offset = 0;
        for (var p = 0; p < _parts.Count; p++)
        {
            var (values, rows) = _parts[p];
            var array = values.Expand(rows.Length);
            if (array.Type.Id == TypeId.Null && _type.Id != TypeId.Null) array = ArrayFactory.AllNull(_type, rows.Length);
            arrays[p] = array;
            for (var k = 0; k < rows.Length; k++) indices[rows[k]] = offset + k;
            offset += rows.Length;
        }
        var all = ArrayConcat.Concat(arrays, _type);
        return Vec.Flat(all.Take(indices));
    }
}
