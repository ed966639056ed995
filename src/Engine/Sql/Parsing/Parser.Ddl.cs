using QueryEngine.Engine.Sql.Ast;

namespace QueryEngine.Engine.Sql.Parsing;

/// <summary>CREATE / DROP / INSERT / UNLOAD, Trino style.</summary>
internal sealed partial class Parser
{
    private Statement ParseCreate()
    {
        var start = Advance();
        if (TryWord("SCHEMA") || TryWord("DATABASE")) return ParseCreateSchema(start);

        var orReplace = TryWords("OR", "REPLACE");
        if (TryWord("VIEW")) return ParseCreateView(start, orReplace);
        if (orReplace) throw Expected("VIEW");

        var external = TryWord("EXTERNAL");
        ExpectWord("TABLE");
        var ifNotExists = TryWords("IF", "NOT", "EXISTS");
        var name = ParseQualifiedName("a table name");

        if (At(TokenKind.LeftParen) && !IsColumnAliasList())
        {
            var columns = ParseColumnDefinitions();
            string? comment = null;
            if (TryWord("COMMENT")) comment = ParseStringLiteral("a comment string");
            if (external || AtHiveTableClause())
            {
                return ParseHiveTableClauses(start, external, ifNotExists, name, columns, comment);
            }

            var properties = ParseOptionalProperties();
            return new CreateTable(name, ifNotExists, columns, comment, properties) { Span = SpanFrom(start) };
        }

        if (external) throw Expected("'(' and a column list");
        var aliases = At(TokenKind.LeftParen) ? ParseParenthesizedIdentifiers() : NodeList<Identifier>.Empty;
        string? tableComment = null;
        if (TryWord("COMMENT")) tableComment = ParseStringLiteral("a comment string");
        var tableProperties = ParseOptionalProperties();
        ExpectWord("AS");
        var query = ParseQuery();

        var withData = true;
        if (TryWords("WITH", "NO", "DATA")) withData = false;
        else TryWords("WITH", "DATA");
        return new CreateTableAsSelect(name, ifNotExists, aliases, tableComment, tableProperties, query, withData) { Span = SpanFrom(start) };
    }

    /// <summary>After the table name: is "(a, b)" a CTAS column alias list rather than column definitions?</summary>
    private bool IsColumnAliasList() =>
        AtIdentifier(1) && Peek(2).Kind is TokenKind.Comma or TokenKind.RightParen;

    private Statement ParseCreateSchema(Token start)
    {
        var ifNotExists = TryWords("IF", "NOT", "EXISTS");
        var name = ParseQualifiedName("a schema name");
        string? comment = null;
        string? location = null;
        var dbProperties = NodeList<StringProperty>.Empty;
        var properties = NodeList<Property>.Empty;
        while (true)
        {
            if (comment is null && TryWord("COMMENT")) comment = ParseHiveString("a comment string");
            else if (location is null && TryWord("LOCATION")) location = ParseHiveString("a location string");
            else if (dbProperties.Count == 0 && TryWords("WITH", "DBPROPERTIES")) dbProperties = ParseStringProperties();
            else if (properties.Count == 0 && AtWord("WITH") && Peek(1).Kind == TokenKind.LeftParen) properties = ParseOptionalProperties();
            else break;
        }

        return new CreateSchema(name, ifNotExists, comment, location, dbProperties, properties) { Span = SpanFrom(start) };
    }

    private Statement ParseCreateView(Token start, bool orReplace)
    {
        var name = ParseQualifiedName("a view name");
        string? comment = null;
        if (TryWord("COMMENT")) comment = ParseStringLiteral("a comment string");
        if (TryWord("SECURITY"))
        {
            if (!TryWord("DEFINER") && !TryWord("INVOKER")) throw Expected("DEFINER or INVOKER");
        }

        ExpectWord("AS");
        var queryStart = Current.Span.Offset;
        var query = ParseQuery();
        var queryText = _sql[queryStart..Previous.Span.End];
        return new CreateView(orReplace, name, comment, query, queryText) { Span = SpanFrom(start) };
    }

