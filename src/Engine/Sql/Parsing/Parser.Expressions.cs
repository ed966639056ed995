using System.Globalization;
using QueryEngine.Engine.Common;
using QueryEngine.Engine.Sql.Ast;

namespace QueryEngine.Engine.Sql.Parsing;

/// <summary>Pratt expression parsing: <see cref="ParseSubexpression"/> parses operators binding tighter than a floor.</summary>
internal sealed partial class Parser
{
    /// <summary>Binding powers, lowest to highest. The printer uses the same table.</summary>
    internal static class Precedence
    {
        public const int Lowest = 0;
        public const int Or = 5;
        public const int And = 10;
        public const int Not = 15;
        public const int Predicate = 20;
        public const int Concat = 25;
        public const int Additive = 30;
        public const int Multiplicative = 40;
        public const int Unary = 50;
        public const int AtTimeZone = 60;
        public const int Postfix = 70;
        public const int Primary = 100;
    }

    internal Expression ParseExpression() => ParseSubexpression(Precedence.Lowest);

    /// <summary>Parses an expression whose operators all bind tighter than <paramref name="floor"/>.</summary>
    private Expression ParseSubexpression(int floor)
    {
        using var guard = Nest();
        var left = ParsePrefix();
        var chain = 0;
        try
        {
            while (true)
            {
                var precedence = NextInfixPrecedence();
                if (precedence <= floor) return left;

                // Each operator applied in this loop nests the tree one level deeper (left-deep chains), so it
                // counts against the depth limit just like recursion does.
                _ = Nest();
                chain++;
                left = ParseInfix(left, precedence);
            }
        }
        finally
        {
            _depth -= chain;
        }
    }

    private int NextInfixPrecedence()
    {
        var token = Current;
        switch (token.Kind)
        {
            case TokenKind.Equal:
            case TokenKind.NotEqual:
            case TokenKind.LessThan:
            case TokenKind.LessThanOrEqual:
            case TokenKind.GreaterThan:
            case TokenKind.GreaterThanOrEqual:
                return Precedence.Predicate;
            case TokenKind.Concat:
                return Precedence.Concat;
            case TokenKind.Plus:
            case TokenKind.Minus:
                return Precedence.Additive;
            case TokenKind.Asterisk:
            case TokenKind.Slash:
            case TokenKind.Percent:
                return Precedence.Multiplicative;
            case TokenKind.LeftBracket:
                return Precedence.Postfix;
            case TokenKind.Period:
                return Peek(1).Kind is TokenKind.Word or TokenKind.QuotedIdentifier ? Precedence.Postfix : 0;
            case TokenKind.Word:
                switch (token.Upper)
                {
                    case "OR": return Precedence.Or;
                    case "AND": return Precedence.And;
                    case "IS":
                    case "BETWEEN":
                    case "IN":
                    case "LIKE":
                        return Precedence.Predicate;
                    case "NOT":
                        return Peek(1).IsWord("BETWEEN") || Peek(1).IsWord("IN") || Peek(1).IsWord("LIKE") ? Precedence.Predicate : 0;
                    case "AT":
                        return Peek(1).IsWord("TIME") && Peek(2).IsWord("ZONE") ? Precedence.AtTimeZone : 0;
                    default:
                        return 0;
                }

            default:
                return 0;
        }
    }

    private Expression ParseInfix(Expression left, int precedence)
    {
        var token = Current;
        switch (token.Kind)
        {
            case TokenKind.Equal:
            case TokenKind.NotEqual:
            case TokenKind.LessThan:
            case TokenKind.LessThanOrEqual:
            case TokenKind.GreaterThan:
            case TokenKind.GreaterThanOrEqual:
                return ParseComparison(left);
            case TokenKind.Concat:
            {
                _pos++;
                var right = ParseSubexpression(Precedence.Concat);
                var name = new QualifiedName(NodeList.Of(new Identifier("concat", false) { Span = token.Span })) { Span = token.Span };
                return new FunctionCall(name, NodeList.Of(left, right), false, null, null, null, null, false)
                {
                    Span = left.Span.Union(right.Span),
                };
            }

            case TokenKind.Plus:
            case TokenKind.Minus:
            case TokenKind.Asterisk:
            case TokenKind.Slash:
            case TokenKind.Percent:
            {
                _pos++;
                var op = token.Kind switch
                {
                    TokenKind.Plus => ArithmeticOperator.Add,
                    TokenKind.Minus => ArithmeticOperator.Subtract,
                    TokenKind.Asterisk => ArithmeticOperator.Multiply,
                    TokenKind.Slash => ArithmeticOperator.Divide,
                    _ => ArithmeticOperator.Modulus,
                };
                var right = ParseSubexpression(precedence);
                return new ArithmeticBinaryExpression(op, left, right) { Span = left.Span.Union(right.Span) };
            }

            case TokenKind.LeftBracket:
            {
                _pos++;
                var index = ParseExpression();
                Expect(TokenKind.RightBracket);
                return new SubscriptExpression(left, index) { Span = SpanFrom(left.Span) };
            }

            case TokenKind.Period:
            {
                _pos++;
                var field = ParseIdentifier("a field name");
                return new DereferenceExpression(left, field) { Span = SpanFrom(left.Span) };
            }
        }

        switch (token.Upper)
        {
            case "OR":
            case "AND":
                return ParseLogical(left, token.Upper == "OR" ? LogicalOperator.Or : LogicalOperator.And, precedence);
            case "IS":
                return ParseIs(left);
            case "AT":
            {
                _pos += 3;
                var zone = ParseSubexpression(Precedence.AtTimeZone);
                return new AtTimeZoneExpression(left, zone) { Span = left.Span.Union(zone.Span) };
            }
        }

        var negated = TryWord("NOT");
        if (TryWord("BETWEEN"))
        {
            var min = ParseSubexpression(Precedence.Predicate);
            ExpectWord("AND");
            var max = ParseSubexpression(Precedence.Predicate);
            return new BetweenPredicate(left, min, max, negated) { Span = left.Span.Union(max.Span) };
        }

        if (TryWord("LIKE"))
        {
            var pattern = ParseSubexpression(Precedence.Predicate);
            Expression? escape = null;
            if (TryWord("ESCAPE")) escape = ParseSubexpression(Precedence.Predicate);
            return new LikePredicate(left, pattern, escape, negated) { Span = SpanFrom(left.Span) };
        }

        ExpectWord("IN");
        return ParseIn(left, negated);
    }

