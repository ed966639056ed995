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
}
