using QueryEngine.Engine.Columnar;
using QueryEngine.Engine.Execution.Plan;
using QueryEngine.FlightServer.FlightSql;
using Xunit;

namespace QueryEngine.FlightServer.Tests.FlightSql;

/// <summary>The plans GetFlightInfo keeps for DoGet: taken once, dropped when they expire or the catalog changes.</summary>
public sealed class PlannedQueriesTests
{
    private sealed class ManualClock : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = new(2026, 12, 7, 12, 0, 0, TimeSpan.Zero);

        public override DateTimeOffset GetUtcNow() => Now;
    }

    private static PhysicalPlan NewPlan() => new ValuesExec([], new Schema([new Field("x", DataType.Int32, true)]));

    [Fact]
    public void APlanIsTakenOnceAndOnlyByItsId()
    {
        var plans = new PlannedQueries(TimeSpan.FromMinutes(1), new ManualClock());
        var first = NewPlan();
        var second = NewPlan();
        var firstId = plans.Add(first);
        var secondId = plans.Add(second);
        Assert.NotEqual(firstId, secondId);
        Assert.Same(second, plans.Take(secondId));
        Assert.Same(first, plans.Take(firstId));
        Assert.Null(plans.Take(firstId));
        Assert.Equal(0, plans.Count);
    }

    [Fact]
    public void ExpiredPlansAreNotRunAndAreSweptAway()
    {
        var clock = new ManualClock();
        var plans = new PlannedQueries(TimeSpan.FromMinutes(1), clock);
        var old = plans.Add(NewPlan());
        clock.Now += TimeSpan.FromSeconds(61);
        Assert.Null(plans.Take(old));
        var stale = plans.Add(NewPlan());
        clock.Now += TimeSpan.FromSeconds(61);
        plans.Add(NewPlan());
        Assert.Equal(1, plans.Count);
        Assert.Null(plans.Take(stale));
    }

    [Fact]
    public void ACatalogChangeDropsEveryPlanMadeBeforeIt()
    {
        var plans = new PlannedQueries(TimeSpan.FromMinutes(1), new ManualClock());
        var before = plans.Add(NewPlan());
        plans.CatalogChanged();
        Assert.Null(plans.Take(before));
        var after = NewPlan();
        var afterId = plans.Add(after);
        Assert.Same(after, plans.Take(afterId));
    }
}
