using System.Collections;
using System.Reflection;
using QueryEngine.Engine.Sql;
using QueryEngine.Engine.Sql.Ast;
using Xunit;

namespace QueryEngine.Engine.Tests.Sql;

/// <summary>The round-trip corpus exercises every AST node kind, and every node renders with ToString.</summary>
public sealed class AstCoverageTests
{
    [Fact]
    public void RoundTripCorpusContainsEveryNodeKind()
    {
        var seen = new HashSet<Type>();
        foreach (var sql in RoundTripTests.Statements)
        {
            Walk(SqlParser.ParseStatement(sql), seen);
        }

        var all = typeof(Node).Assembly.GetTypes()
            .Where(t => typeof(Node).IsAssignableFrom(t) && !t.IsAbstract)
            .ToHashSet();
        Assert.True(all.Count > 100, $"only {all.Count} node kinds found");
        var missing = all.Except(seen).Select(t => t.Name).Order(StringComparer.Ordinal).ToList();
        Assert.True(missing.Count == 0, "node kinds never produced by the corpus: " + string.Join(", ", missing));
    }

    private static void Walk(object? value, HashSet<Type> seen)
    {
        switch (value)
        {
            case null:
            case string:
                return;
            case Node node:
                seen.Add(node.GetType());
                Assert.False(string.IsNullOrEmpty(node.ToString()));
                Assert.True(node.Span.IsKnown, $"{node.GetType().Name} has no span");
                foreach (var property in node.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance))
                {
                    if (property.GetIndexParameters().Length == 0 && property.Name != "Span") Walk(property.GetValue(node), seen);
                }

                return;
            case IEnumerable items:
                foreach (var item in items) Walk(item, seen);
                return;
        }
    }
}
