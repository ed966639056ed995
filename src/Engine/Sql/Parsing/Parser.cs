using System.Collections.Frozen;
using System.Runtime.CompilerServices;
using QueryEngine.Engine.Common;
using QueryEngine.Engine.Sql.Ast;

namespace QueryEngine.Engine.Sql.Parsing;

/// <summary>
/// Recursive-descent parser with Pratt-style expression parsing (see Parser.Expressions.cs). One instance parses
/// one SQL text. Every failure is a <see cref="SyntaxException"/> ("Expected: X, found: Y" with the span of the
/// offending token); nesting deeper than <see cref="MaxDepth"/> is rejected instead of overflowing the stack.
/// </summary>
internal sealed partial class Parser
{
    /// <summary>Maximum nesting of expressions, queries and relations (left-deep operator chains count too).</summary>
    public const int MaxDepth = 500;

    /// <summary>Trino's reserved words: usable as identifiers only when quoted.</summary>
    internal static readonly FrozenSet<string> ReservedWords = FrozenSet.ToFrozenSet(
    [
        "ALTER", "AND", "AS", "BETWEEN", "BY", "CASE", "CAST", "CONSTRAINT", "CREATE", "CROSS", "CUBE",
        "CURRENT_CATALOG", "CURRENT_DATE", "CURRENT_PATH", "CURRENT_ROLE", "CURRENT_SCHEMA", "CURRENT_TIME",
        "CURRENT_TIMESTAMP", "CURRENT_USER", "DEALLOCATE", "DELETE", "DESCRIBE", "DISTINCT", "DROP", "ELSE", "END",
        "ESCAPE", "EXCEPT", "EXECUTE", "EXISTS", "EXTRACT", "FALSE", "FOR", "FROM", "FULL", "GROUP", "GROUPING",
        "HAVING", "IN", "INNER", "INSERT", "INTERSECT", "INTO", "IS", "JOIN", "JSON_ARRAY", "JSON_EXISTS",
        "JSON_OBJECT", "JSON_QUERY", "JSON_TABLE", "JSON_VALUE", "LEFT", "LIKE", "LISTAGG", "LOCALTIME",
        "LOCALTIMESTAMP", "NATURAL", "NORMALIZE", "NOT", "NULL", "ON", "OR", "ORDER", "OUTER", "PREPARE",
        "RECURSIVE", "RIGHT", "ROLLUP", "SELECT", "SKIP", "TABLE", "THEN", "TRIM", "TRUE", "UESCAPE", "UNION",
        "UNNEST", "USING", "VALUES", "WHEN", "WHERE", "WITH",
    ], StringComparer.Ordinal);

    /// <summary>Non-reserved words that still cannot be an alias written without AS, because a clause starts there.</summary>
    private static readonly FrozenSet<string> NonAliasWords = FrozenSet.ToFrozenSet(
        ["LIMIT", "OFFSET", "FETCH", "WINDOW", "TABLESAMPLE", "MATCH_RECOGNIZE"], StringComparer.Ordinal);

    private readonly string _sql;
    private readonly List<Token> _tokens;
    private int _pos;
    private int _depth;
    private int _parameterCount;

    public Parser(string sql)
    {
        _sql = sql;
        _tokens = Lexer.Tokenize(sql);
    }

    // ---------------------------------------------------------------- entry points

    public List<Statement> ParseStatementList()
    {
        var statements = new List<Statement>();
        while (true)
        {
            while (TryConsume(TokenKind.Semicolon))
            {
            }

            if (Current.Kind == TokenKind.EndOfInput) return statements;
            statements.Add(ParseStatement());
            if (Current.Kind == TokenKind.EndOfInput) return statements;
            if (Current.Kind != TokenKind.Semicolon) throw Expected("end of statement");
        }
    }

    public Statement ParseSingleStatement()
    {
        var statement = ParseStatement();
        while (TryConsume(TokenKind.Semicolon))
        {
        }

        if (Current.Kind != TokenKind.EndOfInput)
        {
            throw Expected(_pos > 0 && _tokens[_pos - 1].Kind == TokenKind.Semicolon ? "end of input (only one statement is allowed)" : "end of statement");
        }

        return statement;
    }

    public Expression ParseStandaloneExpression()
    {
        var expression = ParseExpression();
        ExpectEnd();
        return expression;
    }

    public DataTypeSyntax ParseStandaloneDataType()
    {
        var type = ParseDataType();
        ExpectEnd();
        return type;
    }

    private void ExpectEnd()
    {
        if (Current.Kind != TokenKind.EndOfInput) throw Expected("end of input");
    }

    // ---------------------------------------------------------------- token navigation

    private Token Current => _tokens[_pos];

    private Token Previous => _tokens[_pos > 0 ? _pos - 1 : 0];

    private Token Peek(int k) => _tokens[Math.Min(_pos + k, _tokens.Count - 1)];

    private Token Advance()
    {
        var token = _tokens[_pos];
        if (token.Kind != TokenKind.EndOfInput) _pos++;
        return token;
    }

    private bool At(TokenKind kind) => Current.Kind == kind;

    private bool AtWord(string keyword) => Current.IsWord(keyword);

    private bool AtWord(string keyword, int k) => Peek(k).IsWord(keyword);

    private bool TryConsume(TokenKind kind)
    {
        if (Current.Kind != kind) return false;
        _pos++;
        return true;
    }

    private bool TryWord(string keyword)
    {
        if (!Current.IsWord(keyword)) return false;
        _pos++;
        return true;
    }

