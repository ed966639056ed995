namespace QueryEngine.Engine.Common;

/// <summary>
/// Base of every error a user can cause. Carries a stable code, an optional position in the SQL text and
/// an optional hint. Servers translate it into their wire error only at the edge.
/// </summary>
public abstract class QueryException : Exception
{
    protected QueryException(ErrorCode code, string message, SourceSpan? span, string? hint, Exception? inner)
        : base(message, inner)
    {
        Code = code;
        Span = span;
        Hint = hint;
    }

    public ErrorCode Code { get; }

    public SourceSpan? Span { get; }

    public string? Hint { get; }

    /// <summary>The phase prefix shown to users, e.g. "Syntax error".</summary>
    public abstract string Phase { get; }

    /// <summary>One-line description: phase, message, position.</summary>
    public string Describe()
    {
        var at = Span is { IsKnown: true } s ? $" at {s}" : string.Empty;
        var hint = Hint is null ? string.Empty : $" ({Hint})";
        return $"{Phase}: {Message}{at}{hint}";
    }

    /// <summary>
    /// Multi-line rendering: the description, then the offending SQL line and a caret under the span.
    /// </summary>
    public string Render(string? sql)
    {
        var text = Describe();
        if (sql is null || Span is not { IsKnown: true } span || span.Line <= 0) return text;
        var lines = sql.Split('\n');
        if (span.Line > lines.Length) return text;
        var line = lines[span.Line - 1].TrimEnd('\r');
        var col = Math.Clamp(span.Column - 1, 0, line.Length);
        var width = Math.Max(1, Math.Min(span.Length, Math.Max(1, line.Length - col)));
        return $"{text}\n  {line}\n  {new string(' ', col)}{new string('^', width)}";
    }
}

public sealed class SyntaxException(string message, SourceSpan? span = null, string? hint = null)
    : QueryException(ErrorCode.SyntaxError, message, span, hint, null)
{
    public override string Phase => "Syntax error";
}

public sealed class SemanticException(string message, SourceSpan? span = null, string? hint = null, ErrorCode code = ErrorCode.SemanticError)
    : QueryException(code, message, span, hint, null)
{
    public override string Phase => "Semantic error";
}

public sealed class NotFoundException(ErrorCode code, string message, SourceSpan? span = null, string? hint = null)
    : QueryException(code, message, span, hint, null)
{
    public override string Phase => "Not found";
}

public sealed class ExecutionException(string message, ErrorCode code = ErrorCode.ExecutionError, Exception? inner = null)
    : QueryException(code, message, null, null, inner)
{
    public override string Phase => "Execution error";
}

public sealed class ResourceExhaustedException(string message)
    : QueryException(ErrorCode.ResourceExhausted, message, null, null, null)
{
    public override string Phase => "Resources exhausted";
}

/// <summary>A file that does not follow its format; names the file and the byte offset where reading failed.</summary>
public sealed class CorruptDataException(string file, long offset, string message, Exception? inner = null)
    : QueryException(ErrorCode.CorruptData, $"{file} at byte {offset}: {message}", null, null, inner)
{
    public string File { get; } = file;

    public long Offset { get; } = offset;

    public override string Phase => "Corrupt data";
}

public sealed class ProtocolException(string message)
    : QueryException(ErrorCode.ProtocolError, message, null, null, null)
{
    public override string Phase => "Protocol error";
}

public sealed class NotSupportedQueryException(string message, SourceSpan? span = null)
    : QueryException(ErrorCode.NotSupported, message, span, null, null)
{
    public override string Phase => "Not supported";
}

public sealed class StorageException(string message, Exception? inner = null, StorageFailure failure = StorageFailure.Other)
    : QueryException(ErrorCode.IoError, message, null, null, inner)
{
    /// <summary>Not found, access denied, unreachable, or other: what a server maps to its status code.</summary>
    public StorageFailure Failure { get; } = failure;

    public override string Phase => "Storage error";
}

/// <summary>A bug in QueryEngine, never the user's fault.</summary>
public sealed class InternalException(string message, Exception? inner = null)
    : QueryException(ErrorCode.InternalError, message, null, null, inner)
{
    public override string Phase => "Internal error (this is a bug)";
}