    private Expression ParseLogical(Expression left, LogicalOperator op, int precedence)
    {
        var keyword = op == LogicalOperator.Or ? "OR" : "AND";
        var terms = new List<Expression> { left };
        while (TryWord(keyword))
        {
            terms.Add(ParseSubexpression(precedence));
        }

        return new LogicalExpression(op, new NodeList<Expression>(terms)) { Span = left.Span.Union(terms[^1].Span) };
    }

    private Expression ParseComparison(Expression left)
    {
        var op = Advance().Kind switch
        {
            TokenKind.Equal => ComparisonOperator.Equal,
            TokenKind.NotEqual => ComparisonOperator.NotEqual,
            TokenKind.LessThan => ComparisonOperator.LessThan,
            TokenKind.LessThanOrEqual => ComparisonOperator.LessThanOrEqual,
            TokenKind.GreaterThan => ComparisonOperator.GreaterThan,
            _ => ComparisonOperator.GreaterThanOrEqual,
        };

        Quantifier? quantifier = Current.Upper switch
        {
            "ALL" when Current.Kind == TokenKind.Word => Quantifier.All,
            "ANY" when Current.Kind == TokenKind.Word => Quantifier.Any,
            "SOME" when Current.Kind == TokenKind.Word => Quantifier.Some,
            _ => null,
        };
        if (quantifier is { } q && Peek(1).Kind == TokenKind.LeftParen)
        {
            _pos += 2;
            var subquery = ParseQuery();
            Expect(TokenKind.RightParen);
            return new QuantifiedComparisonExpression(op, q, left, subquery) { Span = SpanFrom(left.Span) };
        }

        var right = ParseSubexpression(Precedence.Predicate);
        return new ComparisonExpression(op, left, right) { Span = left.Span.Union(right.Span) };
    }

    private Expression ParseIs(Expression left)
    {
        _pos++;
        var negated = TryWord("NOT");
        if (TryWord("NULL"))
        {
            return new IsNullPredicate(left, negated) { Span = SpanFrom(left.Span) };
        }

        if (TryWords("DISTINCT", "FROM"))
        {
            var right = ParseSubexpression(Precedence.Predicate);
            return new IsDistinctFromExpression(left, right, negated) { Span = left.Span.Union(right.Span) };
        }

        throw Expected("NULL or DISTINCT FROM");
    }

    private Expression ParseIn(Expression left, bool negated)
    {
        Expect(TokenKind.LeftParen);
        if (AtQueryStart())
        {
            var subquery = ParseQuery();
            Expect(TokenKind.RightParen);
            return new InSubqueryExpression(left, subquery, negated) { Span = SpanFrom(left.Span) };
        }

        var values = new List<Expression> { ParseExpression() };
        if (values[0] is SubqueryExpression single && AtQueryContinuation())
        {
            var query = ContinueQuery(new TableSubquery(single.Query) { Span = single.Span });
            Expect(TokenKind.RightParen);
            return new InSubqueryExpression(left, query, negated) { Span = SpanFrom(left.Span) };
        }

        while (TryConsume(TokenKind.Comma)) values.Add(ParseExpression());
        Expect(TokenKind.RightParen);
        return new InListExpression(left, new NodeList<Expression>(values), negated) { Span = SpanFrom(left.Span) };
    }

    // ---------------------------------------------------------------- prefix

