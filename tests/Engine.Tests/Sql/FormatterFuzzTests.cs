using QueryEngine.Engine.Common;
using QueryEngine.Engine.Sql;
using Xunit;

namespace QueryEngine.Engine.Tests.Sql;

/// <summary>Random trees of parser-producible shapes must print to SQL that parses back to the same tree.</summary>
public sealed class FormatterFuzzTests
{
    [Fact]
    public void RandomExpressionTreesRoundTripThroughTheFormatter()
    {
        var generator = new RandomAstGenerator(99);
        var failures = new List<string>();
        for (var i = 0; i < 2000; i++)
        {
            var expression = generator.Expression(4);
            var text = SqlFormatter.Format(expression);
            try
            {
                var parsed = SqlParser.ParseExpression(text);
                var difference = SqlTestSupport.FindDifference(expression, parsed);
                if (difference is not null) failures.Add($"{text}\n    differs at {difference}\n    reparsed as {SqlFormatter.Format(parsed)}");
            }
            catch (SyntaxException e)
            {
                failures.Add($"{text}\n    does not parse: {e.Message} at {e.Span}");
            }
        }

        Assert.True(failures.Count == 0, $"{failures.Count} failures:\n" + string.Join("\n", failures.Take(10)));
    }
}
