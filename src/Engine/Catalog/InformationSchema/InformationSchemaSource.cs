using QueryEngine.Engine.Columnar;

namespace QueryEngine.Engine.Catalog.InformationSchema;

/// <summary>An information_schema table: one task that reads the catalog when it runs.</summary>
internal sealed class InformationSchemaSource(ICatalog catalog, TableInfo table) : ITableSource
{
    public Schema Schema { get; } = FileTableSourceFactory.SchemaOf(table);

    private ICatalog Catalog { get; } = catalog;

    private TableInfo Table { get; } = table;

    public long? EstimatedRowCount => null;

    public IReadOnlyList<IScanTask> PlanScan(ScanRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return [new ScanTask(this, request.Projection)];
    }

    private sealed class ScanTask(InformationSchemaSource owner, IReadOnlyList<int> projection) : IScanTask
    {
        public IEnumerable<RecordBatch> Execute(ScanContext context)
        {
            var all = InformationSchemaTables.Rows(owner.Catalog, owner.Table, owner.Schema);
            if (all.RowCount == 0) yield break;
            var fields = projection.Select(c => owner.Schema[c]).ToArray();
            yield return new RecordBatch(new Schema(fields), projection.Select(all.Column).ToArray(), all.RowCount);
        }
    }
}
