using QueryEngine.Engine.Sql;
using QueryEngine.Engine.Sql.Ast;
using Xunit;

namespace QueryEngine.Engine.Tests.Sql;

public sealed class ExpressionParserTests
{
    private static Expression Parse(string sql) => SqlParser.ParseExpression(sql);

    private static Identifier Id(string name) => new(name, false);

    [Fact]
    public void MultiplicationBindsTighterThanAddition()
    {
        var e = Assert.IsType<ArithmeticBinaryExpression>(Parse("a + b * c"));
        Assert.Equal(ArithmeticOperator.Add, e.Operator);
        Assert.Equal(Id("a"), e.Left);
        var right = Assert.IsType<ArithmeticBinaryExpression>(e.Right);
        Assert.Equal(ArithmeticOperator.Multiply, right.Operator);
    }

    [Fact]
    public void SubtractionIsLeftAssociative()
    {
        var e = Assert.IsType<ArithmeticBinaryExpression>(Parse("a - b - c"));
        Assert.Equal(Id("c"), e.Right);
        var left = Assert.IsType<ArithmeticBinaryExpression>(e.Left);
        Assert.Equal(Id("a"), left.Left);
        Assert.Equal(Id("b"), left.Right);
    }

    [Fact]
    public void ConcatBindsLooserThanAdditionAndBecomesConcatCall()
    {
        var e = Assert.IsType<FunctionCall>(Parse("a + b || c"));
        Assert.Equal("concat", e.Name.Last.Value);
        Assert.IsType<ArithmeticBinaryExpression>(e.Arguments[0]);
        Assert.Equal(Id("c"), e.Arguments[1]);
    }

    [Fact]
    public void UnaryMinusBindsTighterThanMultiplicationButLooserThanAtTimeZone()
    {
        var product = Assert.IsType<ArithmeticBinaryExpression>(Parse("-a * b"));
        Assert.IsType<ArithmeticUnaryExpression>(product.Left);

        var negated = Assert.IsType<ArithmeticUnaryExpression>(Parse("-x AT TIME ZONE 'UTC'"));
        Assert.Equal(UnarySign.Minus, negated.Sign);
        Assert.IsType<AtTimeZoneExpression>(negated.Value);
    }

    [Fact]
    public void MinusFoldsIntoNumericLiterals()
    {
        Assert.Equal(new LongLiteral(-5), Parse("-5"));
        Assert.Equal(new LongLiteral(long.MinValue), Parse("-9223372036854775808"));
        Assert.Equal(new DecimalLiteral("9223372036854775808"), Parse("9223372036854775808"));
        Assert.Equal(new DecimalLiteral("-0.05"), Parse("-0.05"));
        Assert.Equal(new DoubleLiteral(-1000), Parse("-1e3"));
        Assert.Equal(new LongLiteral(5), Parse("- -5"));
        Assert.Equal(new ArithmeticUnaryExpression(UnarySign.Plus, new LongLiteral(5)), Parse("+5"));
    }

    [Fact]
    public void NumericLiteralKinds()
    {
        Assert.Equal(new LongLiteral(42), Parse("42"));
        Assert.Equal(new DecimalLiteral("1.5"), Parse("1.5"));
        Assert.Equal(new DecimalLiteral(".5"), Parse(".5"));
        Assert.Equal(new DecimalLiteral("1."), Parse("1."));
        Assert.Equal(new DoubleLiteral(1.5e-7), Parse("1.5E-7"));
        Assert.Equal(new DoubleLiteral(100), Parse("1e+2"));
        Assert.Equal(new DecimalLiteral("123456789012345678901234567890"), Parse("123456789012345678901234567890"));
    }

    [Fact]
    public void StringBinaryAndUnicodeLiterals()
    {
        Assert.Equal(new StringLiteral("it's"), Parse("'it''s'"));
        Assert.Equal(new StringLiteral("A\U0001F600"), Parse("U&'\\0041\\+01F600'"));
        Assert.Equal(new StringLiteral("A\\"), Parse("U&'!0041\\' UESCAPE '!'"));
        Assert.Equal(new StringLiteral("a\\b"), Parse("U&'a\\\\b'"));
        var binary = Assert.IsType<BinaryLiteral>(Parse("x'0a ff'"));
        Assert.Equal("0AFF", binary.Hex);
        Assert.Equal(new byte[] { 0x0A, 0xFF }, binary.GetBytes());
    }

