using QueryEngine.Engine.Columnar;
using QueryEngine.Engine.Expressions;

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
        return [new ScanTask(this, request.Projection, EqualTo(request.Filters, 1), EqualTo(request.Filters, 2))];
    }

    /// <summary>The string a filter <c>column = 'x'</c> requires of column <paramref name="index"/>, if any (schema and table names).</summary>
    private static string? EqualTo(IReadOnlyList<PhysicalExpr> filters, int index)
    {
        foreach (var filter in filters)
        {
            switch (filter)
            {
                case BinaryExpr { Op: BinaryOp.Equal, Left: ColumnExpr c, Right: LiteralExpr { Value: string v } } when c.Index == index:
                    return v;
                case BinaryExpr { Op: BinaryOp.Equal, Left: LiteralExpr { Value: string v }, Right: ColumnExpr c } when c.Index == index:
                    return v;
            }
        }
        return null;
    }

    private sealed class ScanTask(InformationSchemaSource owner, IReadOnlyList<int> projection, string? schemaName, string? tableName) : IScanTask
    {
        public IEnumerable<RecordBatch> Execute(ScanContext context)
        {
            var all = InformationSchemaTables.Rows(owner.Catalog, owner.Table, owner.Schema, schemaName, owner.Table.Name == "schemata" ? null : tableName);
            if (all.RowCount == 0) yield break;
            var fields = projection.Select(c => owner.Schema[c]).ToArray();
            yield return new RecordBatch(new Schema(fields), projection.Select(all.Column).ToArray(), all.RowCount);
        }
    }
}
