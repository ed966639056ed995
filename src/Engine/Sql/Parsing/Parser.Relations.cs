using QueryEngine.Engine.Sql.Ast;

namespace QueryEngine.Engine.Sql.Parsing;

/// <summary>FROM-clause relations: tables, joins, subqueries, UNNEST, LATERAL, TABLESAMPLE, table functions.</summary>
internal sealed partial class Parser
{
    /// <summary>A relation with its joins (left-deep); comma joins are handled by the caller.</summary>
    private Relation ParseRelation()
    {
        using var guard = Nest();
        var left = ParseSampledRelation();
        var chain = 0;
        try
        {
            while (true)
            {
                var start = Current;
                JoinType type;
                var natural = false;
                if (TryWords("CROSS", "JOIN"))
                {
                    _ = Nest();
                    chain++;
                    var crossRight = ParseSampledRelation();
                    left = new Join(JoinType.Cross, left, crossRight, null) { Span = left.Span.Union(crossRight.Span) };
                    continue;
                }

                if (AtWord("NATURAL"))
                {
                    natural = true;
                    _pos++;
                }

                if (TryWord("JOIN") || TryWords("INNER", "JOIN")) type = JoinType.Inner;
                else if (TryWords("LEFT", "JOIN") || TryWords("LEFT", "OUTER", "JOIN")) type = JoinType.Left;
                else if (TryWords("RIGHT", "JOIN") || TryWords("RIGHT", "OUTER", "JOIN")) type = JoinType.Right;
                else if (TryWords("FULL", "JOIN") || TryWords("FULL", "OUTER", "JOIN")) type = JoinType.Full;
                else if (natural) throw Expected("JOIN");
                else if (AtWord("LEFT") || AtWord("RIGHT") || AtWord("FULL") || AtWord("INNER"))
                {
                    _pos++;
                    if (AtWord("OUTER")) _pos++;
                    throw Expected("JOIN");
                }
                else return left;

                _ = Nest();
                chain++;
                var right = ParseSampledRelation();
                JoinCriteria criteria;
                if (natural)
                {
                    criteria = new NaturalJoin { Span = start.Span };
                }
                else if (AtWord("ON"))
                {
                    var onStart = Advance();
                    var condition = ParseExpression();
                    criteria = new JoinOn(condition) { Span = SpanFrom(onStart) };
                }
                else if (AtWord("USING"))
                {
                    var usingStart = Advance();
                    var columns = ParseParenthesizedIdentifiers();
                    criteria = new JoinUsing(columns) { Span = SpanFrom(usingStart) };
                }
                else
                {
                    throw Expected("ON or USING");
                }

                left = new Join(type, left, right, criteria) { Span = SpanFrom(left.Span) };
            }
        }
        finally
        {
            _depth -= chain;
        }
    }

    private Relation ParseSampledRelation()
    {
        var relation = ParseAliasedRelation();
        if (!AtWord("TABLESAMPLE")) return relation;
        _pos++;
        SampleType type;
        if (TryWord("BERNOULLI")) type = SampleType.Bernoulli;
        else if (TryWord("SYSTEM")) type = SampleType.System;
        else throw Expected("BERNOULLI or SYSTEM");
        Expect(TokenKind.LeftParen);
        var percentage = ParseExpression();
        Expect(TokenKind.RightParen);
        return new SampledRelation(relation, type, percentage) { Span = SpanFrom(relation.Span) };
    }

    private Relation ParseAliasedRelation()
    {
        var primary = ParseRelationPrimary();
        Identifier alias;
        if (TryWord("AS")) alias = ParseIdentifier("an alias");
        else if (AtImplicitAlias()) alias = ParseIdentifier();
        else return primary;

        var columns = At(TokenKind.LeftParen) ? ParseParenthesizedIdentifiers() : NodeList<Identifier>.Empty;
        return new AliasedRelation(primary, alias, columns) { Span = SpanFrom(primary.Span) };
    }

    private Relation ParseRelationPrimary()
    {
        var start = Current;
        if (At(TokenKind.LeftParen))
        {
            _pos++;
            if (AtQueryStart())
            {
                var query = ParseQuery();
                Expect(TokenKind.RightParen);
                return new TableSubquery(query) { Span = SpanFrom(start) };
            }

            var inner = ParseRelation();
            if (inner is TableSubquery body && AtQueryContinuation())
            {
                var query = ContinueQuery(body);
                Expect(TokenKind.RightParen);
                return new TableSubquery(query) { Span = SpanFrom(start) };
            }

            Expect(TokenKind.RightParen);
            return inner;
        }

        if (AtWord("UNNEST") && Peek(1).Kind == TokenKind.LeftParen)
        {
            _pos += 2;
            var expressions = new List<Expression> { ParseExpression() };
            while (TryConsume(TokenKind.Comma)) expressions.Add(ParseExpression());
            Expect(TokenKind.RightParen);
            var withOrdinality = TryWords("WITH", "ORDINALITY");
            return new Unnest(new NodeList<Expression>(expressions), withOrdinality) { Span = SpanFrom(start) };
        }

        if (AtWord("LATERAL") && Peek(1).Kind == TokenKind.LeftParen)
        {
            _pos += 2;
            var query = ParseQuery();
            Expect(TokenKind.RightParen);
            return new Lateral(query) { Span = SpanFrom(start) };
        }

        if (AtWord("TABLE") && Peek(1).Kind == TokenKind.LeftParen)
        {
            _pos += 2;
            var function = ParseQualifiedName("a table function name");
            var call = ParseTableFunctionArguments(function, start);
            Expect(TokenKind.RightParen);
            return call with { Span = SpanFrom(start) };
        }

        if (!AtIdentifier()) throw Expected("a table name");
        var name = ParseQualifiedName("a table name");
        if (At(TokenKind.LeftParen)) return ParseTableFunctionArguments(name, start);
        return new Table(name) { Span = SpanFrom(start) };
    }

    private TableFunctionCall ParseTableFunctionArguments(QualifiedName name, Token start)
    {
        Expect(TokenKind.LeftParen);
        var arguments = new List<TableFunctionArgument>();
        if (!At(TokenKind.RightParen))
        {
            do
            {
                var argumentStart = Current;
                Identifier? argumentName = null;
                if (AtIdentifier() && Peek(1).Kind == TokenKind.FatArrow)
                {
                    argumentName = ParseIdentifier();
                    _pos++;
                }

                var value = ParseExpression();
                arguments.Add(new TableFunctionArgument(argumentName, value) { Span = SpanFrom(argumentStart) });
            }
            while (TryConsume(TokenKind.Comma));
        }

        Expect(TokenKind.RightParen);
        return new TableFunctionCall(name, ListOf(arguments)) { Span = SpanFrom(start) };
    }
}
