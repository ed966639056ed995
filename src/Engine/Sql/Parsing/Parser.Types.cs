using QueryEngine.Engine.Sql.Ast;

namespace QueryEngine.Engine.Sql.Parsing;

/// <summary>Data types in Trino syntax (<c>array(bigint)</c>, <c>row(a bigint)</c>, <c>timestamp(3) with time zone</c>)
/// and Hive syntax (<c>array&lt;string&gt;</c>, <c>struct&lt;a:int&gt;</c>).</summary>
internal sealed partial class Parser
{
    internal DataTypeSyntax ParseDataType()
    {
        using var guard = Nest();
        var start = Current;
        if (start.Kind != TokenKind.Word && start.Kind != TokenKind.QuotedIdentifier) throw Expected("a data type");
        var upper = start.Kind == TokenKind.Word ? start.Upper : string.Empty;

        switch (upper)
        {
            case "ARRAY" when Peek(1).Kind is TokenKind.LessThan or TokenKind.LeftParen:
            {
                _pos++;
                var close = OpenTypeParameters();
                var element = ParseDataType();
                Expect(close);
                return Type("array", start, new TypeArgument(element) { Span = element.Span });
            }

            case "MAP" when Peek(1).Kind is TokenKind.LessThan or TokenKind.LeftParen:
            {
                _pos++;
                var close = OpenTypeParameters();
                var key = ParseDataType();
                Expect(TokenKind.Comma);
                var value = ParseDataType();
                Expect(close);
                return Type("map", start, new TypeArgument(key) { Span = key.Span }, new TypeArgument(value) { Span = value.Span });
            }

            case "STRUCT" when Peek(1).Kind == TokenKind.LessThan:
            {
                _pos += 2;
                var fields = new List<DataTypeParameter>();
                if (!At(TokenKind.GreaterThan))
                {
                    do
                    {
                        var fieldStart = Current;
                        var name = ParseIdentifier("a field name", allowReserved: true);
                        Expect(TokenKind.Colon);
                        var type = ParseDataType();
                        fields.Add(new FieldParameter(name, type) { Span = SpanFrom(fieldStart) });
                    }
                    while (TryConsume(TokenKind.Comma));
                }

                Expect(TokenKind.GreaterThan);
                return new DataTypeSyntax("struct", ListOf(fields)) { Span = SpanFrom(start) };
            }

            case "ROW" when Peek(1).Kind == TokenKind.LeftParen:
            {
                _pos += 2;
                var fields = new List<DataTypeParameter>();
                do
                {
                    var fieldStart = Current;
                    Identifier? name = null;
                    if ((At(TokenKind.Word) || At(TokenKind.QuotedIdentifier)) &&
                        (Peek(1).Kind is TokenKind.Word or TokenKind.QuotedIdentifier) && !IsUnnamedRowFieldType())
                    {
                        name = ParseIdentifier("a field name", allowReserved: true);
                    }

                    var type = ParseDataType();
                    fields.Add(new FieldParameter(name, type) { Span = SpanFrom(fieldStart) });
                }
                while (TryConsume(TokenKind.Comma));

                Expect(TokenKind.RightParen);
                return new DataTypeSyntax("row", ListOf(fields)) { Span = SpanFrom(start) };
            }

            case "INTERVAL":
            {
                _pos++;
                var from = ParseIntervalField();
                var name = "interval " + from.ToString().ToLowerInvariant();
                if (TryWord("TO")) name += " to " + ParseIntervalField().ToString().ToLowerInvariant();
                return new DataTypeSyntax(name, NodeList<DataTypeParameter>.Empty) { Span = SpanFrom(start) };
            }

            case "TIMESTAMP":
            case "TIME":
            {
                _pos++;
                var parameters = ParseNumericTypeParameters();
                var name = upper.ToLowerInvariant();
                if (TryWords("WITH", "TIME", "ZONE")) name += " with time zone";
                else TryWords("WITHOUT", "TIME", "ZONE");
                return new DataTypeSyntax(name, parameters) { Span = SpanFrom(start) };
            }

            case "DOUBLE" when AtWord("PRECISION", 1):
                _pos += 2;
                return new DataTypeSyntax("double", NodeList<DataTypeParameter>.Empty) { Span = SpanFrom(start) };
        }

        _pos++;
        var typeName = start.Text.ToLowerInvariant();
        if (!At(TokenKind.LeftParen))
        {
            return new DataTypeSyntax(typeName, NodeList<DataTypeParameter>.Empty) { Span = start.Span };
        }

        _pos++;
        var list = new List<DataTypeParameter>();
        do
        {
            if (At(TokenKind.Integer))
            {
                var token = Current;
                list.Add(new NumericParameter(ParseIntegerValue()) { Span = token.Span });
            }
            else
            {
                var argument = ParseDataType();
                list.Add(new TypeArgument(argument) { Span = argument.Span });
            }
        }
        while (TryConsume(TokenKind.Comma));

        Expect(TokenKind.RightParen);
        return new DataTypeSyntax(typeName, ListOf(list)) { Span = SpanFrom(start) };
    }

    /// <summary>In <c>row(...)</c>, two words in a row are usually "name type", except for multi-word types.</summary>
    private bool IsUnnamedRowFieldType() =>
        AtWord("PRECISION", 1) || AtWord("WITH", 1) || AtWord("WITHOUT", 1) ||
        (AtWord("INTERVAL") && Peek(1).Upper is "YEAR" or "MONTH" or "DAY" or "HOUR" or "MINUTE" or "SECOND");

    /// <summary>Consumes '&lt;' or '(' and returns the matching closing token kind.</summary>
    private TokenKind OpenTypeParameters()
    {
        if (TryConsume(TokenKind.LessThan)) return TokenKind.GreaterThan;
        Expect(TokenKind.LeftParen);
        return TokenKind.RightParen;
    }

    private NodeList<DataTypeParameter> ParseNumericTypeParameters()
    {
        if (!TryConsume(TokenKind.LeftParen)) return NodeList<DataTypeParameter>.Empty;
        var token = Current;
        var value = ParseIntegerValue("a precision");
        Expect(TokenKind.RightParen);
        return NodeList.Of<DataTypeParameter>(new NumericParameter(value) { Span = token.Span });
    }

    private DataTypeSyntax Type(string name, Token start, params DataTypeParameter[] parameters) =>
        new(name, new NodeList<DataTypeParameter>(parameters)) { Span = SpanFrom(start) };
}
