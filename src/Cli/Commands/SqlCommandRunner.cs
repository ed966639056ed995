using QueryEngine.Cli.Arguments;
using QueryEngine.Cli.Output;
using QueryEngine.Engine.Catalog;
using QueryEngine.Engine.Common;

namespace QueryEngine.Cli.Commands;

/// <summary><c>qe sql</c>: runs a script against the warehouse's metastore and prints every result.</summary>
internal static class SqlCommandRunner
{
    public static int Run(SqlCommand command, CliConsole console, CancellationToken cancellation)
    {
        var sql = ReadSql(command.Source, console);
        var warehouse = Warehouse.Resolve(command.Warehouse, console.Environment, console.CurrentDirectory);
        var catalog = EngineServices.OpenMetastore(command.Metastore, console.Environment, warehouse, console.CurrentDirectory);
        using var lifetime = (IDisposable)catalog;
        if (command.Database is { } database && catalog.GetDatabase(database) is null)
        {
            throw CatalogRules.SchemaNotFound(database.ToLowerInvariant());
        }
        var session = EngineServices.CreateSession(catalog, warehouse, command.Database, console.Environment, memory: command.Memory);
        var printer = new ResultPrinter(command.Format, console.Output, console.Error);
        try
        {
            foreach (var result in session.ExecuteEach(sql, cancellation)) printer.Print(result);
        }
        catch (QueryException ex) when (ex is not InternalException)
        {
            console.Error.Write(ex.Render(sql));
            console.Error.Write('\n');
            return ExitCodes.QueryFailed;
        }
        return ExitCodes.Success;
    }

    /// <summary>The SQL text of <paramref name="source"/> (a file relative to the current directory).</summary>
    internal static string ReadSql(SqlSource source, CliConsole console)
    {
        switch (source)
        {
            case SqlSource.Text text:
                return text.Sql;
            case SqlSource.StandardInput:
                return console.Input.ReadToEnd();
            case SqlSource.File file:
                var path = Path.GetFullPath(file.Path, console.CurrentDirectory);
                try
                {
                    return File.ReadAllText(path);
                }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
                {
                    throw new StorageException($"cannot read the SQL file '{file.Path}': {ex.Message}", ex);
                }
            default:
                throw new InternalException($"unknown SQL source {source}");
        }
    }
}
