using QueryEngine.Engine.Sql;
using QueryEngine.Engine.Sql.Ast;
using Xunit;

namespace QueryEngine.Engine.Tests.Sql;

public sealed class QueryParserTests
{
    private static Query ParseQuery(string sql) => Assert.IsType<QueryStatement>(SqlParser.ParseStatement(sql)).Query;

    private static QuerySpecification Spec(string sql) => Assert.IsType<QuerySpecification>(ParseQuery(sql).Body);

    private static Identifier Id(string name) => new(name, false);

    [Fact]
    public void OrderByOffsetLimitFoldIntoSimpleQuerySpecification()
    {
        var query = ParseQuery("SELECT a FROM t ORDER BY a DESC NULLS FIRST OFFSET 2 ROWS LIMIT 10");
        Assert.Null(query.OrderBy);
        Assert.Null(query.Limit);
        var spec = Assert.IsType<QuerySpecification>(query.Body);
        var item = Assert.Single(spec.OrderBy!.SortItems);
        Assert.Equal(new SortItem(Id("a"), SortOrdering.Descending, NullOrdering.First), item);
        Assert.Equal(new Offset(new LongLiteral(2)), spec.Offset);
        Assert.Equal(new Limit(new LongLiteral(10), false), spec.Limit);
    }

    [Fact]
    public void OrderByStaysOnQueryForSetOperations()
    {
        var query = ParseQuery("SELECT a FROM t UNION SELECT b FROM u ORDER BY 1 LIMIT 5");
        Assert.IsType<SetOperation>(query.Body);
        Assert.NotNull(query.OrderBy);
        Assert.Equal(new Limit(new LongLiteral(5), false), query.Limit);
    }

    [Fact]
    public void FetchFirstIsALimit()
    {
        Assert.Equal(new Limit(new LongLiteral(1), false), Spec("SELECT a FROM t FETCH FIRST ROW ONLY").Limit);
        Assert.Equal(new Limit(new LongLiteral(3), true), Spec("SELECT a FROM t ORDER BY a FETCH NEXT 3 ROWS WITH TIES").Limit);
        Assert.Equal(new Limit(null, false), Spec("SELECT a FROM t LIMIT ALL").Limit);
    }

    [Fact]
    public void IntersectBindsTighterThanUnionAndAllAreLeftAssociative()
    {
        var union = Assert.IsType<SetOperation>(ParseQuery("SELECT 1 UNION SELECT 2 INTERSECT SELECT 3 EXCEPT ALL SELECT 4").Body);
        Assert.Equal(SetOperationType.Except, union.Type);
        Assert.False(union.Distinct);
        var left = Assert.IsType<SetOperation>(union.Left);
        Assert.Equal(SetOperationType.Union, left.Type);
        Assert.True(left.Distinct);
        Assert.Equal(SetOperationType.Intersect, Assert.IsType<SetOperation>(left.Right).Type);
    }

    [Fact]
    public void SelectItems()
    {
        var spec = Spec("SELECT *, t.*, a AS x, b y, c, \"D\" \"E\", s.t.* AS (p, q) FROM t");
        var items = spec.Select.SelectItems;
        Assert.Equal(new AllColumns(null, NodeList<Identifier>.Empty), items[0]);
        Assert.Equal(new AllColumns(Id("t"), NodeList<Identifier>.Empty), items[1]);
        Assert.Equal(new SingleColumn(Id("a"), Id("x")), items[2]);
        Assert.Equal(new SingleColumn(Id("b"), Id("y")), items[3]);
        Assert.Equal(new SingleColumn(Id("c"), null), items[4]);
        Assert.Equal(new SingleColumn(new Identifier("D", true), new Identifier("E", true)), items[5]);
        var all = Assert.IsType<AllColumns>(items[6]);
        Assert.IsType<DereferenceExpression>(all.Target);
        Assert.Equal(2, all.Aliases.Count);
    }

