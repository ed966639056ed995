using QueryEngine.Engine.Catalog;
using QueryEngine.Engine.Catalog.InformationSchema;
using QueryEngine.Engine.Common;
using QueryEngine.Engine.Session.Statements;
using QueryEngine.Engine.Sql;
using QueryEngine.Engine.Sql.Ast;

namespace QueryEngine.Engine.Session;

/// <summary>
/// One user's session: current database, prepared statements, and the entry point that runs SQL text
/// (parse, bind, optimize, execute) against a catalog.
/// </summary>
public sealed class QuerySession
{
    private readonly Dictionary<string, Statement> _prepared = new(StringComparer.OrdinalIgnoreCase);

    private readonly Func<string, Storage.IObjectStore> _stores;

    /// <summary>
    /// A session whose writes (CTAS, INSERT, UNLOAD, DROP of managed tables) go through the stores the table sources
    /// read from (a <see cref="FileTableSourceFactory"/>), else through the local file system.
    /// </summary>
    public QuerySession(ICatalog catalog, ITableSourceFactory sources, SessionOptions options)
        : this(catalog, sources, options, StoresOf(sources))
    {
    }

    /// <summary>A session that writes files through <paramref name="stores"/> (the store for each location).</summary>
    public QuerySession(ICatalog catalog, ITableSourceFactory sources, SessionOptions options, Func<string, Storage.IObjectStore> stores)
    {
        ArgumentNullException.ThrowIfNull(stores);
        _stores = stores;
        // information_schema is answered from the catalog itself.
        Catalog = catalog as InformationSchemaCatalog ?? new InformationSchemaCatalog(catalog);
        // The file factory beneath any wrappers (system tables, ...) gets the session's settings; the wrappers stay.
        if (options.ScanFileFilter is { } filter)
        {
            sources = TableSourceFactories.FilesOf(sources) is not null
                ? TableSourceFactories.ChangeFiles(sources, files => files.WithFileFilter(filter))
                : throw new ArgumentException($"a scan file filter needs a {nameof(FileTableSourceFactory)}, not {sources.GetType().Name}", nameof(options));
        }
        // Scans read the pending files of INSERTs the catalog has committed: a table is read before or after an INSERT, never half of one.
        sources = TableSourceFactories.ChangeFiles(sources, files => files.ReadingCommitsOf(Catalog));
        // Partitioned tables are read from the partitions the catalog holds (pruned before any file is listed).
        Sources = sources as PartitionedTableSourceFactory ?? new PartitionedTableSourceFactory(Catalog, sources);
        Options = options;
        _initialOptions = options;
        CurrentDatabase = options.DefaultDatabase;
    }

    private readonly SessionOptions _initialOptions;

    public ICatalog Catalog { get; }

    public ITableSourceFactory Sources { get; }

    /// <summary>The session's settings, as changed by <c>SET SESSION</c> / <c>RESET SESSION</c>.</summary>
    public SessionOptions Options { get; private set; }

    /// <summary>A new execution context for one query under the session's settings, with its own memory pool.</summary>
    internal Execution.ExecutionContext NewExecutionContext(CancellationToken cancellation, Execution.QueryProfile? profile = null) =>
        new(cancellation, Options.MaxParallelism, Options.BatchSize) { Profile = profile, Memory = new(Options.Memory), DynamicFilters = new(Options.DynamicFiltering) };

    public string CurrentDatabase { get; private set; }

    /// <summary>The session time zone: <c>current_timestamp</c>'s zone, and the zone plain timestamps are read in (UTC unless <c>SET TIME ZONE</c>).</summary>
    public TimeZoneRules TimeZone { get; private set; } = TimeZoneRules.Utc;

    /// <summary>The object store that writes <paramref name="location"/>.</summary>
    internal Storage.IObjectStore StoreFor(string location) => _stores(location);

    private static Func<string, Storage.IObjectStore> StoresOf(ITableSourceFactory sources)
    {
        if (TableSourceFactories.FilesOf(sources) is { } files) return files.StoreFor;
        var local = new Storage.LocalObjectStore();
        return _ => local;
    }

    /// <summary>
    /// Runs exactly one statement under a caller-chosen query id (letters, digits, '-'): an INSERT INTO retried with
    /// the id of a write that was committed writes nothing the second time.
    /// </summary>
    public StatementResult Execute(string sql, string queryId, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(queryId);
        var statements = SqlParser.ParseStatements(sql);
        if (statements.Count != 1) throw new SyntaxException($"expected exactly one statement, found {statements.Count}");
        return Execute(statements[0], [], queryId, cancellation);
    }

