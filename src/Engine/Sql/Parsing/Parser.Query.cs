using QueryEngine.Engine.Sql.Ast;

namespace QueryEngine.Engine.Sql.Parsing;

/// <summary>Queries: WITH, set operations, SELECT, ORDER BY / OFFSET / LIMIT / FETCH.</summary>
internal sealed partial class Parser
{
    internal Query ParseQuery()
    {
        using var guard = Nest();
        var start = Current;
        With? with = null;
        if (AtWord("WITH")) with = ParseWith();
        var body = ParseQueryBody(null);
        return FinishQuery(start, with, body);
    }

    /// <summary>Continues a query whose first primary (a parenthesized query) was already parsed as an expression or relation.</summary>
    private Query ContinueQuery(QueryBody first)
    {
        using var guard = Nest();
        var body = ParseQueryBody(first);
        return FinishQuery(Current, null, body) with { Span = first.Span.Union(Previous.Span) };
    }

    private Query FinishQuery(Token start, With? with, QueryBody body)
    {
        var orderBy = AtWord("ORDER") ? ParseOrderBy() : null;
        var offset = AtWord("OFFSET") ? ParseOffset() : null;
        var limit = AtWord("LIMIT") || AtWord("FETCH") ? ParseLimit() : null;

        if (body is QuerySpecification spec && (orderBy is not null || offset is not null || limit is not null))
        {
            body = spec with
            {
                OrderBy = orderBy,
                Offset = offset,
                Limit = limit,
                Span = SpanFrom(spec.Span),
            };
            return new Query(with, body, null, null, null) { Span = SpanFrom(start) };
        }

        return new Query(with, body, orderBy, offset, limit) { Span = SpanFrom(start) };
    }

    private With ParseWith()
    {
        var start = Advance();
        var recursive = TryWord("RECURSIVE");
        var queries = new List<WithQuery>();
        do
        {
            var name = ParseIdentifier("a query name");
            var columns = At(TokenKind.LeftParen) ? ParseParenthesizedIdentifiers() : NodeList<Identifier>.Empty;
            ExpectWord("AS");
            Expect(TokenKind.LeftParen);
            var query = ParseQuery();
            Expect(TokenKind.RightParen);
            queries.Add(new WithQuery(name, columns, query) { Span = SpanFrom(name.Span) });
        }
        while (TryConsume(TokenKind.Comma));

        return new With(recursive, new NodeList<WithQuery>(queries)) { Span = SpanFrom(start) };
    }

    /// <summary>UNION / EXCEPT over INTERSECT terms, left-associative.</summary>
    private QueryBody ParseQueryBody(QueryBody? first)
    {
        var left = ParseIntersectTerm(first);
        var chain = 0;
        try
        {
            while (AtWord("UNION") || AtWord("EXCEPT"))
            {
                _ = Nest();
                chain++;
                var type = Advance().Upper == "UNION" ? SetOperationType.Union : SetOperationType.Except;
                var distinct = ParseSetQuantifier();
                var right = ParseIntersectTerm(null);
                left = new SetOperation(type, distinct, left, right) { Span = left.Span.Union(right.Span) };
            }

            return left;
        }
        finally
        {
            _depth -= chain;
        }
    }

    private QueryBody ParseIntersectTerm(QueryBody? first)
    {
        var left = first ?? ParseQueryPrimary();
        var chain = 0;
        try
        {
            while (AtWord("INTERSECT"))
            {
                _ = Nest();
                chain++;
                _pos++;
                var distinct = ParseSetQuantifier();
                var right = ParseQueryPrimary();
                left = new SetOperation(SetOperationType.Intersect, distinct, left, right) { Span = left.Span.Union(right.Span) };
            }

            return left;
        }
        finally
        {
            _depth -= chain;
        }
    }

    private bool ParseSetQuantifier()
    {
        if (TryWord("ALL")) return false;
        TryWord("DISTINCT");
        return true;
    }

