using QueryEngine.Engine.Common;
using QueryEngine.Engine.Sql.Ast;

namespace QueryEngine.Engine.Sql.Parsing;

/// <summary>Primary expressions that start with a word: literals, special forms, names and function calls.</summary>
internal sealed partial class Parser
{
    private Expression ParseWordPrefix()
    {
        var token = Current;
        if (token.Kind == TokenKind.Word)
        {
            var special = TryParseSpecialForm(token);
            if (special is not null) return special;
        }

        if (token.Kind == TokenKind.Word && ReservedWords.Contains(token.Upper))
        {
            throw Expected("an expression");
        }

        // name -> body
        if (Peek(1).Kind == TokenKind.Arrow)
        {
            var parameter = ParseIdentifier();
            _pos++;
            var body = ParseExpression();
            return new LambdaExpression(NodeList.Of(parameter), body) { Span = SpanFrom(token) };
        }

        // typename 'literal'
        if (token.Kind == TokenKind.Word && Peek(1).Kind == TokenKind.String)
        {
            _pos++;
            var value = Advance().Text;
            return new GenericLiteral(token.Text.ToLowerInvariant(), value) { Span = SpanFrom(token) };
        }

        // a.b.c(...) is a call of a qualified function; otherwise identifiers and dereferences are built by the
        // postfix loop.
        var k = 1;
        while (Peek(k).Kind == TokenKind.Period && (Peek(k + 1).Kind == TokenKind.QuotedIdentifier ||
                                                   (Peek(k + 1).Kind == TokenKind.Word && !ReservedWords.Contains(Peek(k + 1).Upper))))
        {
            k += 2;
        }

        if (Peek(k).Kind == TokenKind.LeftParen)
        {
            var name = ParseQualifiedName();
            return ParseFunctionCall(name, token);
        }

        return ParseIdentifier();
    }

    /// <summary>Keyword-introduced expressions; null when the word is not one (or not followed as required).</summary>
    private Expression? TryParseSpecialForm(Token token)
    {
        var next = Peek(1).Kind;
        switch (token.Upper)
        {
            case "TRUE":
            case "FALSE":
                _pos++;
                return new BooleanLiteral(token.Upper == "TRUE") { Span = token.Span };
            case "NULL":
                _pos++;
                return new NullLiteral { Span = token.Span };
            case "CASE":
                return ParseCase();
            case "CAST":
            case "TRY_CAST" when next == TokenKind.LeftParen:
                return ParseCast();
            case "EXTRACT":
                return ParseExtract();
            case "TRIM":
                return ParseTrim();
            case "EXISTS":
            {
                _pos++;
                Expect(TokenKind.LeftParen);
                var query = ParseQuery();
                Expect(TokenKind.RightParen);
                return new ExistsPredicate(query) { Span = SpanFrom(token) };
            }

            case "NOT":
            {
                _pos++;
                var operand = ParseSubexpression(Precedence.Not);
                return new NotExpression(operand) { Span = token.Span.Union(operand.Span) };
            }

            case "CURRENT_DATE":
                _pos++;
                return new CurrentTimeExpression(CurrentTimeFunction.CurrentDate, null) { Span = token.Span };
            case "CURRENT_TIME":
                return ParseCurrentTime(CurrentTimeFunction.CurrentTime);
            case "CURRENT_TIMESTAMP":
                return ParseCurrentTime(CurrentTimeFunction.CurrentTimestamp);
            case "LOCALTIME":
                return ParseCurrentTime(CurrentTimeFunction.LocalTime);
            case "LOCALTIMESTAMP":
                return ParseCurrentTime(CurrentTimeFunction.LocalTimestamp);
            case "CURRENT_USER":
                _pos++;
                return new SessionContextExpression(SessionContextFunction.CurrentUser) { Span = token.Span };
            case "CURRENT_CATALOG":
                _pos++;
                return new SessionContextExpression(SessionContextFunction.CurrentCatalog) { Span = token.Span };
            case "CURRENT_SCHEMA":
                _pos++;
                return new SessionContextExpression(SessionContextFunction.CurrentSchema) { Span = token.Span };
            case "CURRENT_PATH":
                _pos++;
                return new SessionContextExpression(SessionContextFunction.CurrentPath) { Span = token.Span };
            case "INTERVAL" when next is TokenKind.String or TokenKind.Plus or TokenKind.Minus:
                return ParseInterval();
            case "ARRAY" when next == TokenKind.LeftBracket:
                return ParseArrayConstructor();
            case "ROW" when next == TokenKind.LeftParen:
            {
                _pos += 2;
                var items = new List<Expression> { ParseExpression() };
                while (TryConsume(TokenKind.Comma)) items.Add(ParseExpression());
                Expect(TokenKind.RightParen);
                return new RowConstructor(new NodeList<Expression>(items)) { Span = SpanFrom(token) };
            }

            case "GROUPING" when next == TokenKind.LeftParen:
            {
                _pos++;
                var name = new QualifiedName(NodeList.Of(new Identifier(token.Text, false) { Span = token.Span })) { Span = token.Span };
                return ParseFunctionCall(name, token);
            }

            case "NORMALIZE" when next == TokenKind.LeftParen:
                return ParseNormalize();
            case "LISTAGG" when next == TokenKind.LeftParen:
                return ParseListagg();
            case "POSITION" when next == TokenKind.LeftParen:
                return ParsePosition();
            case "SUBSTRING" when next == TokenKind.LeftParen:
                return ParseSubstring();
            default:
                return null;
        }
    }