    /// <summary>Consumes the whole keyword sequence if all of it is next; otherwise consumes nothing.</summary>
    private bool TryWords(string first, string second)
    {
        if (!Current.IsWord(first) || !Peek(1).IsWord(second)) return false;
        _pos += 2;
        return true;
    }

    private bool TryWords(string first, string second, string third)
    {
        if (!Current.IsWord(first) || !Peek(1).IsWord(second) || !Peek(2).IsWord(third)) return false;
        _pos += 3;
        return true;
    }

    private Token ExpectWord(string keyword)
    {
        if (!Current.IsWord(keyword)) throw Expected(keyword);
        return Advance();
    }

    private void ExpectWords(string first, string second)
    {
        ExpectWord(first);
        ExpectWord(second);
    }

    private Token Expect(TokenKind kind)
    {
        if (Current.Kind != kind) throw Expected(Describe(kind));
        return Advance();
    }

    private static string Describe(TokenKind kind) => kind switch
    {
        TokenKind.LeftParen => "'('",
        TokenKind.RightParen => "')'",
        TokenKind.LeftBracket => "'['",
        TokenKind.RightBracket => "']'",
        TokenKind.Comma => "','",
        TokenKind.Period => "'.'",
        TokenKind.Semicolon => "';'",
        TokenKind.Colon => "':'",
        TokenKind.Equal => "'='",
        TokenKind.LessThan => "'<'",
        TokenKind.GreaterThan => "'>'",
        TokenKind.Arrow => "'->'",
        TokenKind.String => "a string literal",
        TokenKind.Integer => "an integer",
        _ => kind.ToString(),
    };

    private SyntaxException Expected(string what) =>
        new($"Expected: {what}, found: {Current.Describe()}", Current.Span);

    private SourceSpan SpanFrom(Token start) => start.Span.Union(Previous.Span);

    private SourceSpan SpanFrom(SourceSpan start) => start.Union(Previous.Span);

    // ---------------------------------------------------------------- recursion guard

    private DepthGuard Nest()
    {
        _depth++;
        if (_depth > MaxDepth)
        {
            throw new SyntaxException($"Statement is too deeply nested (more than {MaxDepth} levels)", Current.Span);
        }

        if (!RuntimeHelpers.TryEnsureSufficientExecutionStack())
        {
            throw new SyntaxException("Statement is too deeply nested for the available stack", Current.Span);
        }

        return new DepthGuard(this);
    }

    private readonly ref struct DepthGuard(Parser parser)
    {
        public void Dispose() => parser._depth--;
    }

    // ---------------------------------------------------------------- identifiers and names

    private bool AtIdentifier(int k = 0)
    {
        var token = Peek(k);
        return token.Kind == TokenKind.QuotedIdentifier || (token.Kind == TokenKind.Word && !ReservedWords.Contains(token.Upper));
    }

    /// <summary>An identifier that may be written without AS as an alias.</summary>
    private bool AtImplicitAlias() => AtIdentifier() && !(Current.Kind == TokenKind.Word && NonAliasWords.Contains(Current.Upper));

    private Identifier ParseIdentifier(string what = "an identifier", bool allowReserved = false)
    {
        var token = Current;
        if (token.Kind == TokenKind.QuotedIdentifier)
        {
            _pos++;
            return new Identifier(token.Text, true) { Span = token.Span };
        }

        if (token.Kind == TokenKind.Word && (allowReserved || !ReservedWords.Contains(token.Upper)))
        {
            _pos++;
            return new Identifier(token.Text, false) { Span = token.Span };
        }

        throw Expected(what);
    }

    private QualifiedName ParseQualifiedName(string what = "a name")
    {
        var start = Current;
        var parts = new List<Identifier> { ParseIdentifier(what) };
        while (At(TokenKind.Period) && (Peek(1).Kind is TokenKind.Word or TokenKind.QuotedIdentifier))
        {
            _pos++;
            parts.Add(ParseIdentifier(what));
        }

        return new QualifiedName(new NodeList<Identifier>(parts)) { Span = SpanFrom(start) };
    }

    private NodeList<Identifier> ParseParenthesizedIdentifiers()
    {
        Expect(TokenKind.LeftParen);
        var names = new List<Identifier> { ParseIdentifier() };
        while (TryConsume(TokenKind.Comma)) names.Add(ParseIdentifier());
        Expect(TokenKind.RightParen);
        return new NodeList<Identifier>(names);
    }

    private string ParseStringLiteral(string what = "a string literal")
    {
        if (!At(TokenKind.String)) throw Expected(what);
        return Advance().Text;
    }

    /// <summary>
    /// A string in Hive DDL: Hive also accepts double-quoted strings (<c>"k" = "v"</c>), which the lexer reads as
    /// quoted identifiers; their text is used as the string value.
    /// </summary>
    private string ParseHiveString(string what = "a string literal")
    {
        if (!At(TokenKind.String) && !At(TokenKind.QuotedIdentifier)) throw Expected(what);
        return Advance().Text;
    }

    private long ParseIntegerValue(string what = "an integer")
    {
        if (!At(TokenKind.Integer)) throw Expected(what);
        var token = Current;
        if (!long.TryParse(token.Text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var value))
        {
            throw new SyntaxException($"Integer {token.Text} is too large", token.Span);
        }

        _pos++;
        return value;
    }

    private static NodeList<T> ListOf<T>(List<T> items) => items.Count == 0 ? NodeList<T>.Empty : new NodeList<T>(items);
}
