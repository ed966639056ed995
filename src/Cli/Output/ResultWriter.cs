using QueryEngine.Engine.Session;

namespace QueryEngine.Cli.Output;

/// <summary>Writes the rows of one result in one <see cref="OutputFormat"/>.</summary>
internal abstract class ResultWriter
{
    public abstract void Write(StatementResult result, TextWriter output);

    public static ResultWriter Create(OutputFormat format) => format switch
    {
        OutputFormat.Table => new TableResultWriter(),
        OutputFormat.Csv => new CsvResultWriter(),
        OutputFormat.Tsv => new TsvResultWriter(),
        OutputFormat.Json => new JsonLinesResultWriter(),
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, "unknown output format"),
    };
}
