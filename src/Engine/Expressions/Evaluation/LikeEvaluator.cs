using QueryEngine.Engine.Columnar;
using QueryEngine.Engine.Execution.Vectors;

namespace QueryEngine.Engine.Expressions.Evaluation;

/// <summary>x [NOT] LIKE pattern [ESCAPE e]. A constant pattern is compiled once; varying patterns are compiled per distinct value.</summary>
internal sealed class LikeEvaluator : Evaluator
{
    private readonly Evaluator _input;
    private readonly Evaluator _pattern;
    private readonly Evaluator? _escape;
    private readonly bool _negated;
    private readonly LikePattern? _constantPattern;
    private readonly bool _constantNull;
    private string? _cachedKey;
    private LikePattern? _cached;

    public LikeEvaluator(Evaluator input, Evaluator pattern, Evaluator? escape, bool negated)
        : base(DataType.Boolean, !pattern.IsConstant || escape is { IsConstant: false }, input, pattern, escape)
    {
        _input = input;
        _pattern = pattern;
        _escape = escape;
        _negated = negated;
        if (pattern is LiteralEvaluator p && (escape is null || escape is LiteralEvaluator))
        {
            var e = escape as LiteralEvaluator;
            if (p.IsNull || e is { IsNull: true }) _constantNull = true;
            else _constantPattern = LikePattern.Compile(((BinaryArray)p.Value).GetString(0), e is null ? null : ((BinaryArray)e.Value).GetString(0));
        }
    }

    public override Vec Evaluate(RecordBatch batch)
    {
        if (_constantNull) return Vec.Null(DataType.Boolean);
        var input = _input.Evaluate(batch);
        var text = (BinaryArray)input.Array;
        var n = text.Length;
        var bits = new byte[Bitmap.BytesFor(n)];
        byte[]? validity = text.Validity is null ? null : Bits.Copy(text.Validity, n);
        if (_constantPattern is not null)
        {
            var offsets = text.Offsets;
            var data = text.Data;
            for (var i = 0; i < n; i++)
            {
                var start = offsets[i];
                if (_constantPattern.Matches(data.AsSpan(start, offsets[i + 1] - start)) != _negated) bits[i >> 3] |= (byte)(1 << (i & 7));
            }
            return new Vec(new BooleanArray(bits, n, validity), input.IsConstant);
        }
        var rows = batch.RowCount;
        var textFlat = (BinaryArray)input.Expand(rows);
        var patterns = (BinaryArray)_pattern.EvaluateFlat(batch);
        var escapes = _escape is null ? null : (BinaryArray)_escape.EvaluateFlat(batch);
        bits = new byte[Bitmap.BytesFor(rows)];
        validity = Bits.And(textFlat.Validity, patterns.Validity, rows);
        if (escapes is not null) validity = Bits.And(validity, escapes.Validity, rows);
        for (var i = 0; i < rows; i++)
        {
            if (validity is not null && !Bitmap.Get(validity, i)) continue;
            var pattern = Compiled(patterns.GetString(i), escapes?.GetString(i));
            if (pattern.Matches(textFlat.GetBytes(i)) != _negated) bits[i >> 3] |= (byte)(1 << (i & 7));
        }
        return Vec.Flat(new BooleanArray(bits, rows, validity));
    }

    private LikePattern Compiled(string pattern, string? escape)
    {
        var key = escape is null ? pattern : escape + "\u0000" + pattern;
        if (_cached is null || _cachedKey != key)
        {
            _cached = LikePattern.Compile(pattern, escape);
            _cachedKey = key;
        }
        return _cached;
    }
}
