using QueryEngine.Engine.Common;
using QueryEngine.Metastore.Crawlers.Definitions;
using Xunit;

namespace QueryEngine.Metastore.Tests.Crawlers;

/// <summary>AWS cron expressions: parsing, validation with clear messages, and next fire times (UTC).</summary>
public sealed class CronScheduleTests
{
    [Theory]
    [InlineData("cron(15 12 * * ? *)", "2024-01-01T12:15:00Z", "2024-01-02T12:15:00Z")]
    [InlineData("cron(15 12 * * ? *)", "2024-01-01T12:14:59Z", "2024-01-01T12:15:00Z")]
    [InlineData("cron(0/15 * * * ? *)", "2024-01-01T10:07:00Z", "2024-01-01T10:15:00Z")]
    [InlineData("cron(0/15 * * * ? *)", "2024-01-01T23:50:00Z", "2024-01-02T00:00:00Z")]
    [InlineData("cron(0 9 ? * MON-FRI *)", "2024-01-05T10:00:00Z", "2024-01-08T09:00:00Z")]
    [InlineData("cron(0 18 ? * 1,7 *)", "2024-01-01T00:00:00Z", "2024-01-06T18:00:00Z")]
    [InlineData("cron(30 8,20 1-3 JAN-MAR ? *)", "2024-01-03T20:30:00Z", "2024-02-01T08:30:00Z")]
    [InlineData("cron(0 0 L * ? *)", "2024-02-01T00:00:00Z", "2024-02-29T00:00:00Z")]
    [InlineData("cron(0 0 ? * 6#3 *)", "2024-01-01T00:00:00Z", "2024-01-19T00:00:00Z")]
    [InlineData("cron(0 0 ? * 2L *)", "2024-01-01T00:00:00Z", "2024-01-29T00:00:00Z")]
    [InlineData("cron(0 0 1W * ? *)", "2024-05-15T00:00:00Z", "2024-06-03T00:00:00Z")]
    [InlineData("cron(0 0 31 * ? *)", "2024-04-01T00:00:00Z", "2024-05-31T00:00:00Z")]
    [InlineData("cron(0 12 29 2 ? 2024-2030)", "2024-03-01T00:00:00Z", "2028-02-29T12:00:00Z")]
    [InlineData("0 12 * * ? *", "2024-01-01T13:00:00Z", "2024-01-02T12:00:00Z")]
    public void NextFireTimes(string expression, string after, string expected)
    {
        var next = CronSchedule.Parse(expression).NextAfter(DateTimeOffset.Parse(after, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), next);
    }

    [Fact]
    public void AScheduleThatEndedNeverFiresAgain()
    {
        Assert.Null(CronSchedule.Parse("cron(0 0 1 1 ? 2025)").NextAfter(new DateTimeOffset(2025, 6, 1, 0, 0, 0, TimeSpan.Zero)));
        Assert.Equal("cron(0 0 1 1 ? 2025)", CronSchedule.Parse("  cron(0  0 1 1 ? 2025) ").Text);
    }

    [Theory]
    [InlineData("cron(0 0 * * * *)", "one of day-of-month and day-of-week must be '?'")]
    [InlineData("cron(0 0 ? * ? *)", "only one of day-of-month and day-of-week may be '?'")]
    [InlineData("cron(0 0 * *)", "it needs 6 fields (minutes hours day-of-month month day-of-week year), not 4")]
    [InlineData("cron(0 25 * * ? *)", "the hours field takes 0-23, not '25'")]
    [InlineData("cron(0 0 ? * FOO *)", "the day-of-week field takes 1-7 or SUN-SAT, not 'FOO'")]
    [InlineData("cron(0 0 ? 13 MON *)", "the month field takes 1-12 or JAN-DEC, not '13'")]
    [InlineData("cron(0 0 5-1 * ? *)", "the day-of-month range '5-1' runs backwards")]
    [InlineData("cron(0 0 * * ? *", "a closing ')' is missing")]
    public void MalformedExpressionsNameTheirProblem(string expression, string why)
    {
        var error = Assert.Throws<SemanticException>(() => CronSchedule.Parse(expression));
        Assert.Equal($"Invalid schedule '{expression}': {why}", error.Message);
    }
}