    [Fact]
    public void TypedLiterals()
    {
        Assert.Equal(new GenericLiteral("date", "2020-01-31"), Parse("DATE '2020-01-31'"));
        Assert.Equal(new GenericLiteral("timestamp", "2020-01-31 01:02:03"), Parse("timestamp '2020-01-31 01:02:03'"));
        Assert.Equal(new IntervalLiteral("3", IntervalSign.Positive, IntervalField.Month, null), Parse("INTERVAL '3' MONTH"));
        Assert.Equal(new IntervalLiteral("1-2", IntervalSign.Positive, IntervalField.Year, IntervalField.Month), Parse("INTERVAL '1-2' YEAR TO MONTH"));
        Assert.Equal(new IntervalLiteral("1", IntervalSign.Negative, IntervalField.Day, null), Parse("INTERVAL -'1' DAY"));
        Assert.Equal(new BooleanLiteral(true), Parse("true"));
        Assert.Equal(new NullLiteral(), Parse("NULL"));
    }

    [Fact]
    public void AndOrChainsAreFlatNaryNodes()
    {
        var or = Assert.IsType<LogicalExpression>(Parse("a AND b AND c OR d OR e AND f"));
        Assert.Equal(LogicalOperator.Or, or.Operator);
        Assert.Equal(3, or.Terms.Count);
        var firstAnd = Assert.IsType<LogicalExpression>(or.Terms[0]);
        Assert.Equal(LogicalOperator.And, firstAnd.Operator);
        Assert.Equal(3, firstAnd.Terms.Count);
        Assert.Equal(Id("d"), or.Terms[1]);
        Assert.Equal(2, Assert.IsType<LogicalExpression>(or.Terms[2]).Terms.Count);
    }

    [Fact]
    public void ParenthesizedLogicalOperandsStayNested()
    {
        var and = Assert.IsType<LogicalExpression>(Parse("(a AND b) AND c"));
        Assert.Equal(2, and.Terms.Count);
        Assert.IsType<LogicalExpression>(and.Terms[0]);
    }

    [Fact]
    public void NotBindsLooserThanComparisonAndTighterThanAnd()
    {
        var and = Assert.IsType<LogicalExpression>(Parse("NOT a = b AND c"));
        var not = Assert.IsType<NotExpression>(and.Terms[0]);
        Assert.IsType<ComparisonExpression>(not.Value);
    }

    [Fact]
    public void Predicates()
    {
        var between = Assert.IsType<BetweenPredicate>(Parse("x NOT BETWEEN 1 AND 2 + 3"));
        Assert.True(between.Negated);
        Assert.IsType<ArithmeticBinaryExpression>(between.Max);

        var inList = Assert.IsType<InListExpression>(Parse("x IN (1, 2)"));
        Assert.False(inList.Negated);
        Assert.Equal(2, inList.Values.Count);

        var inSubquery = Assert.IsType<InSubqueryExpression>(Parse("x NOT IN (SELECT y FROM t)"));
        Assert.True(inSubquery.Negated);

        var like = Assert.IsType<LikePredicate>(Parse("s NOT LIKE 'a\\%%' ESCAPE '\\'"));
        Assert.True(like.Negated);
        Assert.Equal(new StringLiteral("\\"), like.Escape);

        Assert.Equal(new IsNullPredicate(Id("x"), true), Parse("x IS NOT NULL"));
        Assert.Equal(new IsDistinctFromExpression(Id("x"), Id("y"), false), Parse("x IS DISTINCT FROM y"));
        Assert.Equal(new ComparisonExpression(ComparisonOperator.NotEqual, Id("x"), Id("y")), Parse("x != y"));
        Assert.Equal(new ComparisonExpression(ComparisonOperator.NotEqual, Id("x"), Id("y")), Parse("x <> y"));

        var quantified = Assert.IsType<QuantifiedComparisonExpression>(Parse("x >= ALL (SELECT y FROM t)"));
        Assert.Equal(Quantifier.All, quantified.Quantifier);
        Assert.Equal(ComparisonOperator.GreaterThanOrEqual, quantified.Operator);

        Assert.IsType<ExistsPredicate>(Parse("EXISTS (SELECT 1)"));
        Assert.IsType<SubqueryExpression>(Parse("(SELECT 1)"));
    }

