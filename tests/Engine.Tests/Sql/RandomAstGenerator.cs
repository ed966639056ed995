using QueryEngine.Engine.Sql.Ast;

namespace QueryEngine.Engine.Tests.Sql;

/// <summary>
/// Builds random expression and query trees of the shapes the parser produces (for example, minus is never
/// applied directly to a numeric literal because the parser folds it), to test that the formatter parenthesizes
/// every combination correctly.
/// </summary>
internal sealed class RandomAstGenerator(int seed)
{
    private readonly Random _random = new(seed);

    private static NodeList<T> L<T>(params IEnumerable<T> items) => new(items);

    private int Pick(int n) => _random.Next(n);

    private Identifier Name() => Pick(6) switch
    {
        0 => new Identifier("Mixed Case", true),
        1 => new Identifier("select", true),
        2 => new Identifier("date", false),
        _ => new Identifier(((char)('a' + Pick(5))).ToString(), false),
    };

    private QualifiedName QName() => new(Pick(3) == 0 ? L(Name(), Name()) : L(Name()));

    public Expression Expression(int depth)
    {
        if (depth <= 0) return Leaf();
        var d = depth - 1;
        return Pick(30) switch
        {
            0 => new ArithmeticBinaryExpression((ArithmeticOperator)Pick(5), Expression(d), Expression(d)),
            1 => new ArithmeticUnaryExpression(UnarySign.Minus, NonNumeric(d)),
            2 => new ArithmeticUnaryExpression(UnarySign.Plus, Expression(d)),
            3 => new ComparisonExpression((ComparisonOperator)Pick(6), Expression(d), Expression(d)),
            4 => new LogicalExpression((LogicalOperator)Pick(2), L(Enumerable.Range(0, 2 + Pick(2)).Select(_ => Expression(d)))),
            5 => new NotExpression(Expression(d)),
            6 => new IsNullPredicate(Expression(d), Pick(2) == 0),
            7 => new BetweenPredicate(Expression(d), Expression(d), Expression(d), Pick(2) == 0),
            8 => new InListExpression(Expression(d), L(Enumerable.Range(0, 1 + Pick(3)).Select(_ => Expression(d))), Pick(2) == 0),
            9 => new LikePredicate(Expression(d), Expression(d), Pick(2) == 0 ? null : Expression(d), Pick(2) == 0),
            10 => new IsDistinctFromExpression(Expression(d), Expression(d), Pick(2) == 0),
            11 => new AtTimeZoneExpression(Expression(d), Expression(d)),
            12 => new SubscriptExpression(Expression(d), Expression(d)),
            13 => new DereferenceExpression(Expression(d), Name()),
            14 => Call("concat", Expression(d), Expression(d)),
            15 => Call("f", Enumerable.Range(0, Pick(3)).Select(_ => Expression(d)).ToArray()),
            16 => new CastExpression(Expression(d), new DataTypeSyntax("bigint", NodeList<DataTypeParameter>.Empty), Pick(2) == 0),
            17 => new SearchedCaseExpression(L(new WhenClause(Expression(d), Expression(d))), Pick(2) == 0 ? null : Expression(d)),
            18 => new SimpleCaseExpression(Expression(d), L(new WhenClause(Expression(d), Expression(d))), null),
            19 => new ArrayConstructor(L(Enumerable.Range(0, Pick(3)).Select(_ => Expression(d)))),
            20 => new RowConstructor(L(Enumerable.Range(0, 1 + Pick(3)).Select(_ => Expression(d)))),
            21 => new LambdaExpression(L(new Identifier("x", false)), Expression(d)),
            22 => new SubqueryExpression(Query(d)),
            23 => new InSubqueryExpression(Expression(d), Query(d), Pick(2) == 0),
            24 => new ExistsPredicate(Query(d)),
            25 => new QuantifiedComparisonExpression((ComparisonOperator)Pick(6), (Quantifier)Pick(3), Expression(d), Query(d)),
            26 => new ExtractExpression((ExtractField)Pick(13), Expression(d)),
            27 => new TrimExpression((TrimSpecification)Pick(3), Expression(d), Pick(2) == 0 ? null : Expression(d)),
            _ => Leaf(),
        };
    }

    private Expression NonNumeric(int depth)
    {
        var e = Expression(depth);
        return e is LongLiteral or DecimalLiteral or DoubleLiteral ? Name() : e;
    }

    private FunctionCall Call(string name, params Expression[] arguments) =>
        new(new QualifiedName(L(new Identifier(name, false))), L(arguments), false, null, null, null, null, false);

    private Expression Leaf() => Pick(14) switch
    {
        0 => new LongLiteral(_random.NextInt64(-1000, 1000)),
        1 => new LongLiteral(long.MinValue),
        2 => new DecimalLiteral(Pick(2) == 0 ? "1.50" : "-.5"),
        3 => new DoubleLiteral((_random.NextDouble() - 0.5) * Math.Pow(10, Pick(40) - 20)),
        4 => new StringLiteral(Pick(2) == 0 ? "it's" : "--not a comment"),
        5 => new BooleanLiteral(Pick(2) == 0),
        6 => new NullLiteral(),
        7 => new GenericLiteral("date", "2020-01-01"),
        8 => new IntervalLiteral("3", (IntervalSign)Pick(2), IntervalField.Day, null),
        9 => new CurrentTimeExpression(CurrentTimeFunction.CurrentTimestamp, Pick(2) == 0 ? null : 3),
        10 => new BinaryLiteral("AB"),
        _ => Name(),
    };

    public Query Query(int depth)
    {
        var d = Math.Max(0, depth - 1);
        QueryBody body = Pick(4) switch
        {
            0 => new SetOperation((SetOperationType)Pick(3), Pick(2) == 0, Specification(d, false), Pick(2) == 0 ? Specification(d, false) : new TableSubquery(Query(d - 1))),
            1 => new Values(L(Expression(d), new RowConstructor(L(Expression(d), Expression(d))))),
            _ => Specification(d, true),
        };
        var orderBy = body is SetOperation && Pick(2) == 0 ? new OrderBy(L(new SortItem(Expression(d), SortOrdering.Descending, NullOrdering.Last))) : null;
        return new Query(null, body, orderBy, null, body is SetOperation && Pick(2) == 0 ? new Limit(new LongLiteral(3), false) : null);
    }

    private QuerySpecification Specification(int depth, bool allowTail)
    {
        var from = Pick(3) switch
        {
            0 => null,
            1 => (Relation)new Join((JoinType)Pick(5), new Table(QName()), new AliasedRelation(new Table(QName()), Name(), NodeList<Identifier>.Empty), null),
            _ => new Table(QName()),
        };
        if (from is Join { Type: not JoinType.Cross } join) from = join with { Criteria = new JoinOn(Expression(depth)) };
        return new QuerySpecification(
            new Select(Pick(4) == 0, L<SelectItem>(new SingleColumn(Expression(depth), Pick(2) == 0 ? Name() : null))),
            from,
            Pick(2) == 0 ? Expression(depth) : null,
            Pick(3) == 0 ? new GroupBy(false, L<GroupingElement>(new SimpleGroupBy(L(Expression(depth))))) : null,
            null,
            NodeList<WindowDefinition>.Empty,
            allowTail && Pick(3) == 0 ? new OrderBy(L(new SortItem(Expression(depth), SortOrdering.Ascending, NullOrdering.Undefined))) : null,
            null,
            allowTail && Pick(3) == 0 ? new Limit(new LongLiteral(10), false) : null);
    }
}
