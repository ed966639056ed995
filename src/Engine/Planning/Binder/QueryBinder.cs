using QueryEngine.Engine.Catalog;
using QueryEngine.Engine.Columnar;
using QueryEngine.Engine.Expressions;
using QueryEngine.Engine.Planning.Logical;
using QueryEngine.Engine.Sql.Ast;

namespace QueryEngine.Engine.Planning.Binder;

/// <summary>
/// Resolves a parsed query against the catalog and produces a typed logical plan. Split by SQL construct:
/// <c>.Query</c> (query bodies, SELECT, ORDER BY, set operations), <c>.Relations</c> (FROM), <c>.Expressions</c>,
/// <c>.Aggregates</c> and <c>.Subqueries</c> (decorrelation into joins). One binder binds one statement.
/// </summary>
public sealed partial class QueryBinder
{
    private readonly ICatalog _catalog;
    private readonly ITableSourceFactory _sources;
    private readonly string _currentDatabase;
    private readonly IReadOnlyList<LiteralExpr> _parameters;
    private readonly List<Dictionary<string, WithQuery>> _ctes = [];
    private readonly HashSet<string> _expandingViews = new(StringComparer.OrdinalIgnoreCase);
    private int _nextColumnId;
    private int _nextWorkTableId;
    private readonly HashSet<WithQuery> _recursiveCandidates = [];
    private readonly Dictionary<WithQuery, int> _cteIds = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<string, int> _viewIds = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, RecursiveReference> _workTables = new(StringComparer.OrdinalIgnoreCase);

    public QueryBinder(ICatalog catalog, ITableSourceFactory sources, string currentDatabase, IReadOnlyList<LiteralExpr>? parameters = null)
    {
        _catalog = catalog;
        _sources = sources;
        _currentDatabase = currentDatabase;
        _parameters = parameters ?? [];
    }

    /// <summary>Binds a top-level query.</summary>
    public BoundQuery Bind(Query query) => new(CteSharing.KeepWorthSharing(BindQuery(query, outer: null).Plan));

    private ColumnRef NewColumn(string name, DataType type) => new(_nextColumnId++, name, type);

    /// <summary>Binds a constant expression with no columns in scope (VALUES rows, LIMIT counts, parameters).</summary>
    public PhysicalExpr BindConstant(Sql.Ast.Expression expression) => BindExpression(expression, new ExprContext(Scope.Empty(), AllowSubqueries: false));
}