    private NodeList<ColumnDefinition> ParseColumnDefinitions()
    {
        Expect(TokenKind.LeftParen);
        var columns = new List<ColumnDefinition> { ParseColumnDefinition() };
        while (TryConsume(TokenKind.Comma)) columns.Add(ParseColumnDefinition());
        Expect(TokenKind.RightParen);
        return new NodeList<ColumnDefinition>(columns);
    }

    private ColumnDefinition ParseColumnDefinition()
    {
        var start = Current;
        var name = ParseIdentifier("a column name", allowReserved: true);
        var type = ParseDataType();
        var notNull = TryWords("NOT", "NULL");
        string? comment = null;
        if (TryWord("COMMENT")) comment = ParseHiveString("a comment string");
        var properties = ParseOptionalProperties();
        return new ColumnDefinition(name, type, notNull, comment, properties) { Span = SpanFrom(start) };
    }

    /// <summary><c>WITH (name = expression, ...)</c> if present.</summary>
    private NodeList<Property> ParseOptionalProperties()
    {
        if (!(AtWord("WITH") && Peek(1).Kind == TokenKind.LeftParen)) return NodeList<Property>.Empty;
        _pos += 2;
        var properties = new List<Property>();
        do
        {
            var start = Current;
            var name = ParseIdentifier("a property name");
            Expect(TokenKind.Equal);
            var value = ParseExpression();
            properties.Add(new Property(name, value) { Span = SpanFrom(start) });
        }
        while (TryConsume(TokenKind.Comma));

        Expect(TokenKind.RightParen);
        return new NodeList<Property>(properties);
    }

    /// <summary><c>('key' = 'value', ...)</c>.</summary>
    private NodeList<StringProperty> ParseStringProperties()
    {
        Expect(TokenKind.LeftParen);
        var properties = new List<StringProperty>();
        if (!At(TokenKind.RightParen))
        {
            do
            {
                var start = Current;
                var key = ParseHiveString("a property key string");
                Expect(TokenKind.Equal);
                var value = ParseHiveString("a property value string");
                properties.Add(new StringProperty(key, value) { Span = SpanFrom(start) });
            }
            while (TryConsume(TokenKind.Comma));
        }

        Expect(TokenKind.RightParen);
        return ListOf(properties);
    }

    private Statement ParseDrop()
    {
        var start = Advance();
        if (TryWord("SCHEMA") || TryWord("DATABASE"))
        {
            var ifExists = TryWords("IF", "EXISTS");
            var name = ParseQualifiedName("a schema name");
            var cascade = TryWord("CASCADE");
            if (!cascade) TryWord("RESTRICT");
            return new DropSchema(name, ifExists, cascade) { Span = SpanFrom(start) };
        }

        if (TryWord("TABLE"))
        {
            var ifExists = TryWords("IF", "EXISTS");
            var name = ParseQualifiedName("a table name");
            return new DropTable(name, ifExists) { Span = SpanFrom(start) };
        }

        if (TryWord("VIEW"))
        {
            var ifExists = TryWords("IF", "EXISTS");
            var name = ParseQualifiedName("a view name");
            return new DropView(name, ifExists) { Span = SpanFrom(start) };
        }

        throw Expected("SCHEMA, DATABASE, TABLE or VIEW");
    }

    private Statement ParseInsert()
    {
        var start = Advance();
        ExpectWord("INTO");
        var table = ParseQualifiedName("a table name");
        var columns = At(TokenKind.LeftParen) && !AtQueryStart(1) && Peek(1).Kind != TokenKind.LeftParen
            ? ParseParenthesizedIdentifiers()
            : NodeList<Identifier>.Empty;
        var query = ParseQuery();
        return new InsertInto(table, columns, query) { Span = SpanFrom(start) };
    }

    private Statement ParseUnload()
    {
        var start = Advance();
        Expect(TokenKind.LeftParen);
        var query = ParseQuery();
        Expect(TokenKind.RightParen);
        ExpectWord("TO");
        var location = ParseStringLiteral("a location string");
        var properties = ParseOptionalProperties();
        return new Unload(query, location, properties) { Span = SpanFrom(start) };
    }

    private Statement ParseMsck()
    {
        var start = Advance();
        ExpectWords("REPAIR", "TABLE");
        var table = ParseQualifiedName("a table name");
        return new MsckRepairTable(table) { Span = SpanFrom(start) };
    }
}
