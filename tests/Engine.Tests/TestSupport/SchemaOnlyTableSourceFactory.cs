using QueryEngine.Engine.Catalog;
using QueryEngine.Engine.Columnar;

namespace QueryEngine.Engine.Tests.TestSupport;

/// <summary>Table sources that know their schema but hold no rows: enough to bind and plan queries.</summary>
public sealed class SchemaOnlyTableSourceFactory : ITableSourceFactory
{
    public ITableSource Create(TableInfo table) =>
        new Source(new Schema(table.Columns.Concat(table.PartitionKeys).Select(c => new Field(c.Name, HiveTypes.Parse(c.HiveType))).ToArray()));

    private sealed class Source(Schema schema) : ITableSource
    {
        public Schema Schema { get; } = schema;

        public long? EstimatedRowCount => 1000;

        public IReadOnlyList<IScanTask> PlanScan(ScanRequest request) => [];
    }
}