    [Fact]
    public void DereferenceChainsAndSubscripts()
    {
        var e = Assert.IsType<DereferenceExpression>(Parse("a.b.c"));
        Assert.Equal(Id("c"), e.Field);
        var inner = Assert.IsType<DereferenceExpression>(e.Base);
        Assert.Equal(Id("a"), inner.Base);
        Assert.Equal(Id("b"), inner.Field);

        var subscript = Assert.IsType<SubscriptExpression>(Parse("m['k'][1]"));
        Assert.Equal(new LongLiteral(1), subscript.Index);
        Assert.IsType<SubscriptExpression>(subscript.Base);

        var field = Assert.IsType<DereferenceExpression>(Parse("f(x).y"));
        Assert.IsType<FunctionCall>(field.Base);
    }

    [Fact]
    public void QuotedIdentifiersKeepCaseAndFlag()
    {
        Assert.Equal(new Identifier("My Col", true), Parse("\"My Col\""));
        Assert.Equal(new Identifier("a\"b", true), Parse("\"a\"\"b\""));
        Assert.Equal(new Identifier("Tick`s", true), Parse("`Tick``s`"));
        var plain = Assert.IsType<Identifier>(Parse("MyCol"));
        Assert.False(plain.Quoted);
        Assert.Equal("MyCol", plain.Value);
        Assert.Equal("mycol", plain.CanonicalValue);
    }

    [Fact]
    public void NonReservedKeywordsAreIdentifiers()
    {
        foreach (var word in new[] { "date", "year", "comment", "data", "format", "location", "value", "key", "position", "time", "timestamp", "interval", "array", "row", "map", "filter", "over", "limit" })
        {
            Assert.Equal(Id(word), Parse(word));
        }
    }

    [Fact]
    public void FunctionCallForms()
    {
        var count = Assert.IsType<FunctionCall>(Parse("count(*)"));
        Assert.True(count.IsCountStar);
        Assert.Empty(count.Arguments);

        var distinct = Assert.IsType<FunctionCall>(Parse("count(DISTINCT x) FILTER (WHERE x > 0)"));
        Assert.True(distinct.Distinct);
        Assert.IsType<ComparisonExpression>(distinct.Filter);

        var ordered = Assert.IsType<FunctionCall>(Parse("array_agg(x ORDER BY y DESC)"));
        Assert.Equal(SortOrdering.Descending, Assert.Single(ordered.OrderBy!.SortItems).Ordering);

        var qualified = Assert.IsType<FunctionCall>(Parse("a.b.f(1)"));
        Assert.Equal(["a", "b", "f"], qualified.Name.Parts.Select(p => p.Value));

        var window = Assert.IsType<FunctionCall>(Parse("sum(x) OVER (PARTITION BY a ORDER BY b ROWS BETWEEN 1 PRECEDING AND CURRENT ROW)"));
        var spec = Assert.IsType<WindowSpecification>(window.Window);
        Assert.Single(spec.PartitionBy);
        Assert.Equal(new WindowFrame(WindowFrameType.Rows, new FrameBound(FrameBoundType.Preceding, new LongLiteral(1)), new FrameBound(FrameBoundType.CurrentRow, null)), spec.Frame);

        var named = Assert.IsType<FunctionCall>(Parse("lag(x) IGNORE NULLS OVER w"));
        Assert.Equal(NullTreatment.Ignore, named.NullTreatment);
        Assert.Equal(new WindowReference(Id("w")), named.Window);

        foreach (var name in new[] { "if", "coalesce", "nullif", "try" })
        {
            Assert.Equal(name, Assert.IsType<FunctionCall>(Parse(name + "(a, b)")).Name.Last.Value);
        }
    }

    [Fact]
    public void SpecialSyntaxFunctions()
    {
        var substring = Assert.IsType<FunctionCall>(Parse("substring(s FROM 2 FOR 3)"));
        Assert.Equal("substring", substring.Name.Last.Value);
        Assert.Equal([Id("s"), new LongLiteral(2), new LongLiteral(3)], substring.Arguments);

        var position = Assert.IsType<FunctionCall>(Parse("position('x' IN s)"));
        Assert.Equal("strpos", position.Name.Last.Value);
        Assert.Equal([Id("s"), new StringLiteral("x")], position.Arguments);

        Assert.Equal(new TrimExpression(TrimSpecification.Both, Id("s"), null), Parse("trim(s)"));
        Assert.Equal(new TrimExpression(TrimSpecification.Leading, Id("s"), new StringLiteral("x")), Parse("TRIM(LEADING 'x' FROM s)"));
        Assert.Equal(new TrimExpression(TrimSpecification.Both, Id("s"), new StringLiteral("x")), Parse("trim('x' FROM s)"));
        Assert.Equal(new TrimExpression(TrimSpecification.Both, Id("s"), new StringLiteral("x")), Parse("trim(s, 'x')"));
        Assert.Equal(new TrimExpression(TrimSpecification.Trailing, Id("s"), null), Parse("trim(TRAILING FROM s)"));

        Assert.Equal(new ExtractExpression(ExtractField.DayOfWeek, Id("d")), Parse("extract(dow FROM d)"));
        Assert.Equal(new CurrentTimeExpression(CurrentTimeFunction.CurrentTimestamp, 3), Parse("current_timestamp(3)"));
        Assert.Equal(new CurrentTimeExpression(CurrentTimeFunction.CurrentDate, null), Parse("CURRENT_DATE"));
        Assert.Equal(new SessionContextExpression(SessionContextFunction.CurrentUser), Parse("current_user"));
    }