    private Expression ParseCase()
    {
        var start = Advance();
        Expression? operand = null;
        if (!AtWord("WHEN")) operand = ParseExpression();
        var whens = new List<WhenClause>();
        while (AtWord("WHEN"))
        {
            var whenStart = Advance();
            var condition = ParseExpression();
            ExpectWord("THEN");
            var result = ParseExpression();
            whens.Add(new WhenClause(condition, result) { Span = SpanFrom(whenStart) });
        }

        if (whens.Count == 0) throw Expected("WHEN");
        Expression? otherwise = null;
        if (TryWord("ELSE")) otherwise = ParseExpression();
        ExpectWord("END");
        var clauses = new NodeList<WhenClause>(whens);
        return operand is null
            ? new SearchedCaseExpression(clauses, otherwise) { Span = SpanFrom(start) }
            : new SimpleCaseExpression(operand, clauses, otherwise) { Span = SpanFrom(start) };
    }

    private Expression ParseCast()
    {
        var start = Advance();
        Expect(TokenKind.LeftParen);
        var value = ParseExpression();
        ExpectWord("AS");
        var type = ParseDataType();
        Expect(TokenKind.RightParen);
        return new CastExpression(value, type, start.Upper == "TRY_CAST") { Span = SpanFrom(start) };
    }

    private Expression ParseExtract()
    {
        var start = Advance();
        Expect(TokenKind.LeftParen);
        if (!At(TokenKind.Word) && !At(TokenKind.QuotedIdentifier)) throw Expected("a date/time field");
        var fieldToken = Current;
        ExtractField? field = fieldToken.Upper switch
        {
            "YEAR" => ExtractField.Year,
            "QUARTER" => ExtractField.Quarter,
            "MONTH" => ExtractField.Month,
            "WEEK" => ExtractField.Week,
            "DAY" or "DAY_OF_MONTH" => ExtractField.Day,
            "DAY_OF_WEEK" or "DOW" => ExtractField.DayOfWeek,
            "DAY_OF_YEAR" or "DOY" => ExtractField.DayOfYear,
            "YEAR_OF_WEEK" or "YOW" => ExtractField.YearOfWeek,
            "HOUR" => ExtractField.Hour,
            "MINUTE" => ExtractField.Minute,
            "SECOND" => ExtractField.Second,
            "TIMEZONE_HOUR" => ExtractField.TimezoneHour,
            "TIMEZONE_MINUTE" => ExtractField.TimezoneMinute,
            _ => null,
        };
        if (field is null || fieldToken.Kind != TokenKind.Word) throw Expected("a date/time field (YEAR, QUARTER, MONTH, WEEK, DAY, DAY_OF_WEEK, DAY_OF_YEAR, YEAR_OF_WEEK, HOUR, MINUTE, SECOND, TIMEZONE_HOUR, TIMEZONE_MINUTE)");
        _pos++;
        ExpectWord("FROM");
        var value = ParseExpression();
        Expect(TokenKind.RightParen);
        return new ExtractExpression(field.Value, value) { Span = SpanFrom(start) };
    }

