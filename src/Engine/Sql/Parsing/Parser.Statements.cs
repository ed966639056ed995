using QueryEngine.Engine.Sql.Ast;

namespace QueryEngine.Engine.Sql.Parsing;

/// <summary>Statement dispatch and the utility statements (SHOW, DESCRIBE, USE, EXPLAIN, PREPARE, ...).</summary>
internal sealed partial class Parser
{
    private Statement ParseStatement()
    {
        using var guard = Nest();
        var start = Current;
        if (AtQueryStart() || At(TokenKind.LeftParen))
        {
            var query = ParseQuery();
            return new QueryStatement(query) { Span = query.Span };
        }

        if (start.Kind != TokenKind.Word) throw Expected("a statement");
        return start.Upper switch
        {
            "EXPLAIN" => ParseExplain(),
            "SHOW" => ParseShow(),
            "DESCRIBE" or "DESC" => ParseDescribe(),
            "USE" => ParseUse(),
            "CREATE" => ParseCreate(),
            "DROP" => ParseDrop(),
            "ALTER" => ParseAlter(),
            "INSERT" => ParseInsert(),
            "UNLOAD" => ParseUnload(),
            "MSCK" => ParseMsck(),
            "ANALYZE" => ParseAnalyze(),
            "PREPARE" => ParsePrepare(),
            "EXECUTE" => ParseExecute(),
            "CALL" => ParseCall(),
            "DEALLOCATE" => ParseDeallocate(),
            "SET" when AtWord("SESSION", 1) => ParseSetSession(),
            "SET" when AtWord("TIME", 1) && AtWord("ZONE", 2) => ParseSetTimeZone(),
            "RESET" when AtWord("SESSION", 1) => ParseResetSession(),
            _ => throw Expected("a statement"),
        };
    }

    private Statement ParseExplain()
    {
        var start = Advance();
        var analyze = TryWord("ANALYZE");
        var verbose = TryWord("VERBOSE");
        ExplainFormat? format = null;
        ExplainType? type = null;
        if (At(TokenKind.LeftParen) && (AtWord("FORMAT", 1) || AtWord("TYPE", 1)))
        {
            _pos++;
            do
            {
                if (TryWord("FORMAT"))
                {
                    if (format is not null) throw Expected("TYPE (FORMAT given twice)");
                    format = Current.Upper switch
                    {
                        "TEXT" => ExplainFormat.Text,
                        "GRAPHVIZ" => ExplainFormat.Graphviz,
                        "JSON" => ExplainFormat.Json,
                        _ => throw Expected("TEXT, GRAPHVIZ or JSON"),
                    };
                }
                else if (TryWord("TYPE"))
                {
                    if (type is not null) throw Expected("FORMAT (TYPE given twice)");
                    type = Current.Upper switch
                    {
                        "LOGICAL" => ExplainType.Logical,
                        "DISTRIBUTED" => ExplainType.Distributed,
                        "VALIDATE" => ExplainType.Validate,
                        "IO" => ExplainType.Io,
                        _ => throw Expected("LOGICAL, DISTRIBUTED, VALIDATE or IO"),
                    };
                }
                else
                {
                    throw Expected("FORMAT or TYPE");
                }

                _pos++;
            }
            while (TryConsume(TokenKind.Comma));

            Expect(TokenKind.RightParen);
        }

        var statement = ParseStatement();
        return new Explain(analyze, verbose, format, type, statement) { Span = SpanFrom(start) };
    }

    private (string? Pattern, string? Escape) ParseLikePattern(bool allowBare)
    {
        if (TryWord("LIKE") || (allowBare && At(TokenKind.String)))
        {
            var pattern = ParseStringLiteral("a pattern string");
            string? escape = null;
            if (TryWord("ESCAPE")) escape = ParseStringLiteral("an escape string");
            return (pattern, escape);
        }

        return (null, null);
    }

    private bool TryFromOrIn() => TryWord("FROM") || TryWord("IN");

    private Statement ParseAnalyze()
    {
        var start = Advance();
        var table = ParseQualifiedName("a table name");
        return new AnalyzeTable(table) { Span = SpanFrom(start) };
    }

