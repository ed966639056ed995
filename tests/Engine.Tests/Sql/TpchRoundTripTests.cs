using QueryEngine.Engine.Sql;
using QueryEngine.Engine.Sql.Ast;
using Xunit;

namespace QueryEngine.Engine.Tests.Sql;

public sealed class TpchRoundTripTests
{
    public static TheoryData<string> QueryNames()
    {
        var data = new TheoryData<string>();
        foreach (var (name, _) in SqlTestSupport.TpchQueries()) data.Add(name);
        return data;
    }

    [Fact]
    public void AllTwentyTwoQueriesArePresent()
    {
        Assert.Equal(22, SqlTestSupport.TpchQueries().Count());
    }

    [Theory]
    [MemberData(nameof(QueryNames))]
    public void TpchQueryRoundTrips(string name)
    {
        var sql = SqlTestSupport.TpchQueries().Single(q => q.Name == name).Sql;
        var statement = SqlParser.ParseStatement(sql);
        Assert.IsType<QueryStatement>(statement);
        SqlTestSupport.AssertStatementRoundTrips(sql);
    }

    [Fact]
    public void TpchSchemaParsesAsCreateTables()
    {
        var sql = File.ReadAllText(Path.Combine(SqlTestSupport.TpchDirectory(), "schema.sql"));
        var statements = SqlParser.ParseStatements(sql);
        Assert.Equal(8, statements.Count);
        Assert.All(statements, s => Assert.IsType<CreateTable>(s));
        var lineitem = statements.OfType<CreateTable>().Single(t => t.Name.Last.Value == "lineitem");
        Assert.Equal(16, lineitem.Columns.Count);
        foreach (var statement in statements) SqlTestSupport.AssertStatementRoundTrips(SqlFormatter.Format(statement));
    }
}
