using System.Globalization;
using System.Text;
using QueryEngine.Engine.Common;

namespace QueryEngine.Engine.Sql.Parsing;

/// <summary>
/// Hand-written tokenizer for the Trino/Athena dialect. Produces the whole token list up front (ending with an
/// <see cref="TokenKind.EndOfInput"/> token) so the parser can look ahead freely. Every lexical error is a
/// <see cref="SyntaxException"/> with the span of the offending text.
/// </summary>
internal sealed class Lexer
{
    private readonly string _sql;
    private int _pos;
    private int _line = 1;
    private int _lineStart;

    public Lexer(string sql)
    {
        _sql = sql;
    }

    public static List<Token> Tokenize(string sql) => new Lexer(sql).Run();

    private List<Token> Run()
    {
        var tokens = new List<Token>();
        while (true)
        {
            SkipWhitespaceAndComments();
            if (_pos >= _sql.Length)
            {
                tokens.Add(new Token(TokenKind.EndOfInput, string.Empty, string.Empty, new SourceSpan(_pos, 0, _line, _pos - _lineStart + 1)));
                return tokens;
            }

            tokens.Add(NextToken());
        }
    }

    private char Current => _pos < _sql.Length ? _sql[_pos] : '\0';

    private char PeekChar(int k) => _pos + k < _sql.Length ? _sql[_pos + k] : '\0';

    private void Advance()
    {
        if (_sql[_pos] == '\n')
        {
            _line++;
            _lineStart = _pos + 1;
        }

        _pos++;
    }

    private (int Offset, int Line, int Column) Mark() => (_pos, _line, _pos - _lineStart + 1);

    private SourceSpan SpanFrom((int Offset, int Line, int Column) start) =>
        new(start.Offset, _pos - start.Offset, start.Line, start.Column);

    private void SkipWhitespaceAndComments()
    {
        while (_pos < _sql.Length)
        {
            var c = _sql[_pos];
            if (char.IsWhiteSpace(c))
            {
                Advance();
            }
            else if (c == '-' && PeekChar(1) == '-')
            {
                while (_pos < _sql.Length && _sql[_pos] != '\n') _pos++;
            }
            else if (c == '/' && PeekChar(1) == '*')
            {
                var start = Mark();
                Advance();
                Advance();
                while (true)
                {
                    if (_pos >= _sql.Length)
                    {
                        throw new SyntaxException("Unterminated comment: '/*' has no matching '*/'", new SourceSpan(start.Offset, 2, start.Line, start.Column));
                    }

                    if (_sql[_pos] == '*' && PeekChar(1) == '/')
                    {
                        Advance();
                        Advance();
                        break;
                    }

                    Advance();
                }
            }
            else
            {
                return;
            }
        }
    }

