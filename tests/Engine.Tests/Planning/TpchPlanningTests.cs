using Xunit;
using QueryEngine.Engine.Catalog;
using QueryEngine.Engine.Planning;
using QueryEngine.Engine.Session;
using QueryEngine.Engine.Sql;
using QueryEngine.Engine.Sql.Ast;
using QueryEngine.Engine.Tests.TestSupport;
using QueryEngine.Engine.Tests.Tpch;

namespace QueryEngine.Engine.Tests.Planning;

/// <summary>All 22 TPC-H queries bind, optimize and plan physically, with every subquery decorrelated into joins.</summary>
public sealed class TpchPlanningTests
{
    public static TheoryData<string> Queries()
    {
        var data = new TheoryData<string>();
        for (var i = 1; i <= 22; i++) data.Add($"q{i:00}");
        return data;
    }

    [Theory]
    [MemberData(nameof(Queries))]
    public void QueryPlansWithoutSubqueries(string query)
    {
        var session = new QuerySession(new InMemoryCatalog(), new SchemaOnlyTableSourceFactory(), new SessionOptions());
        session.ExecuteScript(TpchData.CreateTablesSql("tpch", "/nonexistent") + "USE tpch;");
        var sql = File.ReadAllText(Path.Combine(SharedData.TpchRoot, "queries", query + ".sql"));
        var statement = (QueryStatement)SqlParser.ParseStatement(sql);
        var plan = new Session.Statements.QueryRunner(session).Plan(statement.Query, []);
        var physical = PhysicalPlanner.Plan(plan);
        Assert.NotNull(physical);
        var text = PlanPrinter.Print(plan);
        Assert.DoesNotContain("<subquery>", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Join Inner [", text, StringComparison.Ordinal);
    }

    /// <summary>
    /// Q7's OR over both nations implies a filter on each nation scan (DeriveDisjunctionFilters), so neither nation
    /// is joined whole; the OR itself stays in the join condition.
    /// </summary>
    [Fact]
    public void Q7FiltersBothNationScansFromItsDisjunction()
    {
        var session = new QuerySession(new InMemoryCatalog(), new SchemaOnlyTableSourceFactory(), new SessionOptions());
        session.ExecuteScript(TpchData.CreateTablesSql("tpch", "/nonexistent") + "USE tpch;");
        var sql = File.ReadAllText(Path.Combine(SharedData.TpchRoot, "queries", "q07.sql"));
        var plan = new Session.Statements.QueryRunner(session).Plan(((QueryStatement)SqlParser.ParseStatement(sql)).Query, []);
        var text = PlanPrinter.Print(plan);
        var nationScans = text.Split('\n').Where(l => l.Contains("Scan tpch.nation", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, nationScans.Count);
        Assert.All(nationScans, l => Assert.Matches(@"filters: \(\(n_name = '(FRANCE|GERMANY)'\) OR \(n_name = '(FRANCE|GERMANY)'\)\)", l));
        Assert.Contains("OR ((n_name = 'GERMANY') AND (n_name = 'FRANCE'))", text, StringComparison.Ordinal);
    }
}
