namespace QueryEngine.Engine.Sql.Ast;

/// <summary>
/// A function call. Special syntaxes are normalized to plain calls:
/// <c>a || b</c> is <c>concat(a, b)</c>; <c>substring(s FROM a FOR b)</c> is <c>substring(s, a, b)</c>;
/// <c>position(x IN y)</c> is <c>strpos(y, x)</c>; <c>GROUPING(a, b)</c> is <c>grouping(a, b)</c>;
/// <c>LISTAGG(x, sep) WITHIN GROUP (ORDER BY y)</c> is <c>listagg(x, sep)</c> with <see cref="OrderBy"/> set;
/// NORMALIZE, IF, COALESCE, NULLIF and TRY are ordinary calls. <c>count(*)</c> has <see cref="IsCountStar"/> set
/// and no arguments. Names are as written (the binder lower-cases unquoted parts).
/// </summary>
/// <param name="Filter">The <c>FILTER (WHERE ...)</c> condition of an aggregate.</param>
/// <param name="OrderBy">An ORDER BY inside the argument list (<c>array_agg(x ORDER BY y)</c>).</param>
/// <param name="Window">The OVER clause: a <see cref="WindowReference"/> or an inline <see cref="WindowSpecification"/>.</param>
/// <param name="NullTreatment">IGNORE NULLS / RESPECT NULLS written after the call (window value functions).</param>
public sealed record FunctionCall(
    QualifiedName Name,
    IReadOnlyList<Expression> Arguments,
    bool Distinct,
    Expression? Filter,
    OrderBy? OrderBy,
    Window? Window,
    NullTreatment? NullTreatment,
    bool IsCountStar) : Expression
{
    /// <summary>LISTAGG's <c>ON OVERFLOW ERROR | TRUNCATE ['filler'] WITH | WITHOUT COUNT</c>, when written.</summary>
    public ListaggOverflow? Overflow { get; init; }
}

/// <summary>
/// <c>ON OVERFLOW ERROR</c> (<see cref="Truncate"/> false) or <c>ON OVERFLOW TRUNCATE ['filler'] WITH | WITHOUT COUNT</c>
/// of a LISTAGG call.
/// </summary>
public sealed record ListaggOverflow(bool Truncate, StringLiteral? Filler, bool WithCount) : Node;

/// <summary>An OVER clause target.</summary>
public abstract record Window : Node;

/// <summary><c>OVER w</c>: a reference to a window named in the WINDOW clause.</summary>
public sealed record WindowReference(Identifier Name) : Window;

/// <summary><c>OVER ([existing] [PARTITION BY ...] [ORDER BY ...] [frame])</c>.</summary>
public sealed record WindowSpecification(
    Identifier? ExistingWindowName,
    IReadOnlyList<Expression> PartitionBy,
    OrderBy? OrderBy,
    WindowFrame? Frame) : Window;

public enum WindowFrameType
{
    Rows,
    Range,
    Groups,
}

/// <summary><c>ROWS|RANGE|GROUPS start</c> or <c>... BETWEEN start AND end</c> (End null when no BETWEEN).</summary>
public sealed record WindowFrame(WindowFrameType Type, FrameBound Start, FrameBound? End) : Node;

public enum FrameBoundType
{
    UnboundedPreceding,
    Preceding,
    CurrentRow,
    Following,
    UnboundedFollowing,
}

/// <summary>A frame bound; <see cref="Value"/> is set for <c>n PRECEDING</c> / <c>n FOLLOWING</c>.</summary>
public sealed record FrameBound(FrameBoundType Type, Expression? Value) : Node;

/// <summary><c>WINDOW name AS (spec)</c> in a query specification.</summary>
public sealed record WindowDefinition(Identifier Name, WindowSpecification Window) : Node;

public enum SortOrdering
{
    Ascending,
    Descending,
}

public enum NullOrdering
{
    Undefined,
    First,
    Last,
}

public sealed record OrderBy(IReadOnlyList<SortItem> SortItems) : Node;

public sealed record SortItem(Expression SortKey, SortOrdering Ordering, NullOrdering NullOrdering) : Node;