    private QueryBody ParseQueryPrimary()
    {
        var start = Current;
        if (AtWord("SELECT")) return ParseQuerySpecification();
        if (TryWord("VALUES"))
        {
            var rows = new List<Expression> { ParseExpression() };
            while (TryConsume(TokenKind.Comma)) rows.Add(ParseExpression());
            return new Values(new NodeList<Expression>(rows)) { Span = SpanFrom(start) };
        }

        if (TryWord("TABLE"))
        {
            var name = ParseQualifiedName("a table name");
            return new Table(name) { Span = SpanFrom(start) };
        }

        if (TryConsume(TokenKind.LeftParen))
        {
            var query = ParseQuery();
            Expect(TokenKind.RightParen);
            return new TableSubquery(query) { Span = SpanFrom(start) };
        }

        throw Expected("SELECT, VALUES, TABLE or '('");
    }

    private QuerySpecification ParseQuerySpecification()
    {
        var start = Advance();
        var select = ParseSelect(start);

        Relation? from = null;
        if (TryWord("FROM"))
        {
            from = ParseRelation();
            var chain = 0;
            try
            {
                while (TryConsume(TokenKind.Comma))
                {
                    _ = Nest();
                    chain++;
                    var right = ParseRelation();
                    from = new Join(JoinType.Implicit, from, right, null) { Span = from.Span.Union(right.Span) };
                }
            }
            finally
            {
                _depth -= chain;
            }
        }

        var where = TryWord("WHERE") ? ParseExpression() : null;
        var groupBy = AtWord("GROUP") ? ParseGroupBy() : null;
        var having = TryWord("HAVING") ? ParseExpression() : null;

        var windows = new List<WindowDefinition>();
        if (AtWord("WINDOW") && AtIdentifier(1))
        {
            _pos++;
            do
            {
                var name = ParseIdentifier("a window name");
                ExpectWord("AS");
                var specification = ParseWindowSpecification();
                windows.Add(new WindowDefinition(name, specification) { Span = SpanFrom(name.Span) });
            }
            while (TryConsume(TokenKind.Comma));
        }

        return new QuerySpecification(select, from, where, groupBy, having, ListOf(windows), null, null, null) { Span = SpanFrom(start) };
    }

    private Select ParseSelect(Token start)
    {
        var distinct = false;
        if (TryWord("DISTINCT")) distinct = true;
        else TryWord("ALL");

        var items = new List<SelectItem> { ParseSelectItem() };
        while (TryConsume(TokenKind.Comma)) items.Add(ParseSelectItem());
        return new Select(distinct, new NodeList<SelectItem>(items)) { Span = SpanFrom(start) };
    }

    private SelectItem ParseSelectItem()
    {
        var start = Current;
        if (TryConsume(TokenKind.Asterisk))
        {
            return new AllColumns(null, NodeList<Identifier>.Empty) { Span = start.Span };
        }

        var expression = ParseExpression();
        if (At(TokenKind.Period) && Peek(1).Kind == TokenKind.Asterisk)
        {
            _pos += 2;
            var aliases = NodeList<Identifier>.Empty;
            if (TryWord("AS")) aliases = ParseParenthesizedIdentifiers();
            return new AllColumns(expression, aliases) { Span = SpanFrom(start) };
        }

        Identifier? alias = null;
        if (TryWord("AS")) alias = ParseIdentifier("an alias");
        else if (AtImplicitAlias()) alias = ParseIdentifier();
        return new SingleColumn(expression, alias) { Span = SpanFrom(start) };
    }

    private GroupBy ParseGroupBy()
    {
        var start = Advance();
        ExpectWord("BY");
        var distinct = false;
        if (TryWord("DISTINCT")) distinct = true;
        else TryWord("ALL");

        var elements = new List<GroupingElement> { ParseGroupingElement() };
        while (TryConsume(TokenKind.Comma)) elements.Add(ParseGroupingElement());
        return new GroupBy(distinct, new NodeList<GroupingElement>(elements)) { Span = SpanFrom(start) };
    }

