using System.Globalization;
using QueryEngine.Engine.Catalog;
using QueryEngine.Engine.Common;
using QueryEngine.Engine.Planning;
using QueryEngine.Engine.Planning.Binder;
using QueryEngine.Engine.Sql.Ast;
using QueryEngine.Engine.Writing;

namespace QueryEngine.Engine.Session.Statements;

/// <summary>
/// <c>CREATE TABLE ... WITH (...) AS query [WITH [NO] DATA]</c>: writes the query's rows to a new, empty location
/// (<c>external_location</c>, else <c>&lt;database location or warehouse/db&gt;/&lt;table&gt;/</c>) and registers the table,
/// its partitions and column statistics in one metastore transaction.
/// </summary>
internal sealed class CreateTableAsRunner(QuerySession session)
{
    public StatementResult Run(CreateTableAsSelect ctas, string? requestedQueryId, CancellationToken cancellation)
    {
        var (database, name) = new QueryBinder(session.Catalog, session.Sources, session.CurrentDatabase).ResolveTableName(ctas.Name);
        if (session.Catalog.GetDatabase(database) is null) throw new NotFoundException(ErrorCode.SchemaNotFound, $"Schema '{database}' does not exist", ctas.Name.Span);
        if (session.Catalog.GetTable(database, name) is not null)
        {
            if (ctas.IfNotExists) return new StatementResult(Columnar.Schema.Empty, [], 0, "CREATE TABLE");
            throw new SemanticException($"Table '{database}.{name}' already exists", ctas.Name.Span, code: ErrorCode.AlreadyExists);
        }
        var options = WritePropertiesParser.Parse(ctas.Properties, isUnload: false);
        var plan = new QueryRunner(session).Plan(ctas.Query, []);
        var physical = PhysicalPlanner.Plan(plan);
        var columns = WriteColumns.From(physical.Schema, ctas.ColumnAliases, options, ctas.Query);

        var external = options.ExternalLocation is not null;
        var location = options.ExternalLocation ?? DefaultLocation(database, name);
        var store = session.StoreFor(location);
        WriteExecution.RequireEmpty(store, location, ctas.Span, "CREATE TABLE AS");

        var parameters = TableFormats.Parameters(options);
        if (external) parameters["EXTERNAL"] = "TRUE";
        var table = new TableInfo(database, name, external ? TableKind.External : TableKind.Managed, columns.Data, TableFormats.Storage(options, location))
        {
            PartitionKeys = columns.PartitionKeys,
            Parameters = parameters,
            Owner = "qe",
            CreateTime = DateTimeOffset.UtcNow,
            Comment = ctas.Comment,
        };
        var queryId = WriteExecution.QueryIdOrNew(requestedQueryId);
        if (!ctas.WithData)
        {
            session.Catalog.CommitWrite(new TableWriteCommit(table, CreatesTable: true, queryId) { SetParameters = RowCount(0) });
            return new StatementResult(Columnar.Schema.Empty, [], 0, "CREATE TABLE");
        }

        var outcome = new WriteExecution(session, queryId).Run(
            new WriteExecution.Target(location, database, name, CreatesTarget: true),
            physical,
            static batch => batch,
            options,
            columns.Data,
            columns.DataSchema,
            columns.PartitionKeys,
            columns.Buckets,
            (data, writer) => session.Catalog.CommitWrite(new TableWriteCommit(table, CreatesTable: true, queryId)
            {
                NewPartitions = data.Partitions.Select(values => new PartitionInfo(database, name, values) { CreateTime = DateTimeOffset.UtcNow }).ToArray(),
                Statistics = writer.Statistics([], 0, DateTimeOffset.UtcNow),
                SetParameters = RowCount(data.Rows),
            }),
            cancellation);
        return new StatementResult(Columnar.Schema.Empty, [], outcome.Data.Rows, "CREATE TABLE");
    }

    internal static Dictionary<string, string> RowCount(long rows) => new(StringComparer.Ordinal)
    {
        [TableInfo.RowCountParameter] = rows.ToString(CultureInfo.InvariantCulture),
    };

    private string DefaultLocation(string database, string table)
    {
        var root = session.Catalog.GetDatabase(database)?.Location ?? Path.Combine(session.Options.Warehouse, database);
        return root.EndsWith('/') ? root + table : root + "/" + table;
    }
}
