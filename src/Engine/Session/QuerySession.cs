using QueryEngine.Engine.Catalog;
using QueryEngine.Engine.Common;

namespace QueryEngine.Engine.Session;

/// <summary>
/// One user's session: current database, prepared statements, and the entry point that runs SQL text
/// (parse, bind, optimize, execute) against a catalog.
/// </summary>
public sealed class QuerySession
{
    public QuerySession(ICatalog catalog, ITableSourceFactory sources, SessionOptions options)
    {
        Catalog = catalog;
        Sources = sources;
        Options = options;
        CurrentDatabase = options.DefaultDatabase;
    }

    public ICatalog Catalog { get; }

    public ITableSourceFactory Sources { get; }

    public SessionOptions Options { get; }

    public string CurrentDatabase { get; private set; }

    /// <summary>Runs exactly one statement.</summary>
    public StatementResult Execute(string sql, CancellationToken cancellation = default)
    {
        var results = ExecuteScript(sql, cancellation);
        if (results.Count != 1) throw new SyntaxException($"expected exactly one statement, found {results.Count}");
        return results[0];
    }

    /// <summary>Runs every ';'-separated statement in order, stopping at the first error.</summary>
    public IReadOnlyList<StatementResult> ExecuteScript(string sql, CancellationToken cancellation = default)
    {
        _ = sql;
        _ = cancellation;
        throw new NotSupportedQueryException("statement execution is being wired up");
    }
}
