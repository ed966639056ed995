using QueryEngine.Cli.Arguments;
using QueryEngine.Cli.Output;
using Xunit;

namespace QueryEngine.Metastore.Tests.Cli;

public sealed class CommandLineParserTests
{
    [Fact]
    public void SqlWithInlineText()
    {
        var command = Assert.IsType<SqlCommand>(Parse("sql", "-e", "SELECT 1"));
        Assert.Equal(new SqlSource.Text("SELECT 1"), command.Source);
        Assert.Equal(OutputFormat.Table, command.Format);
        Assert.Null(command.Warehouse);
        Assert.Null(command.Database);
    }

    [Fact]
    public void SqlWithEveryOption()
    {
        var command = Assert.IsType<SqlCommand>(Parse("sql", "--warehouse", "/w", "--format=JSON", "--database", "tpch", "--file", "q.sql"));
        Assert.Equal("/w", command.Warehouse);
        Assert.Equal(OutputFormat.Json, command.Format);
        Assert.Equal("tpch", command.Database);
        Assert.Equal(new SqlSource.File("q.sql"), command.Source);
    }

    [Fact]
    public void OptionValuesAreTakenVerbatimEvenWithALeadingDash()
    {
        var command = Assert.IsType<SqlCommand>(Parse("sql", "-e", "-- a comment\nSELECT 1", "--warehouse=a=b"));
        Assert.Equal(new SqlSource.Text("-- a comment\nSELECT 1"), command.Source);
        Assert.Equal("a=b", command.Warehouse);
    }

    [Theory]
    [InlineData("table", "Table")]
    [InlineData("csv", "Csv")]
    [InlineData("TSV", "Tsv")]
    [InlineData("json", "Json")]
    public void Formats(string name, string format) =>
        Assert.Equal(Enum.Parse<OutputFormat>(format), Assert.IsType<SqlCommand>(Parse("sql", "--format", name, "-e", "x")).Format);

    [Fact]
    public void StandardInputIsReadForADashOrWhenRedirected()
    {
        Assert.IsType<SqlSource.StandardInput>(Assert.IsType<SqlCommand>(Parse("sql", "-f", "-")).Source);
        Assert.IsType<SqlSource.StandardInput>(Assert.IsType<SqlCommand>(CommandLineParser.Parse(["sql"], inputRedirected: true)).Source);
    }

    [Fact]
    public void HelpVersionAndDemo()
    {
        Assert.Equal(new HelpCommand(null), Parse("--help"));
        Assert.Equal(new HelpCommand(null), Parse("-h"));
        Assert.Equal(new HelpCommand("sql"), Parse("help", "sql"));
        Assert.Equal(new HelpCommand("sql"), Parse("sql", "--format", "csv", "--help"));
        Assert.Equal(new HelpCommand("demo"), Parse("demo", "-h"));
        Assert.Equal(new VersionCommand(), Parse("version"));
        Assert.Equal(new VersionCommand(), Parse("--version"));
        Assert.Equal(new DemoCommand(null), Parse("demo"));
        Assert.Equal(new DemoCommand("/tmp/w"), Parse("demo", "--warehouse", "/tmp/w"));
    }

    [Theory]
    [InlineData("no command given", null)]
    [InlineData("unknown command 'frobnicate'", null, "frobnicate")]
    [InlineData("unknown option '--verbose'", null, "--verbose")]
    [InlineData("'qe sql' needs -e SQL or -f FILE", "sql", "sql")]
    [InlineData("use either -e or -f, not both", "sql", "sql", "-e", "x", "-f", "y")]
    [InlineData("option -e needs a value", "sql", "sql", "-e")]
    [InlineData("unknown format 'xml' (use table, csv, tsv or json)", "sql", "sql", "--format", "xml", "-e", "x")]
    [InlineData("unknown option '--limit' for 'qe sql'", "sql", "sql", "--limit", "5", "-e", "x")]
    [InlineData("unexpected argument 'SELECT 1' for 'qe sql'", "sql", "sql", "SELECT 1")]
    [InlineData("option --format given more than once", "sql", "sql", "--format", "csv", "--format", "json", "-e", "x")]
    [InlineData("option --execute given more than once", "sql", "sql", "-e", "x", "--execute", "y")]
    [InlineData("--database needs a name", "sql", "sql", "--database=", "-e", "x")]
    [InlineData("unknown option '--format' for 'qe demo'", "demo", "demo", "--format", "csv")]
    [InlineData("unexpected argument 'now' for 'qe version'", "version", "version", "now")]
    [InlineData("unknown command 'nope'", null, "help", "nope")]
    public void BadCommandLinesSayWhatIsWrong(string message, string? command, params string[] args)
    {
        var error = Assert.Throws<UsageException>(() => CommandLineParser.Parse(args, inputRedirected: false));
        Assert.Equal(message, error.Message);
        Assert.Equal(command, error.Command);
    }

    private static CliCommand Parse(params string[] args) => CommandLineParser.Parse(args, inputRedirected: false);
}