    [Fact]
    public void LimitIsNotAnImplicitAlias()
    {
        var spec = Spec("SELECT a FROM t LIMIT 3");
        Assert.Equal(new Table(new QualifiedName(NodeList.Of(Id("t")))), spec.From);
        Assert.NotNull(spec.Limit);
        Assert.Null(Assert.IsType<SingleColumn>(Spec("SELECT 1 LIMIT 1").Select.SelectItems[0]).Alias);
    }

    [Fact]
    public void CommaJoinsAreImplicitAndLeftDeep()
    {
        var join = Assert.IsType<Join>(Spec("SELECT * FROM a, b, c").From);
        Assert.Equal(JoinType.Implicit, join.Type);
        Assert.Null(join.Criteria);
        Assert.Equal(JoinType.Implicit, Assert.IsType<Join>(join.Left).Type);
    }

    [Fact]
    public void ExplicitJoins()
    {
        var join = Assert.IsType<Join>(Spec("SELECT * FROM a x LEFT OUTER JOIN b AS y (c1, c2) USING (k) JOIN c ON x.k = c.k").From);
        Assert.Equal(JoinType.Inner, join.Type);
        Assert.IsType<JoinOn>(join.Criteria);
        var left = Assert.IsType<Join>(join.Left);
        Assert.Equal(JoinType.Left, left.Type);
        Assert.Equal(new JoinUsing(NodeList.Of(Id("k"))), left.Criteria);
        var aliased = Assert.IsType<AliasedRelation>(left.Right);
        Assert.Equal(Id("y"), aliased.Alias);
        Assert.Equal(2, aliased.ColumnNames.Count);

        var natural = Assert.IsType<Join>(Spec("SELECT * FROM a NATURAL FULL JOIN b").From);
        Assert.Equal(JoinType.Full, natural.Type);
        Assert.IsType<NaturalJoin>(natural.Criteria);

        var cross = Assert.IsType<Join>(Spec("SELECT * FROM a CROSS JOIN b").From);
        Assert.Equal(JoinType.Cross, cross.Type);
    }

    [Fact]
    public void SubqueriesUnnestLateralSampleAndTableFunctions()
    {
        var aliased = Assert.IsType<AliasedRelation>(Spec("SELECT * FROM (SELECT 1) t").From);
        Assert.IsType<TableSubquery>(aliased.Relation);

        var unnest = Assert.IsType<AliasedRelation>(Spec("SELECT * FROM UNNEST(a, b) WITH ORDINALITY AS u (x, y, n)").From);
        Assert.Equal(new Unnest(NodeList.Of<Expression>(Id("a"), Id("b")), true), unnest.Relation);

        var lateral = Assert.IsType<Join>(Spec("SELECT * FROM t, LATERAL (SELECT t.a) l").From);
        Assert.IsType<Lateral>(Assert.IsType<AliasedRelation>(lateral.Right).Relation);

        var sampled = Assert.IsType<SampledRelation>(Spec("SELECT * FROM t AS s TABLESAMPLE BERNOULLI (25)").From);
        Assert.Equal(SampleType.Bernoulli, sampled.Type);
        Assert.IsType<AliasedRelation>(sampled.Relation);

        var function = Assert.IsType<TableFunctionCall>(Spec("SELECT * FROM read_parquet('s3://b/x.parquet')").From);
        Assert.Equal("read_parquet", function.Name.Last.Value);
        Assert.Equal(new StringLiteral("s3://b/x.parquet"), Assert.Single(function.Arguments).Value);

        var named = Assert.IsType<TableFunctionCall>(Spec("SELECT * FROM TABLE(sequence(start => 1, stop => 3))").From);
        Assert.Equal(Id("start"), named.Arguments[0].Name);
    }

    [Fact]
    public void ValuesRowsAreRowConstructorsOrSingleExpressions()
    {
        var values = Assert.IsType<Values>(ParseQuery("VALUES (1, 'a'), 2").Body);
        Assert.IsType<RowConstructor>(values.Rows[0]);
        Assert.Equal(new LongLiteral(2), values.Rows[1]);
    }

