using QueryEngine.Engine.Catalog;
using QueryEngine.Engine.Columnar;
using QueryEngine.Engine.Expressions;
using QueryEngine.Engine.Planning.Logical;

namespace QueryEngine.Engine.Tests.Planning;

/// <summary>Scans of sources with a known row count and no data, for cardinality tests over logical plans.</summary>
internal sealed class EstimatorTestPlans
{
    private int _nextId = 1;

    /// <summary>A scan of <paramref name="rows"/> rows producing bigint columns named <paramref name="columns"/>.</summary>
    public ScanNode Scan(string table, long rows, params string[] columns)
    {
        var refs = columns.Select(c => new ColumnRef(_nextId++, c, DataType.Int64)).ToArray();
        var source = new RowCountSource(new Schema(refs.Select(r => r.ToField()).ToArray()), rows);
        return new ScanNode(table, source, refs, Enumerable.Range(0, refs.Length).ToArray(), []);
    }

    public static ColumnExpr Column(LogicalPlan plan, string name) => plan.Output.Single(c => c.Name == name).ToExpr();

    public static BinaryExpr Compare(BinaryOp op, PhysicalExpr left, PhysicalExpr right) => new(op, left, right, DataType.Boolean);

    public static BinaryExpr Equal(PhysicalExpr left, PhysicalExpr right) => Compare(BinaryOp.Equal, left, right);

    public static LiteralExpr Literal(long value) => new(value, DataType.Int64);

    private sealed class RowCountSource(Schema schema, long rows) : ITableSource
    {
        public Schema Schema { get; } = schema;

        public long? EstimatedRowCount { get; } = rows;

        public IReadOnlyList<IScanTask> PlanScan(ScanRequest request) => [];
    }
}