    private Expression ParseTrim()
    {
        var start = Advance();
        Expect(TokenKind.LeftParen);
        TrimSpecification? specification = Current.Kind != TokenKind.Word ? null : Current.Upper switch
        {
            "BOTH" => TrimSpecification.Both,
            "LEADING" => TrimSpecification.Leading,
            "TRAILING" => TrimSpecification.Trailing,
            _ => null,
        };
        if (specification is not null) _pos++;

        Expression? characters = null;
        Expression value;
        if (TryWord("FROM"))
        {
            value = ParseExpression();
        }
        else
        {
            var first = ParseExpression();
            if (TryWord("FROM"))
            {
                characters = first;
                value = ParseExpression();
            }
            else if (specification is null && TryConsume(TokenKind.Comma))
            {
                value = first;
                characters = ParseExpression();
            }
            else if (specification is null)
            {
                value = first;
            }
            else
            {
                throw Expected("FROM");
            }
        }

        Expect(TokenKind.RightParen);
        return new TrimExpression(specification ?? TrimSpecification.Both, value, characters) { Span = SpanFrom(start) };
    }

    private Expression ParseCurrentTime(CurrentTimeFunction function)
    {
        var start = Advance();
        int? precision = null;
        if (TryConsume(TokenKind.LeftParen))
        {
            var value = ParseIntegerValue("a precision");
            if (value > 12) throw new SyntaxException($"Precision {value} is out of range (0 to 12)", Previous.Span);
            precision = (int)value;
            Expect(TokenKind.RightParen);
        }

        return new CurrentTimeExpression(function, precision) { Span = SpanFrom(start) };
    }

    private Expression ParseInterval()
    {
        var start = Advance();
        var sign = IntervalSign.Positive;
        if (TryConsume(TokenKind.Minus)) sign = IntervalSign.Negative;
        else TryConsume(TokenKind.Plus);
        var value = ParseStringLiteral();
        var from = ParseIntervalField();
        IntervalField? to = null;
        if (TryWord("TO")) to = ParseIntervalField();
        return new IntervalLiteral(value, sign, from, to) { Span = SpanFrom(start) };
    }

    private IntervalField ParseIntervalField()
    {
        IntervalField? field = Current.Kind != TokenKind.Word ? null : Current.Upper switch
        {
            "YEAR" => IntervalField.Year,
            "MONTH" => IntervalField.Month,
            "DAY" => IntervalField.Day,
            "HOUR" => IntervalField.Hour,
            "MINUTE" => IntervalField.Minute,
            "SECOND" => IntervalField.Second,
            _ => null,
        };
        if (field is null) throw Expected("an interval field (YEAR, MONTH, DAY, HOUR, MINUTE, SECOND)");
        _pos++;
        return field.Value;
    }

    private Expression ParseArrayConstructor()
    {
        var start = Advance();
        Expect(TokenKind.LeftBracket);
        var values = new List<Expression>();
        if (!At(TokenKind.RightBracket))
        {
            values.Add(ParseExpression());
            while (TryConsume(TokenKind.Comma)) values.Add(ParseExpression());
        }

        Expect(TokenKind.RightBracket);
        return new ArrayConstructor(ListOf(values)) { Span = SpanFrom(start) };
    }

