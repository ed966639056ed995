using QueryEngine.Engine.Catalog;
using QueryEngine.Engine.Columnar;

namespace QueryEngine.FlightServer.SystemTables;

/// <summary>
/// Table sources with <c>system.queries</c> answered from the registry; every other table goes to
/// <paramref name="inner"/>, whose file factory sessions and scans still reach (<see cref="IDecoratingTableSourceFactory"/>).
/// </summary>
internal sealed class SystemTableSources(ITableSourceFactory inner, QueryRegistry registry) : IDecoratingTableSourceFactory
{
    public ITableSourceFactory Inner => inner;

    public ITableSourceFactory WithInner(ITableSourceFactory inner) => new SystemTableSources(inner, registry);

    public ITableSource Create(TableInfo table)
    {
        ArgumentNullException.ThrowIfNull(table);
        return table.Storage.InputFormat == SystemQueriesTable.InputFormat ? new QueriesSource(registry) : inner.Create(table);
    }

    public ITableSource? CreateForFunction(string name, IReadOnlyList<object?> arguments) => inner.CreateForFunction(name, arguments);

    /// <summary><c>system.queries</c>: one task that takes a snapshot of the registry when it runs.</summary>
    private sealed class QueriesSource(QueryRegistry registry) : ITableSource
    {
        private QueryRegistry Registry => registry;

        public Schema Schema { get; } = FileTableSourceFactory.SchemaOf(SystemQueriesTable.Table);

        public long? EstimatedRowCount => null;

        public IReadOnlyList<IScanTask> PlanScan(ScanRequest request)
        {
            ArgumentNullException.ThrowIfNull(request);
            return [new ScanTask(this, request.Projection)];
        }

        private sealed class ScanTask(QueriesSource owner, IReadOnlyList<int> projection) : IScanTask
        {
            public IEnumerable<RecordBatch> Execute(ScanContext context)
            {
                var all = SystemQueriesTable.Rows(owner.Registry, owner.Schema);
                if (all.RowCount == 0) yield break;
                var fields = new Field[projection.Count];
                var columns = new ArrowArray[projection.Count];
                for (var i = 0; i < fields.Length; i++)
                {
                    fields[i] = owner.Schema[projection[i]];
                    columns[i] = all.Column(projection[i]);
                }
                yield return new RecordBatch(new Schema(fields), columns, all.RowCount);
            }
        }
    }
}