    private GroupingElement ParseGroupingElement()
    {
        var start = Current;
        if ((AtWord("ROLLUP") || AtWord("CUBE")) && Peek(1).Kind == TokenKind.LeftParen)
        {
            var isRollup = Advance().Upper == "ROLLUP";
            _pos++;
            var columns = new List<Expression>();
            if (!At(TokenKind.RightParen))
            {
                columns.Add(ParseExpression());
                while (TryConsume(TokenKind.Comma)) columns.Add(ParseExpression());
            }

            Expect(TokenKind.RightParen);
            return isRollup
                ? new Rollup(ListOf(columns)) { Span = SpanFrom(start) }
                : new Cube(ListOf(columns)) { Span = SpanFrom(start) };
        }

        if (AtWord("GROUPING") && AtWord("SETS", 1))
        {
            _pos += 2;
            Expect(TokenKind.LeftParen);
            var sets = new List<IReadOnlyList<Expression>> { ParseGroupingSet() };
            while (TryConsume(TokenKind.Comma)) sets.Add(ParseGroupingSet());
            Expect(TokenKind.RightParen);
            return new GroupingSets(new NodeList<IReadOnlyList<Expression>>(sets)) { Span = SpanFrom(start) };
        }

        return new SimpleGroupBy(ParseGroupingSet()) { Span = SpanFrom(start) };
    }

    /// <summary><c>()</c>, <c>(a, b)</c> or a single expression (which may itself be parenthesized).</summary>
    private NodeList<Expression> ParseGroupingSet()
    {
        if (At(TokenKind.LeftParen) && Peek(1).Kind == TokenKind.RightParen)
        {
            _pos += 2;
            return NodeList<Expression>.Empty;
        }

        var startsWithParen = At(TokenKind.LeftParen);
        var parenOffset = Current.Span.Offset;
        var expression = ParseExpression();

        // "(a, b)" is a grouping set of two columns (a RowConstructor starting at the opening parenthesis);
        // "ROW(a, b)" or "(ROW(a, b))" stay one row-valued column.
        if (startsWithParen && expression is RowConstructor row && row.Span.Offset == parenOffset)
        {
            return new NodeList<Expression>(row.Items);
        }

        return NodeList.Of(expression);
    }

    internal OrderBy ParseOrderBy()
    {
        var start = Advance();
        ExpectWord("BY");
        var items = new List<SortItem> { ParseSortItem() };
        while (TryConsume(TokenKind.Comma)) items.Add(ParseSortItem());
        return new OrderBy(new NodeList<SortItem>(items)) { Span = SpanFrom(start) };
    }

    private SortItem ParseSortItem()
    {
        var start = Current;
        var key = ParseExpression();
        var ordering = SortOrdering.Ascending;
        if (TryWord("DESC")) ordering = SortOrdering.Descending;
        else TryWord("ASC");
        var nulls = NullOrdering.Undefined;
        if (TryWord("NULLS"))
        {
            if (TryWord("FIRST")) nulls = NullOrdering.First;
            else if (TryWord("LAST")) nulls = NullOrdering.Last;
            else throw Expected("FIRST or LAST");
        }
        return new SortItem(key, ordering, nulls) { Span = SpanFrom(start) };
    }

    private Offset ParseOffset()
    {
        var start = Advance();
        var count = ParseRowCount();
        if (!TryWord("ROWS")) TryWord("ROW");
        return new Offset(count) { Span = SpanFrom(start) };
    }

    private Limit ParseLimit()
    {
        var start = Advance();
        if (start.Upper == "LIMIT")
        {
            if (TryWord("ALL")) return new Limit(null, false) { Span = SpanFrom(start) };
            return new Limit(ParseRowCount(), false) { Span = SpanFrom(start) };
        }

        if (!TryWord("FIRST") && !TryWord("NEXT")) throw Expected("FIRST or NEXT");
        Expression count = At(TokenKind.Integer) || At(TokenKind.Parameter)
            ? ParseRowCount()
            : new LongLiteral(1) { Span = Previous.Span };
        if (!TryWord("ROWS") && !TryWord("ROW")) throw Expected("ROW or ROWS");
        bool withTies;
        if (TryWord("ONLY")) withTies = false;
        else if (TryWords("WITH", "TIES")) withTies = true;
        else throw Expected("ONLY or WITH TIES");
        return new Limit(count, withTies) { Span = SpanFrom(start) };
    }

    private Expression ParseRowCount()
    {
        var token = Current;
        if (TryConsume(TokenKind.Parameter)) return new ParameterExpression(_parameterCount++) { Span = token.Span };
        var value = ParseIntegerValue("a row count");
        return new LongLiteral(value) { Span = token.Span };
    }
}