    /// <summary>Runs exactly one statement.</summary>
    public StatementResult Execute(string sql, CancellationToken cancellation = default)
    {
        var statements = SqlParser.ParseStatements(sql);
        if (statements.Count != 1) throw new SyntaxException($"expected exactly one statement, found {statements.Count}");
        return Execute(statements[0], cancellation);
    }

    /// <summary>Runs every ';'-separated statement in order, stopping at the first error.</summary>
    public IReadOnlyList<StatementResult> ExecuteScript(string sql, CancellationToken cancellation = default)
    {
        var results = new List<StatementResult>();
        foreach (var result in ExecuteEach(sql, cancellation)) results.Add(result);
        return results;
    }

    /// <summary>
    /// Parses the whole script first (a syntax error anywhere runs nothing), then runs one statement per step of the
    /// enumeration, so a caller can show each result before the next statement starts; stops at the first error.
    /// </summary>
    public IEnumerable<StatementResult> ExecuteEach(string sql, CancellationToken cancellation = default)
    {
        var statements = SqlParser.ParseStatements(sql);
        return Run(statements, cancellation);

        IEnumerable<StatementResult> Run(IReadOnlyList<Statement> all, CancellationToken token)
        {
            foreach (var statement in all) yield return Execute(statement, token);
        }
    }

    /// <summary>Runs one parsed statement.</summary>
    public StatementResult Execute(Statement statement, CancellationToken cancellation = default) =>
        Execute(statement, [], null, cancellation);

    private StatementResult Execute(Statement statement, IReadOnlyList<Sql.Ast.Expression> parameters, string? queryId, CancellationToken cancellation)
    {
        cancellation.ThrowIfCancellationRequested();
        var queries = new QueryRunner(this);
        var ddl = new DdlRunner(this);
        var show = new ShowRunner(this);
        switch (statement)
        {
            case QueryStatement query:
                return queries.Run(query.Query, parameters, cancellation);
            case Explain explain:
                return queries.Explain(explain, parameters, cancellation);
            case Use use:
                {
                    var name = use.Schema.CanonicalValue;
                    if (Catalog.GetDatabase(name) is null) throw new NotFoundException(ErrorCode.SchemaNotFound, $"Schema '{name}' does not exist", use.Schema.Span);
                    CurrentDatabase = name;
                    return StatementResult.Ok("USE");
                }
            case SetTimeZone setZone:
                TimeZone = setZone.Zone is null
                    ? TimeZoneNames.TryResolve(TimeZoneInfo.Local.Id) ?? TimeZoneRules.Utc
                    : new Planning.Binder.QueryBinder(Catalog, Sources, CurrentDatabase).BindTimeZone(setZone.Zone);
                return StatementResult.Ok("SET TIME ZONE");
            case Prepare prepare:
                _prepared[prepare.Name.CanonicalValue] = prepare.Statement;
                return StatementResult.Ok("PREPARE");
            case Sql.Ast.Execute execute:
                {
                    if (!_prepared.TryGetValue(execute.Name.CanonicalValue, out var prepared))
                    {
                        throw new NotFoundException(ErrorCode.SemanticError, $"Prepared statement not found: {execute.Name.Value}", execute.Name.Span);
                    }
                    return Execute(prepared, execute.Parameters, queryId, cancellation);
                }
            case Deallocate deallocate:
                if (!_prepared.Remove(deallocate.Name.CanonicalValue))
                {
                    throw new NotFoundException(ErrorCode.SemanticError, $"Prepared statement not found: {deallocate.Name.Value}", deallocate.Name.Span);
                }
                return StatementResult.Ok("DEALLOCATE");
            case SetSession set:
                Options = SessionProperties.Set(Options, set, new Planning.Binder.QueryBinder(Catalog, Sources, CurrentDatabase));
                return StatementResult.Ok("SET SESSION");
            case ResetSession reset:
                Options = SessionProperties.Reset(Options, _initialOptions, reset);
                return StatementResult.Ok("RESET SESSION");
            case Call call:
                return new CallRunner(this).Run(call, cancellation);
            case ShowStats stats:
                return new StatisticsRunner(this).Show(stats);
            case AnalyzeTable analyze:
                return new StatisticsRunner(this).Analyze(analyze, cancellation);
            case ShowSchemas or ShowCatalogs or ShowTables or ShowViews or ShowColumns or DescribeTable or ShowCreateTable or ShowCreateView or ShowTblProperties or ShowPartitions:
                return show.Run(statement);
            case CreateTableAsSelect ctas:
                return new CreateTableAsRunner(this).Run(ctas, queryId, cancellation);
            case InsertInto insert:
                return new InsertRunner(this).Run(insert, queryId, cancellation);
            case Unload unload:
                return new UnloadRunner(this).Run(unload, queryId, cancellation);
            default:
                return ddl.Run(statement);
        }
    }
}