    private Expression ParsePrefix()
    {
        var token = Current;
        switch (token.Kind)
        {
            case TokenKind.Integer:
                _pos++;
                return long.TryParse(token.Text, NumberStyles.None, CultureInfo.InvariantCulture, out var integer)
                    ? new LongLiteral(integer) { Span = token.Span }
                    : new DecimalLiteral(token.Text) { Span = token.Span };
            case TokenKind.Decimal:
                _pos++;
                return new DecimalLiteral(token.Text) { Span = token.Span };
            case TokenKind.Double:
            {
                _pos++;
                var value = double.Parse(token.Text, NumberStyles.Float, CultureInfo.InvariantCulture);
                if (double.IsInfinity(value)) throw new SyntaxException($"Double literal {token.Text} is out of range", token.Span);
                return new DoubleLiteral(value) { Span = token.Span };
            }

            case TokenKind.String:
                _pos++;
                return new StringLiteral(token.Text) { Span = token.Span };
            case TokenKind.Binary:
                _pos++;
                return new BinaryLiteral(token.Text) { Span = token.Span };
            case TokenKind.Parameter:
                _pos++;
                return new ParameterExpression(_parameterCount++) { Span = token.Span };
            case TokenKind.Minus:
            case TokenKind.Plus:
                return ParseUnary();
            case TokenKind.LeftParen:
                return ParseParenthesized();
            case TokenKind.Word:
            case TokenKind.QuotedIdentifier:
                return ParseWordPrefix();
            default:
                throw Expected("an expression");
        }
    }

    private Expression ParseUnary()
    {
        var token = Advance();
        var operand = ParseSubexpression(Precedence.Unary);
        var span = token.Span.Union(operand.Span);
        if (token.Kind == TokenKind.Plus)
        {
            return new ArithmeticUnaryExpression(UnarySign.Plus, operand) { Span = span };
        }

        // A minus directly applied to a numeric literal folds into the literal (so -9223372036854775808 is a long).
        switch (operand)
        {
            case LongLiteral l:
                return l.Value == long.MinValue
                    ? new DecimalLiteral("9223372036854775808") { Span = span }
                    : new LongLiteral(-l.Value) { Span = span };
            case DecimalLiteral d:
            {
                var text = d.Value.StartsWith('-') ? d.Value[1..] : "-" + d.Value;
                if (!text.Contains('.', StringComparison.Ordinal) &&
                    long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var asLong))
                {
                    return new LongLiteral(asLong) { Span = span };
                }

                return new DecimalLiteral(text) { Span = span };
            }

            case DoubleLiteral f:
                return new DoubleLiteral(-f.Value) { Span = span };
            default:
                return new ArithmeticUnaryExpression(UnarySign.Minus, operand) { Span = span };
        }
    }

    /// <summary>True when the current token starts a query (after an opening parenthesis).</summary>
    private bool AtQueryStart(int k = 0)
    {
        var token = Peek(k);
        return token.IsWord("SELECT") || token.IsWord("WITH") || token.IsWord("VALUES") ||
               (token.IsWord("TABLE") && Peek(k + 1).Kind != TokenKind.LeftParen);
    }

    /// <summary>True when the current token continues a query whose first term was already parsed.</summary>
    private bool AtQueryContinuation() =>
        AtWord("UNION") || AtWord("INTERSECT") || AtWord("EXCEPT") || AtWord("ORDER") || AtWord("OFFSET") ||
        AtWord("LIMIT") || AtWord("FETCH");

    private Expression ParseParenthesized()
    {
        var start = Advance();
        if (AtQueryStart())
        {
            var query = ParseQuery();
            Expect(TokenKind.RightParen);
            return new SubqueryExpression(query) { Span = SpanFrom(start) };
        }

        if (IsLambdaParameterList())
        {
            var parameters = new List<Identifier>();
            if (!At(TokenKind.RightParen))
            {
                parameters.Add(ParseIdentifier());
                while (TryConsume(TokenKind.Comma)) parameters.Add(ParseIdentifier());
            }

            Expect(TokenKind.RightParen);
            Expect(TokenKind.Arrow);
            var body = ParseExpression();
            return new LambdaExpression(ListOf(parameters), body) { Span = SpanFrom(start) };
        }

        var first = ParseExpression();
        if (first is SubqueryExpression subquery && AtQueryContinuation())
        {
            var query = ContinueQuery(new TableSubquery(subquery.Query) { Span = subquery.Span });
            Expect(TokenKind.RightParen);
            return new SubqueryExpression(query) { Span = SpanFrom(start) };
        }

        if (At(TokenKind.Comma))
        {
            var items = new List<Expression> { first };
            while (TryConsume(TokenKind.Comma)) items.Add(ParseExpression());
            Expect(TokenKind.RightParen);
            return new RowConstructor(new NodeList<Expression>(items)) { Span = SpanFrom(start) };
        }

        Expect(TokenKind.RightParen);
        return first;
    }

    /// <summary>After '(': is this <c>(a, b) -&gt;</c> or <c>() -&gt;</c>?</summary>
    private bool IsLambdaParameterList()
    {
        var k = 0;
        if (Peek(0).Kind == TokenKind.RightParen) return Peek(1).Kind == TokenKind.Arrow;
        while (true)
        {
            if (!AtIdentifier(k)) return false;
            k++;
            if (Peek(k).Kind == TokenKind.Comma)
            {
                k++;
                continue;
            }

            return Peek(k).Kind == TokenKind.RightParen && Peek(k + 1).Kind == TokenKind.Arrow;
        }
    }
}
