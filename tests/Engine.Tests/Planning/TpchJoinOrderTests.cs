using Xunit;
using QueryEngine.Engine.Catalog;
using QueryEngine.Engine.Columnar;
using QueryEngine.Engine.Planning;
using QueryEngine.Engine.Planning.Logical;
using QueryEngine.Engine.Session;
using QueryEngine.Engine.Sql;
using QueryEngine.Engine.Sql.Ast;
using QueryEngine.Engine.Tests.TestSupport;
using QueryEngine.Engine.Tests.Tpch;

namespace QueryEngine.Engine.Tests.Planning;

/// <summary>
/// Join orders the optimizer picks for the multi-join TPC-H queries with SF 1 table sizes: no cross product where a
/// predicate connects the inputs, the largest table streaming through the probe sides, and no estimated
/// intermediate result larger than the largest input.
/// </summary>
public sealed class TpchJoinOrderTests
{
    private static readonly Dictionary<string, long> Sf1Rows = new(StringComparer.OrdinalIgnoreCase)
    {
        ["lineitem"] = 6_001_215,
        ["orders"] = 1_500_000,
        ["partsupp"] = 800_000,
        ["part"] = 200_000,
        ["customer"] = 150_000,
        ["supplier"] = 10_000,
        ["nation"] = 25,
        ["region"] = 5,
    };

    public static TheoryData<string> MultiJoinQueries() => new() { "q02", "q05", "q07", "q08", "q09", "q21" };

    [Theory]
    [MemberData(nameof(MultiJoinQueries))]
    public void JoinsAreConnectedAndNoIntermediateExceedsTheLargestInput(string query)
    {
        var plan = Plan(query);
        var joins = new List<JoinNode>();
        var largestScan = 0.0;
        Walk(plan, p =>
        {
            if (p is JoinNode j) joins.Add(j);
            if (p is ScanNode s) largestScan = Math.Max(largestScan, s.Source.EstimatedRowCount ?? 0);
        });
        var text = PlanPrinter.Print(plan);
        Assert.NotEmpty(joins);
        Assert.All(joins, j => Assert.True(j.Condition is not null, $"{query} has a cross join:\n{text}"));
        Assert.All(joins, j => Assert.True(CardinalityEstimator.Rows(j) <= largestScan, $"{query}: join estimated at {CardinalityEstimator.Rows(j):0} rows:\n{text}"));
    }

    [Theory]
    [InlineData("q05")]
    [InlineData("q07")]
    [InlineData("q08")]
    [InlineData("q21")]
    public void LineitemStreamsThroughTheProbeSides(string query)
    {
        var plan = Plan(query);
        var probe = FirstJoin(plan) ?? throw new Xunit.Sdk.XunitException($"{query} has no join");
        LogicalPlan leaf = probe;
        while (leaf is JoinNode or FilterNode or ProjectNode) leaf = leaf.Inputs[0];
        Assert.True(leaf is ScanNode { TableName: var name } && name.EndsWith("lineitem", StringComparison.Ordinal), $"{query}:\n{PlanPrinter.Print(plan)}");
    }

    /// <summary>
    /// Q7: lineitem (after its date filter) probes orders joined with the customers of the two nations; the nations
    /// never meet the unfiltered orders or lineitem first (the 48-million-row intermediate the old order built).
    /// </summary>
    [Fact]
    public void Q7JoinsLineitemWithOrdersOfTheTwoNationsCustomers()
    {
        var plan = Plan("q07");
        var text = PlanPrinter.Print(plan);
        var joins = new List<JoinNode>();
        Walk(plan, p => { if (p is JoinNode j) joins.Add(j); });
        var lineitemOrders = joins.Single(j => j.Condition is { } c && ExprPrinter.Print(c).Contains("o_orderkey = l_orderkey", StringComparison.Ordinal));
        Assert.True(Contains(lineitemOrders.Left, "lineitem") && !Contains(lineitemOrders.Left, "orders"), text);
        Assert.True(Contains(lineitemOrders.Right, "customer") && Contains(lineitemOrders.Right, "nation"), text);
        Assert.All(joins, j => Assert.True(CardinalityEstimator.Rows(j) < 1_000_000, text));
    }

    private static JoinNode? FirstJoin(LogicalPlan plan)
    {
        if (plan is JoinNode j) return j;
        foreach (var input in plan.Inputs)
        {
            if (FirstJoin(input) is { } found) return found;
        }
        return null;
    }

    private static bool Contains(LogicalPlan plan, string table)
    {
        var found = false;
        Walk(plan, p => found |= p is ScanNode s && s.TableName.EndsWith("." + table, StringComparison.Ordinal));
        return found;
    }

    private static void Walk(LogicalPlan plan, Action<LogicalPlan> visit)
    {
        visit(plan);
        foreach (var input in plan.Inputs) Walk(input, visit);
    }

    internal static LogicalPlan Plan(string query)
    {
        var session = new QuerySession(new InMemoryCatalog(), new Sf1SizedSources(), new SessionOptions());
        session.ExecuteScript(TpchData.CreateTablesSql("tpch", "/nonexistent") + "USE tpch;");
        var sql = File.ReadAllText(Path.Combine(SharedData.TpchRoot, "queries", query + ".sql"));
        return new Session.Statements.QueryRunner(session).Plan(((QueryStatement)SqlParser.ParseStatement(sql)).Query, []);
    }

    /// <summary>Sources with the TPC-H schema and SF 1 row counts but no rows.</summary>
    private sealed class Sf1SizedSources : ITableSourceFactory
    {
        public ITableSource Create(TableInfo table) => new Source(
            new Schema(table.Columns.Concat(table.PartitionKeys).Select(c => new Field(c.Name, HiveTypes.Parse(c.HiveType))).ToArray()),
            Sf1Rows[table.Name]);

        private sealed class Source(Schema schema, long rows) : ITableSource
        {
            public Schema Schema { get; } = schema;

            public long? EstimatedRowCount { get; } = rows;

            public IReadOnlyList<IScanTask> PlanScan(ScanRequest request) => [];
        }
    }
}