    /// <summary>
    /// <c>LISTAGG([DISTINCT] x [, separator]) WITHIN GROUP (ORDER BY ...)</c> becomes a <c>listagg</c> call whose
    /// ORDER BY is the call's <see cref="FunctionCall.OrderBy"/> (the in-parentheses ORDER BY form is accepted too).
    /// </summary>
    private Expression ParseListagg()
    {
        var start = Advance();
        Expect(TokenKind.LeftParen);
        var distinct = false;
        if (TryWord("DISTINCT")) distinct = true;
        else TryWord("ALL");
        var arguments = new List<Expression> { ParseExpression() };
        if (TryConsume(TokenKind.Comma)) arguments.Add(ParseExpression());
        var overflow = AtWord("ON") && AtWord("OVERFLOW", 1) ? ParseListaggOverflow() : null;
        OrderBy? orderBy = AtWord("ORDER") ? ParseOrderBy() : null;
        Expect(TokenKind.RightParen);
        if (orderBy is null && TryWords("WITHIN", "GROUP"))
        {
            Expect(TokenKind.LeftParen);
            if (!AtWord("ORDER")) throw Expected("ORDER BY");
            orderBy = ParseOrderBy();
            Expect(TokenKind.RightParen);
        }

        var call = FinishFunctionCall(SimpleName(start), start, new NodeList<Expression>(arguments), distinct, orderBy);
        return overflow is null ? call : call with { Overflow = overflow };
    }

    /// <summary><c>ON OVERFLOW ERROR</c> or <c>ON OVERFLOW TRUNCATE ['filler'] WITH | WITHOUT COUNT</c>.</summary>
    private ListaggOverflow ParseListaggOverflow()
    {
        var start = Advance();
        _pos++;
        if (TryWord("ERROR")) return new ListaggOverflow(false, null, false) { Span = SpanFrom(start) };
        if (!TryWord("TRUNCATE")) throw Expected("ERROR or TRUNCATE");
        StringLiteral? filler = null;
        if (Current.Kind == TokenKind.String)
        {
            var token = Advance();
            filler = new StringLiteral(token.Text) { Span = token.Span };
        }
        bool withCount;
        if (TryWords("WITH", "COUNT")) withCount = true;
        else if (TryWords("WITHOUT", "COUNT")) withCount = false;
        else throw Expected("WITH COUNT or WITHOUT COUNT");
        return new ListaggOverflow(true, filler, withCount) { Span = SpanFrom(start) };
    }

    /// <summary><c>position(needle IN haystack)</c> becomes <c>strpos(haystack, needle)</c>.</summary>
    /// <summary>
    /// <c>normalize(s[, NFC|NFD|NFKC|NFKD])</c>: the form is a keyword in Trino; it becomes a text argument (which is also
    /// accepted, so the formatted call parses again).
    /// </summary>
    private Expression ParseNormalize()
    {
        var start = Advance();
        Expect(TokenKind.LeftParen);
        var arguments = new List<Expression> { ParseExpression() };
        if (TryConsume(TokenKind.Comma))
        {
            var form = Current;
            if (form.Kind == TokenKind.Word && form.Upper is "NFC" or "NFD" or "NFKC" or "NFKD")
            {
                _pos++;
                arguments.Add(new StringLiteral(form.Upper) { Span = form.Span });
            }
            else if (form.Kind == TokenKind.String)
            {
                arguments.Add(ParseExpression());
            }
            else
            {
                throw Expected("a normal form (NFC, NFD, NFKC or NFKD)");
            }
        }
        Expect(TokenKind.RightParen);
        return FinishFunctionCall(SimpleName(start), start, new NodeList<Expression>(arguments), false, null);
    }

