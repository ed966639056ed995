using QueryEngine.Cli.Arguments;
using QueryEngine.Engine.Execution.Memory;
using Xunit;

namespace QueryEngine.Metastore.Tests.Cli;

/// <summary><c>--memory-limit</c> and <c>--spill-dir</c> of <c>qe sql</c> and <c>qe serve</c>.</summary>
public sealed class MemoryLimitOptionTests
{
    [Fact]
    public void SqlTakesAMemoryLimitAndASpillFolder()
    {
        var sql = Assert.IsType<SqlCommand>(CommandLineParser.Parse(["sql", "--memory-limit", "2GB", "--spill-dir", "/big/tmp", "-e", "SELECT 1"], inputRedirected: false));
        Assert.Equal(new MemoryFlags(2L << 30, "/big/tmp"), sql.Memory);
        var settings = sql.Memory.Apply(new MemorySettings(100, SpillEnabled: true, "/tmp"));
        Assert.Equal(new MemorySettings(2L << 30, SpillEnabled: true, "/big/tmp"), settings);
        var plain = Assert.IsType<SqlCommand>(CommandLineParser.Parse(["sql", "-e", "SELECT 1"], inputRedirected: false));
        Assert.Equal(MemoryFlags.None, plain.Memory);
        Assert.Equal(MemorySettings.Default, plain.Memory.Apply(MemorySettings.Default));
    }

    [Fact]
    public void ServeTakesAMemoryLimit()
    {
        var serve = Assert.IsType<ServeCommand>(CommandLineParser.Parse(["serve", "--memory-limit=64MB"], inputRedirected: false));
        Assert.Equal(new MemoryFlags(64L << 20, null), serve.Memory);
    }

    [Theory]
    [InlineData("sql", "--memory-limit", "lots")]
    [InlineData("sql", "--memory-limit", "0")]
    [InlineData("serve", "--memory-limit", "-5GB")]
    [InlineData("serve", "--spill-dir", "")]
    public void BadValuesAreUsageErrors(string command, string option, string value)
    {
        string[] args = command == "sql" ? [command, option, value, "-e", "SELECT 1"] : [command, option, value];
        var error = Assert.Throws<UsageException>(() => CommandLineParser.Parse(args, inputRedirected: false));
        Assert.Contains(option, error.Message, StringComparison.Ordinal);
    }
}
