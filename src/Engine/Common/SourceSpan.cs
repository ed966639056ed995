namespace QueryEngine.Engine.Common;

/// <summary>A position in SQL text: 1-based line and column plus the 0-based character offset and length.</summary>
public readonly record struct SourceSpan(int Offset, int Length, int Line, int Column)
{
    public static readonly SourceSpan None = new(-1, 0, 0, 0);

    public bool IsKnown => Offset >= 0;

    public int End => Offset + Length;

    /// <summary>The smallest span covering both.</summary>
    public SourceSpan Union(SourceSpan other)
    {
        if (!IsKnown) return other;
        if (!other.IsKnown) return this;
        var first = Offset <= other.Offset ? this : other;
        var end = Math.Max(End, other.End);
        return new SourceSpan(first.Offset, end - first.Offset, first.Line, first.Column);
    }

    public override string ToString() => IsKnown ? $"line {Line}, column {Column}" : "unknown position";
}