    private Expression ParsePosition()
    {
        var start = Advance();
        _pos++;
        var needle = ParseSubexpression(Precedence.Predicate);
        if (!TryWord("IN"))
        {
            var arguments = new List<Expression> { needle };
            while (TryConsume(TokenKind.Comma)) arguments.Add(ParseExpression());
            Expect(TokenKind.RightParen);
            return FinishFunctionCall(SimpleName(start), start, new NodeList<Expression>(arguments), false, null);
        }

        var haystack = ParseSubexpression(Precedence.Predicate);
        Expect(TokenKind.RightParen);
        var name = new QualifiedName(NodeList.Of(new Identifier("strpos", false) { Span = start.Span })) { Span = start.Span };
        return new FunctionCall(name, NodeList.Of(haystack, needle), false, null, null, null, null, false) { Span = SpanFrom(start) };
    }

    /// <summary><c>substring(s FROM a [FOR b])</c> becomes <c>substring(s, a[, b])</c>; the comma form is a plain call.</summary>
    private Expression ParseSubstring()
    {
        var start = Current;
        if (!(Peek(2).Kind != TokenKind.RightParen && HasFromBeforeClose()))
        {
            _pos++;
            return ParseFunctionCall(SimpleName(start), start);
        }

        _pos += 2;
        var arguments = new List<Expression> { ParseExpression() };
        ExpectWord("FROM");
        arguments.Add(ParseExpression());
        if (TryWord("FOR")) arguments.Add(ParseExpression());
        Expect(TokenKind.RightParen);
        return new FunctionCall(SimpleName(start), new NodeList<Expression>(arguments), false, null, null, null, null, false) { Span = SpanFrom(start) };
    }

    /// <summary>Scans the balanced parenthesis group starting at Peek(1) for a FROM at its top level.</summary>
    private bool HasFromBeforeClose()
    {
        var depth = 0;
        for (var k = 1; ; k++)
        {
            var token = Peek(k);
            switch (token.Kind)
            {
                case TokenKind.EndOfInput:
                    return false;
                case TokenKind.LeftParen:
                case TokenKind.LeftBracket:
                    depth++;
                    break;
                case TokenKind.RightParen:
                case TokenKind.RightBracket:
                    depth--;
                    if (depth == 0) return false;
                    break;
                case TokenKind.Word when depth == 1 && token.Upper == "FROM":
                    return true;
            }
        }
    }

    private static QualifiedName SimpleName(Token token) =>
        new(NodeList.Of(new Identifier(token.Text, false) { Span = token.Span })) { Span = token.Span };

    /// <summary>Parses <c>(args) [FILTER (WHERE ...)] [IGNORE|RESPECT NULLS] [OVER ...]</c> after the name.</summary>
    private Expression ParseFunctionCall(QualifiedName name, Token start)
    {
        Expect(TokenKind.LeftParen);
        if (At(TokenKind.Asterisk) && Peek(1).Kind == TokenKind.RightParen)
        {
            _pos += 2;
            return FinishFunctionCall(name, start, NodeList<Expression>.Empty, false, null, isCountStar: true);
        }

        var distinct = false;
        if (TryWord("DISTINCT")) distinct = true;
        else TryWord("ALL");

        var arguments = new List<Expression>();
        OrderBy? orderBy = null;
        if (!At(TokenKind.RightParen))
        {
            arguments.Add(ParseExpression());
            while (TryConsume(TokenKind.Comma)) arguments.Add(ParseExpression());
            if (AtWord("ORDER")) orderBy = ParseOrderBy();
        }
        else if (distinct)
        {
            throw Expected("an expression");
        }

        Expect(TokenKind.RightParen);
        return FinishFunctionCall(name, start, ListOf(arguments), distinct, orderBy);
    }

