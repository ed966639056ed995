using QueryEngine.Engine.Common;

namespace QueryEngine.Engine.Sql.Parsing;

internal enum TokenKind
{
    EndOfInput,

    /// <summary>An unquoted word: a keyword or an identifier (Text as written, Upper upper-cased).</summary>
    Word,

    /// <summary>A "double quoted" or `backquoted` identifier; Text is the unescaped name.</summary>
    QuotedIdentifier,

    /// <summary>A string literal; Text is the unescaped value.</summary>
    String,

    /// <summary>X'..': Text is the hex digits (whitespace removed, upper-cased).</summary>
    Binary,
    Integer,
    Decimal,
    Double,
    Parameter,
    LeftParen,
    RightParen,
    LeftBracket,
    RightBracket,
    Comma,
    Period,
    Semicolon,
    Colon,
    Plus,
    Minus,
    Asterisk,
    Slash,
    Percent,
    Concat,
    Arrow,
    FatArrow,
    Equal,
    NotEqual,
    LessThan,
    LessThanOrEqual,
    GreaterThan,
    GreaterThanOrEqual,
}

/// <summary>One token with its position in the SQL text.</summary>
internal readonly record struct Token(TokenKind Kind, string Text, string Upper, SourceSpan Span)
{
    public bool IsWord(string upperKeyword) => Kind == TokenKind.Word && string.Equals(Upper, upperKeyword, StringComparison.Ordinal);

    /// <summary>How the token appears in an error message ("found: ...").</summary>
    public string Describe() => Kind switch
    {
        TokenKind.EndOfInput => "end of input",
        TokenKind.Word => Shorten(Text),
        TokenKind.QuotedIdentifier => "\"" + Shorten(Text).Replace("\"", "\"\"", StringComparison.Ordinal) + "\"",
        TokenKind.String => "'" + Shorten(Text).Replace("'", "''", StringComparison.Ordinal) + "'",
        TokenKind.Binary => "X'" + Shorten(Text) + "'",
        _ => Shorten(Text),
    };

    private static string Shorten(string s) => s.Length <= 40 ? s : string.Concat(s.AsSpan(0, 37), "...");
}
