using QueryEngine.Cli.Arguments;
using Xunit;

namespace QueryEngine.Metastore.Tests.Cli;

/// <summary>The split of an action's arguments into names, options with values and value-less flags.</summary>
public sealed class ActionArgumentsTests
{
    [Fact]
    public void NamesOptionsAndFlagsAreSeparatedWhereverTheyStand()
    {
        var split = ActionArguments.Split(["run", "--warehouse", "/w", "load", "--bookmark", "-f=x.sql", "extra"], ["--bookmark"]);
        Assert.Equal(["load", "extra"], split.Positional);
        Assert.Equal(["--warehouse", "/w", "-f=x.sql"], split.Options);
        Assert.Equal(["--bookmark"], split.Flags);
    }

    [Fact]
    public void AFlagTheActionDoesNotTakeIsAnOptionForTheOptionReaderToRefuse()
    {
        var split = ActionArguments.Split(["get", "c", "--combine-schemas"], []);
        Assert.Equal(["c"], split.Positional);
        Assert.Equal(["--combine-schemas"], split.Options);
        Assert.Empty(split.Flags);
    }

    [Fact]
    public void AnOptionAtTheEndWithoutItsValueStaysForTheOptionReaderToReport()
    {
        var split = ActionArguments.Split(["list", "--warehouse"], []);
        Assert.Empty(split.Positional);
        Assert.Equal(["--warehouse"], split.Options);
    }
}