    private FunctionCall FinishFunctionCall(QualifiedName name, Token start, NodeList<Expression> arguments, bool distinct, OrderBy? orderBy, bool isCountStar = false)
    {
        Expression? filter = null;
        if (AtWord("FILTER") && Peek(1).Kind == TokenKind.LeftParen)
        {
            _pos += 2;
            ExpectWord("WHERE");
            filter = ParseExpression();
            Expect(TokenKind.RightParen);
        }

        NullTreatment? nullTreatment = null;
        if (AtWord("NULLS", 1) && (AtWord("IGNORE") || AtWord("RESPECT")))
        {
            nullTreatment = AtWord("IGNORE") ? NullTreatment.Ignore : NullTreatment.Respect;
            _pos += 2;
            if (!AtWord("OVER")) throw Expected("OVER");
        }

        Window? window = null;
        if (AtWord("OVER") && (Peek(1).Kind == TokenKind.LeftParen || AtIdentifier(1)))
        {
            _pos++;
            if (At(TokenKind.LeftParen))
            {
                window = ParseWindowSpecification();
            }
            else
            {
                var windowName = ParseIdentifier();
                window = new WindowReference(windowName) { Span = windowName.Span };
            }
        }

        return new FunctionCall(name, arguments, distinct, filter, orderBy, window, nullTreatment, isCountStar) { Span = SpanFrom(start) };
    }

    /// <summary><c>( [existing] [PARTITION BY ...] [ORDER BY ...] [frame] )</c>.</summary>
    private WindowSpecification ParseWindowSpecification()
    {
        var start = Expect(TokenKind.LeftParen);
        Identifier? existing = null;
        if (AtIdentifier() && !(AtWord("PARTITION") && AtWord("BY", 1)) && !(AtWord("ORDER") && AtWord("BY", 1)) &&
            !AtFrameStart())
        {
            existing = ParseIdentifier();
        }

        var partitionBy = new List<Expression>();
        if (TryWords("PARTITION", "BY"))
        {
            partitionBy.Add(ParseExpression());
            while (TryConsume(TokenKind.Comma)) partitionBy.Add(ParseExpression());
        }

        OrderBy? orderBy = AtWord("ORDER") ? ParseOrderBy() : null;
        WindowFrame? frame = AtFrameStart() ? ParseWindowFrame() : null;
        Expect(TokenKind.RightParen);
        return new WindowSpecification(existing, ListOf(partitionBy), orderBy, frame) { Span = SpanFrom(start) };
    }

    private bool AtFrameStart() =>
        (AtWord("ROWS") || AtWord("RANGE") || AtWord("GROUPS")) &&
        (AtWord("BETWEEN", 1) || AtWord("UNBOUNDED", 1) || AtWord("CURRENT", 1) || Peek(1).Kind != TokenKind.RightParen);

    private WindowFrame ParseWindowFrame()
    {
        var start = Advance();
        var type = start.Upper switch
        {
            "ROWS" => WindowFrameType.Rows,
            "RANGE" => WindowFrameType.Range,
            _ => WindowFrameType.Groups,
        };
        if (TryWord("BETWEEN"))
        {
            var lower = ParseFrameBound();
            ExpectWord("AND");
            var upper = ParseFrameBound();
            return new WindowFrame(type, lower, upper) { Span = SpanFrom(start) };
        }

        var bound = ParseFrameBound();
        return new WindowFrame(type, bound, null) { Span = SpanFrom(start) };
    }

    private FrameBound ParseFrameBound()
    {
        var start = Current;
        if (TryWords("UNBOUNDED", "PRECEDING")) return new FrameBound(FrameBoundType.UnboundedPreceding, null) { Span = SpanFrom(start) };
        if (TryWords("UNBOUNDED", "FOLLOWING")) return new FrameBound(FrameBoundType.UnboundedFollowing, null) { Span = SpanFrom(start) };
        if (TryWords("CURRENT", "ROW")) return new FrameBound(FrameBoundType.CurrentRow, null) { Span = SpanFrom(start) };
        var value = ParseSubexpression(Precedence.And);
        if (TryWord("PRECEDING")) return new FrameBound(FrameBoundType.Preceding, value) { Span = SpanFrom(start) };
        if (TryWord("FOLLOWING")) return new FrameBound(FrameBoundType.Following, value) { Span = SpanFrom(start) };
        throw Expected("PRECEDING or FOLLOWING");
    }
}