    private Statement ParseShow()
    {
        var start = Advance();
        if (TryWord("SCHEMAS") || TryWord("DATABASES"))
        {
            Identifier? catalog = TryFromOrIn() ? ParseIdentifier("a catalog name") : null;
            var (pattern, escape) = ParseLikePattern(allowBare: false);
            return new ShowSchemas(catalog, pattern, escape) { Span = SpanFrom(start) };
        }

        if (TryWord("CATALOGS"))
        {
            var (pattern, escape) = ParseLikePattern(allowBare: false);
            return new ShowCatalogs(pattern, escape) { Span = SpanFrom(start) };
        }

        if (TryWord("TABLES"))
        {
            var schema = TryFromOrIn() ? ParseQualifiedName("a schema name") : null;
            var (pattern, escape) = ParseLikePattern(allowBare: true);
            return new ShowTables(schema, pattern, escape) { Span = SpanFrom(start) };
        }

        if (TryWord("VIEWS"))
        {
            var schema = TryFromOrIn() ? ParseQualifiedName("a schema name") : null;
            var (pattern, escape) = ParseLikePattern(allowBare: true);
            return new ShowViews(schema, pattern, escape) { Span = SpanFrom(start) };
        }

        if (TryWord("COLUMNS"))
        {
            if (!TryFromOrIn()) throw Expected("FROM or IN");
            var table = ParseQualifiedName("a table name");
            if (TryFromOrIn())
            {
                var schema = ParseQualifiedName("a schema name");
                table = new QualifiedName(new NodeList<Identifier>([.. schema.Parts, .. table.Parts])) { Span = table.Span.Union(schema.Span) };
            }

            var (pattern, escape) = ParseLikePattern(allowBare: false);
            return new ShowColumns(table, pattern, escape) { Span = SpanFrom(start) };
        }

        if (TryWords("STATS", "FOR"))
        {
            var table = ParseQualifiedName("a table name");
            return new ShowStats(table) { Span = SpanFrom(start) };
        }

        if (TryWord("PARTITIONS"))
        {
            var table = ParseQualifiedName("a table name");
            return new ShowPartitions(table) { Span = SpanFrom(start) };
        }

        if (TryWords("CREATE", "TABLE"))
        {
            var table = ParseQualifiedName("a table name");
            return new ShowCreateTable(table) { Span = SpanFrom(start) };
        }

        if (TryWords("CREATE", "VIEW"))
        {
            var view = ParseQualifiedName("a view name");
            return new ShowCreateView(view) { Span = SpanFrom(start) };
        }

        if (TryWord("TBLPROPERTIES"))
        {
            var table = ParseQualifiedName("a table name");
            string? property = null;
            if (TryConsume(TokenKind.LeftParen))
            {
                property = ParseStringLiteral("a property name string");
                Expect(TokenKind.RightParen);
            }

            return new ShowTblProperties(table, property) { Span = SpanFrom(start) };
        }

        if (TryWord("FUNCTIONS"))
        {
            var (pattern, escape) = ParseLikePattern(allowBare: false);
            return new ShowFunctions(pattern, escape) { Span = SpanFrom(start) };
        }

        if (TryWord("SESSION")) return new ShowSession { Span = SpanFrom(start) };

        throw Expected("SCHEMAS, DATABASES, CATALOGS, TABLES, VIEWS, COLUMNS, PARTITIONS, STATS FOR, CREATE, TBLPROPERTIES, FUNCTIONS or SESSION");
    }

    private Statement ParseDescribe()
    {
        var start = Advance();
        if (AtWord("INPUT") && AtIdentifier(1) && Peek(2).Kind is TokenKind.EndOfInput or TokenKind.Semicolon)
        {
            _pos++;
            return new DescribeInput(ParseIdentifier("a prepared statement name")) { Span = SpanFrom(start) };
        }

        if (AtWord("OUTPUT") && AtIdentifier(1) && Peek(2).Kind is TokenKind.EndOfInput or TokenKind.Semicolon)
        {
            _pos++;
            return new DescribeOutput(ParseIdentifier("a prepared statement name")) { Span = SpanFrom(start) };
        }

        var extended = false;
        var formatted = false;
        if (AtWord("VIEW") && AtIdentifier(1)) _pos++;
        if (AtIdentifier(1) && TryWord("EXTENDED")) extended = true;
        else if (AtIdentifier(1) && TryWord("FORMATTED")) formatted = true;
        var table = ParseQualifiedName("a table name");
        return new DescribeTable(table, extended, formatted) { Span = SpanFrom(start) };
    }

    private Statement ParseUse()
    {
        var start = Advance();
        var first = ParseIdentifier("a schema name");
        if (TryConsume(TokenKind.Period))
        {
            var schema = ParseIdentifier("a schema name");
            return new Use(first, schema) { Span = SpanFrom(start) };
        }

        return new Use(null, first) { Span = SpanFrom(start) };
    }

    private Statement ParsePrepare()
    {
        var start = Advance();
        var name = ParseIdentifier("a prepared statement name");
        ExpectWord("FROM");
        var statement = ParseStatement();
        return new Prepare(name, statement) { Span = SpanFrom(start) };
    }

    private Statement ParseExecute()
    {
        var start = Advance();
        var name = ParseIdentifier("a prepared statement name");
        var parameters = new List<Expression>();
        if (TryWord("USING"))
        {
            parameters.Add(ParseExpression());
            while (TryConsume(TokenKind.Comma)) parameters.Add(ParseExpression());
        }

        return new Execute(name, ListOf(parameters)) { Span = SpanFrom(start) };
    }

    private Statement ParseCall()
    {
        var start = Advance();
        var name = ParseQualifiedName("a procedure name");
        Expect(TokenKind.LeftParen);
        var arguments = new List<CallArgument>();
        if (!At(TokenKind.RightParen))
        {
            do
            {
                var argumentStart = Current;
                Identifier? argumentName = null;
                if (Peek(1).Kind == TokenKind.FatArrow)
                {
                    argumentName = ParseIdentifier("an argument name");
                    Expect(TokenKind.FatArrow);
                }
                var value = ParseExpression();
                arguments.Add(new CallArgument(argumentName, value) { Span = SpanFrom(argumentStart) });
            }
            while (TryConsume(TokenKind.Comma));
        }
        Expect(TokenKind.RightParen);
        return new Call(name, ListOf(arguments)) { Span = SpanFrom(start) };
    }

    private Statement ParseDeallocate()
    {
        var start = Advance();
        ExpectWord("PREPARE");
        var name = ParseIdentifier("a prepared statement name");
        return new Deallocate(name) { Span = SpanFrom(start) };
    }

    private Statement ParseSetSession()
    {
        var start = Advance();
        _pos++;
        var name = ParseQualifiedName("a session property name");
        Expect(TokenKind.Equal);
        var value = ParseExpression();
        return new SetSession(name, value) { Span = SpanFrom(start) };
    }

    private Statement ParseSetTimeZone()
    {
        var start = Advance();
        _pos += 2;
        var zone = TryWord("LOCAL") ? null : ParseExpression();
        return new SetTimeZone(zone) { Span = SpanFrom(start) };
    }

    private Statement ParseResetSession()
    {
        var start = Advance();
        _pos++;
        var name = ParseQualifiedName("a session property name");
        return new ResetSession(name) { Span = SpanFrom(start) };
    }
}