    private Token NextToken()
    {
        var start = Mark();
        var c = _sql[_pos];

        if ((c == 'X' || c == 'x') && PeekChar(1) == '\'') return LexBinary(start);
        if ((c == 'U' || c == 'u') && PeekChar(1) == '&' && PeekChar(2) == '\'') return LexUnicodeString(start);
        if (IsIdentifierStart(c)) return LexWord(start);
        if (char.IsAsciiDigit(c) || (c == '.' && char.IsAsciiDigit(PeekChar(1)))) return LexNumber(start);

        switch (c)
        {
            case '\'':
                return new Token(TokenKind.String, ReadQuoted('\'', start, "string literal"), string.Empty, SpanFrom(start));
            case '"':
            case '`':
            {
                var name = ReadQuoted(c, start, "quoted identifier");
                if (name.Length == 0)
                {
                    throw new SyntaxException("Zero-length delimited identifier not allowed", SpanFrom(start));
                }

                return new Token(TokenKind.QuotedIdentifier, name, string.Empty, SpanFrom(start));
            }
        }

        var (kind, length) = c switch
        {
            '(' => (TokenKind.LeftParen, 1),
            ')' => (TokenKind.RightParen, 1),
            '[' => (TokenKind.LeftBracket, 1),
            ']' => (TokenKind.RightBracket, 1),
            ',' => (TokenKind.Comma, 1),
            '.' => (TokenKind.Period, 1),
            ';' => (TokenKind.Semicolon, 1),
            ':' => (TokenKind.Colon, 1),
            '+' => (TokenKind.Plus, 1),
            '-' when PeekChar(1) == '>' => (TokenKind.Arrow, 2),
            '-' => (TokenKind.Minus, 1),
            '*' => (TokenKind.Asterisk, 1),
            '/' => (TokenKind.Slash, 1),
            '%' => (TokenKind.Percent, 1),
            '?' => (TokenKind.Parameter, 1),
            '|' when PeekChar(1) == '|' => (TokenKind.Concat, 2),
            '=' when PeekChar(1) == '>' => (TokenKind.FatArrow, 2),
            '=' => (TokenKind.Equal, 1),
            '!' when PeekChar(1) == '=' => (TokenKind.NotEqual, 2),
            '<' when PeekChar(1) == '>' => (TokenKind.NotEqual, 2),
            '<' when PeekChar(1) == '=' => (TokenKind.LessThanOrEqual, 2),
            '<' => (TokenKind.LessThan, 1),
            '>' when PeekChar(1) == '=' => (TokenKind.GreaterThanOrEqual, 2),
            '>' => (TokenKind.GreaterThan, 1),
            _ => (TokenKind.EndOfInput, 0),
        };

        if (length == 0)
        {
            var shown = char.IsControl(c) || char.IsSurrogate(c)
                ? "U+" + ((int)c).ToString("X4", CultureInfo.InvariantCulture)
                : "'" + c + "'";
            throw new SyntaxException($"Unexpected character {shown}", new SourceSpan(_pos, 1, _line, _pos - _lineStart + 1));
        }

        var text = _sql.Substring(_pos, length);
        for (var i = 0; i < length; i++) Advance();
        return new Token(kind, text, string.Empty, SpanFrom(start));
    }

    internal static bool IsIdentifierStart(char c) => char.IsAsciiLetter(c) || c == '_';

    internal static bool IsIdentifierPart(char c) => char.IsAsciiLetterOrDigit(c) || c == '_';

    private Token LexWord((int Offset, int Line, int Column) start)
    {
        while (_pos < _sql.Length && IsIdentifierPart(_sql[_pos])) _pos++;
        var text = _sql[start.Offset.._pos];
        return new Token(TokenKind.Word, text, text.ToUpperInvariant(), SpanFrom(start));
    }

    private Token LexNumber((int Offset, int Line, int Column) start)
    {
        var kind = TokenKind.Integer;
        while (char.IsAsciiDigit(Current)) _pos++;
        if (Current == '.')
        {
            kind = TokenKind.Decimal;
            _pos++;
            while (char.IsAsciiDigit(Current)) _pos++;
        }

        if ((Current == 'e' || Current == 'E') &&
            (char.IsAsciiDigit(PeekChar(1)) || ((PeekChar(1) == '+' || PeekChar(1) == '-') && char.IsAsciiDigit(PeekChar(2)))))
        {
            kind = TokenKind.Double;
            _pos += 2;
            while (char.IsAsciiDigit(Current)) _pos++;
        }

        if (IsIdentifierPart(Current))
        {
            while (IsIdentifierPart(Current)) _pos++;
            throw new SyntaxException(
                $"Invalid number or identifier '{_sql[start.Offset.._pos]}': identifiers must not start with a digit; surround the identifier with double quotes",
                SpanFrom(start));
        }

        var text = _sql[start.Offset.._pos];
        return new Token(kind, text, string.Empty, SpanFrom(start));
    }

    /// <summary>Reads a quoted run starting at the opening quote; a doubled quote is an escaped quote.</summary>
    private string ReadQuoted(char quote, (int Offset, int Line, int Column) start, string what)
    {
        Advance();
        var sb = new StringBuilder();
        while (true)
        {
            if (_pos >= _sql.Length)
            {
                throw new SyntaxException($"Unterminated {what}", new SourceSpan(start.Offset, 1, start.Line, start.Column));
            }

            var c = _sql[_pos];
            if (c == quote)
            {
                if (PeekChar(1) == quote)
                {
                    sb.Append(quote);
                    Advance();
                    Advance();
                    continue;
                }

                Advance();
                return sb.ToString();
            }

            sb.Append(c);
            Advance();
        }
    }

