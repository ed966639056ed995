namespace QueryEngine.Engine.Tests.SqlLogic;

/// <summary>How a query's result lines are ordered before comparison.</summary>
public enum SltSortMode
{
    /// <summary>Rows compared in the order the query returns them (it must have an ORDER BY).</summary>
    NoSort,

    /// <summary>Rendered rows sorted (ordinal) on both sides.</summary>
    RowSort,

    /// <summary>Every value on its own line, all values sorted (ordinal) on both sides.</summary>
    ValueSort,
}

/// <summary>One record of a .slt file. <see cref="Line"/> is the 1-based header line, <see cref="EndLine"/> the last line it spans.</summary>
public abstract record SltRecord(int Line, int EndLine);

/// <summary><c>statement ok</c> or <c>statement error [substring]</c>: runs every ';'-separated statement of <see cref="Sql"/>.</summary>
public sealed record SltStatement(int Line, int EndLine, string Sql, bool ExpectError, string? ExpectedError) : SltRecord(Line, EndLine);

/// <summary>
/// <c>query &lt;types&gt; [sort] [label]</c> with expected lines after <c>----</c>, or <c>query error [substring]</c>
/// (then <see cref="Types"/> is empty and <see cref="ExpectError"/> true).
/// </summary>
public sealed record SltQuery(
    int Line,
    int EndLine,
    string Sql,
    string Types,
    SltSortMode Sort,
    string? Label,
    IReadOnlyList<string> Expected,
    bool ExpectError,
    string? ExpectedError) : SltRecord(Line, EndLine);

/// <summary><c>halt</c>: stop running the file here.</summary>
public sealed record SltHalt(int Line) : SltRecord(Line, Line);

/// <summary>A parsed .slt file: its name (for messages), its lines as read (for rewriting) and its records.</summary>
public sealed record SltScript(string Name, IReadOnlyList<string> Lines, IReadOnlyList<SltRecord> Records);

/// <summary>A .slt file that does not follow the format.</summary>
public sealed class SltParseException(string file, int line, string message) : Exception($"{file}:{line}: {message}")
{
    public string File { get; } = file;

    public int LineNumber { get; } = line;
}