    [Fact]
    public void CastCaseConstructorsAndLambdas()
    {
        var cast = Assert.IsType<CastExpression>(Parse("TRY_CAST(x AS decimal(15, 2))"));
        Assert.True(cast.IsTry);
        Assert.Equal("decimal(15,2)", cast.Type.ToCanonicalString());

        var simple = Assert.IsType<SimpleCaseExpression>(Parse("CASE x WHEN 1 THEN 'a' WHEN 2 THEN 'b' ELSE 'c' END"));
        Assert.Equal(2, simple.WhenClauses.Count);
        Assert.Equal(new StringLiteral("c"), simple.Default);

        var searched = Assert.IsType<SearchedCaseExpression>(Parse("CASE WHEN x THEN 1 END"));
        Assert.Null(searched.Default);

        Assert.Equal(new ArrayConstructor(NodeList.Of<Expression>(new LongLiteral(1), new LongLiteral(2))), Parse("ARRAY[1, 2]"));
        Assert.Equal(new RowConstructor(NodeList.Of<Expression>(new LongLiteral(1), new StringLiteral("a"))), Parse("(1, 'a')"));
        Assert.Equal(new RowConstructor(NodeList.Of<Expression>(new LongLiteral(1))), Parse("ROW(1)"));
        Assert.Equal(new LongLiteral(1), Parse("(1)"));

        var lambda = Assert.IsType<LambdaExpression>(Parse("(x, y) -> x + y"));
        Assert.Equal([Id("x"), Id("y")], lambda.Parameters);
        var single = Assert.IsType<LambdaExpression>(Parse("x -> x"));
        Assert.Single(single.Parameters);
        Assert.Empty(Assert.IsType<LambdaExpression>(Parse("() -> 1")).Parameters);
    }

    [Fact]
    public void ParametersAreNumberedInOrder()
    {
        var statement = Assert.IsType<QueryStatement>(SqlParser.ParseStatement("SELECT ? FROM t WHERE a = ? AND b IN (?, ?) LIMIT ?"));
        var spec = Assert.IsType<QuerySpecification>(statement.Query.Body);
        Assert.Equal(new ParameterExpression(0), Assert.IsType<SingleColumn>(spec.Select.SelectItems[0]).Expression);
        Assert.Equal(new ParameterExpression(4), spec.Limit!.RowCount);
    }

    [Fact]
    public void SpansAreOneBasedLineAndColumn()
    {
        var e = Assert.IsType<ComparisonExpression>(Parse("a +\n  bb = c"));
        var sum = Assert.IsType<ArithmeticBinaryExpression>(e.Left);
        Assert.Equal(1, sum.Span.Line);
        Assert.Equal(1, sum.Span.Column);
        var bb = sum.Right.Span;
        Assert.Equal((2, 3, 6, 2), (bb.Line, bb.Column, bb.Offset, bb.Length));
        Assert.Equal(0, e.Span.Offset);
        Assert.Equal(12, e.Span.Length);
    }

    [Fact]
    public void EqualityIgnoresSpans()
    {
        var a = Parse("x + 1");
        var b = Parse("  x   +   1");
        Assert.NotEqual(a.Span, b.Span);
        Assert.Equal(a, b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
        Assert.NotEqual(Parse("x + 1"), Parse("x + 2"));
        Assert.NotEqual<Expression>(new Identifier("x", false), new Identifier("x", true));
    }

    [Fact]
    public void ToStringRendersSql()
    {
        Assert.Equal("a + b * c", Parse("a+b*c").ToString());
        Assert.Equal("(a + b) * c", Parse("(a+b)*c").ToString());
    }
}
