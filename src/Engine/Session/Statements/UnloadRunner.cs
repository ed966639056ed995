using QueryEngine.Engine.Common;
using QueryEngine.Engine.Planning;
using QueryEngine.Engine.Sql.Ast;
using QueryEngine.Engine.Writing;

namespace QueryEngine.Engine.Session.Statements;

/// <summary>
/// Athena's <c>UNLOAD (query) TO 'location' WITH (format, compression, partitioned_by, field_delimiter)</c>: writes
/// the query's rows as files under an empty location without registering a table. The files appear all together
/// (staged, then moved into place) or not at all.
/// </summary>
internal sealed class UnloadRunner(QuerySession session)
{
    public StatementResult Run(Unload unload, string? requestedQueryId, CancellationToken cancellation)
    {
        if (string.IsNullOrWhiteSpace(unload.Location)) throw new SemanticException("UNLOAD needs a location", unload.Span);
        var options = WritePropertiesParser.Parse(unload.Properties, isUnload: true);
        var plan = new QueryRunner(session).Plan(unload.Query, []);
        var physical = PhysicalPlanner.Plan(plan);
        var columns = WriteColumns.From(physical.Schema, [], options, unload.Query);
        var store = session.StoreFor(unload.Location);
        WriteExecution.RequireEmpty(store, unload.Location, unload.Span, "UNLOAD");
        var queryId = WriteExecution.QueryIdOrNew(requestedQueryId);
        var outcome = new WriteExecution(session, queryId).Run(
            new WriteExecution.Target(unload.Location, null, null, CreatesTarget: true),
            physical,
            static batch => batch,
            options,
            columns.Data,
            columns.DataSchema,
            columns.PartitionKeys,
            null,
            static (_, _) => true,
            cancellation);
        return new StatementResult(Columnar.Schema.Empty, [], outcome.Data.Rows, "UNLOAD");
    }
}