    [Fact]
    public void GroupByForms()
    {
        var groupBy = Spec("SELECT 1 FROM t GROUP BY DISTINCT a, (b, c), (), ROLLUP (d, e), CUBE (f), GROUPING SETS ((g, h), i, ()), ROW(j, k), (l)").GroupBy!;
        Assert.True(groupBy.Distinct);
        var e = groupBy.GroupingElements;
        Assert.Equal(new SimpleGroupBy(NodeList.Of<Expression>(Id("a"))), e[0]);
        Assert.Equal(new SimpleGroupBy(NodeList.Of<Expression>(Id("b"), Id("c"))), e[1]);
        Assert.Equal(new SimpleGroupBy(NodeList<Expression>.Empty), e[2]);
        Assert.Equal(new Rollup(NodeList.Of<Expression>(Id("d"), Id("e"))), e[3]);
        Assert.Equal(new Cube(NodeList.Of<Expression>(Id("f"))), e[4]);
        var sets = Assert.IsType<GroupingSets>(e[5]);
        Assert.Equal(3, sets.Sets.Count);
        Assert.Equal(2, sets.Sets[0].Count);
        Assert.Empty(sets.Sets[2]);
        Assert.IsType<RowConstructor>(Assert.Single(Assert.IsType<SimpleGroupBy>(e[6]).Columns));
        Assert.Equal(new SimpleGroupBy(NodeList.Of<Expression>(Id("l"))), e[7]);
    }

    [Fact]
    public void WithClause()
    {
        var query = ParseQuery("WITH RECURSIVE r (n) AS (SELECT 1), s AS (SELECT 2) SELECT * FROM r, s");
        Assert.True(query.With!.Recursive);
        Assert.Equal(2, query.With.Queries.Count);
        Assert.Equal(NodeList.Of(Id("n")), query.With.Queries[0].ColumnNames);
        Assert.Empty(query.With.Queries[1].ColumnNames);
    }

    [Fact]
    public void WindowClause()
    {
        var spec = Spec("SELECT rank() OVER w FROM t WINDOW w AS (PARTITION BY a ORDER BY b), v AS (w ROWS UNBOUNDED PRECEDING)");
        Assert.Equal(2, spec.Windows.Count);
        Assert.Equal(Id("w"), spec.Windows[1].Window.ExistingWindowName);
        Assert.Equal(new WindowFrame(WindowFrameType.Rows, new FrameBound(FrameBoundType.UnboundedPreceding, null), null), spec.Windows[1].Window.Frame);
    }

    [Fact]
    public void ParenthesizedQueriesAndSubqueryContinuations()
    {
        var body = Assert.IsType<TableSubquery>(ParseQuery("(SELECT 1) ORDER BY 1").Body);
        Assert.IsType<QuerySpecification>(body.Query.Body);

        var inner = Assert.IsType<SubqueryExpression>(SqlParser.ParseExpression("((SELECT 1) UNION (SELECT 2))"));
        Assert.IsType<SetOperation>(inner.Query.Body);

        var relation = Assert.IsType<TableSubquery>(Spec("SELECT * FROM ((SELECT 1) UNION ALL (SELECT 2))").From);
        Assert.IsType<SetOperation>(relation.Query.Body);
    }

    [Fact]
    public void ParseStatementsSplitsOnSemicolonsAndSkipsEmptyStatements()
    {
        var statements = SqlParser.ParseStatements(";; SELECT 1;\n-- comment only\n;SHOW TABLES ; /* x */ ; USE s;");
        Assert.Equal(3, statements.Count);
        Assert.IsType<QueryStatement>(statements[0]);
        Assert.IsType<ShowTables>(statements[1]);
        Assert.IsType<Use>(statements[2]);
        Assert.Empty(SqlParser.ParseStatements("  -- nothing\n ; ;"));
        Assert.IsType<QueryStatement>(SqlParser.ParseStatement("SELECT 1;;"));
    }

    [Fact]
    public void CommentsAreIgnored()
    {
        var spec = Spec("SELECT /* c1 */ a -- trailing\n, b /* multi\nline */ FROM t");
        Assert.Equal(2, spec.Select.SelectItems.Count);
    }
}