    private Token LexBinary((int Offset, int Line, int Column) start)
    {
        Advance();
        var raw = ReadQuoted('\'', start, "binary literal");
        var sb = new StringBuilder(raw.Length);
        foreach (var ch in raw)
        {
            if (char.IsWhiteSpace(ch)) continue;
            if (!char.IsAsciiHexDigit(ch))
            {
                throw new SyntaxException("Binary literal can only contain hexadecimal digits", SpanFrom(start));
            }

            sb.Append(char.ToUpperInvariant(ch));
        }

        if (sb.Length % 2 != 0)
        {
            throw new SyntaxException("Binary literal must contain an even number of digits", SpanFrom(start));
        }

        return new Token(TokenKind.Binary, sb.ToString(), string.Empty, SpanFrom(start));
    }

    /// <summary>U&amp;'...' [UESCAPE 'c']: escapes are \XXXX and \+XXXXXX (hex code points) and \\ for the escape itself.</summary>
    private Token LexUnicodeString((int Offset, int Line, int Column) start)
    {
        Advance();
        Advance();
        var raw = ReadQuoted('\'', start, "Unicode string literal");
        var escape = '\\';
        var afterString = (_pos, _line, _lineStart);
        SkipWhitespaceAndComments();
        if (_pos + 7 <= _sql.Length && string.Compare(_sql, _pos, "UESCAPE", 0, 7, StringComparison.OrdinalIgnoreCase) == 0 &&
            !IsIdentifierPart(PeekChar(7)))
        {
            for (var i = 0; i < 7; i++) Advance();
            SkipWhitespaceAndComments();
            if (Current != '\'')
            {
                throw new SyntaxException("Expected: a one-character string after UESCAPE", SpanFrom(start));
            }

            var escStart = Mark();
            var esc = ReadQuoted('\'', escStart, "string literal");
            if (esc.Length != 1 || char.IsAsciiHexDigit(esc[0]) || esc[0] is '+' or '\'' or '"' || char.IsWhiteSpace(esc[0]))
            {
                throw new SyntaxException("Invalid Unicode escape character: must be a single character other than a hex digit, '+', quote or whitespace", SpanFrom(escStart));
            }

            escape = esc[0];
        }
        else
        {
            (_pos, _line, _lineStart) = afterString;
        }

        var span = SpanFrom(start);
        return new Token(TokenKind.String, DecodeUnicode(raw, escape, span), string.Empty, span);
    }

    private static string DecodeUnicode(string raw, char escape, SourceSpan span)
    {
        var sb = new StringBuilder(raw.Length);
        for (var i = 0; i < raw.Length; i++)
        {
            var c = raw[i];
            if (c != escape)
            {
                sb.Append(c);
                continue;
            }

            if (i + 1 < raw.Length && raw[i + 1] == escape)
            {
                sb.Append(escape);
                i++;
                continue;
            }

            var digits = i + 1 < raw.Length && raw[i + 1] == '+' ? 6 : 4;
            var first = digits == 6 ? i + 2 : i + 1;
            if (first + digits > raw.Length)
            {
                throw new SyntaxException($"Incomplete Unicode escape sequence: expected {digits} hex digits after '{escape}'", span);
            }

            var hex = raw.AsSpan(first, digits);
            foreach (var h in hex)
            {
                if (!char.IsAsciiHexDigit(h))
                {
                    throw new SyntaxException($"Invalid hexadecimal digit '{h}' in Unicode escape sequence", span);
                }
            }

            var codePoint = int.Parse(hex, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture);
            if (codePoint > 0x10FFFF || (codePoint >= 0xD800 && codePoint <= 0xDFFF))
            {
                throw new SyntaxException($"Invalid Unicode code point U+{codePoint:X}", span);
            }

            sb.Append(char.ConvertFromUtf32(codePoint));
            i = first + digits - 1;
        }

        return sb.ToString();
    }
}
