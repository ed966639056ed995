using QueryEngine.Engine.Catalog;
using QueryEngine.Engine.Columnar;
using QueryEngine.Engine.Execution;
using QueryEngine.Engine.Execution.Plan;
using QueryEngine.Engine.Expressions;
using ExecutionContext = QueryEngine.Engine.Execution.ExecutionContext;
using Xunit;

namespace QueryEngine.Engine.Tests.Execution;

/// <summary>Builds batches, plans and expressions by hand, and runs plans to boxed rows.</summary>
internal static class TestData
{
    public static Schema Schema(params (string Name, DataType Type)[] columns) =>
        new([.. columns.Select(c => new Field(c.Name, c.Type))]);

    /// <summary>A batch from boxed rows (values in the representation <see cref="DataType"/> documents).</summary>
    public static RecordBatch Batch(Schema schema, params object?[][] rows)
    {
        var builders = schema.Fields.Select(f => ArrayBuilder.Create(f.Type)).ToArray();
        foreach (var row in rows)
        {
            for (var c = 0; c < builders.Length; c++) builders[c].AppendValue(row[c]);
        }
        return new RecordBatch(schema, [.. builders.Select(b => b.Build())], rows.Length);
    }

    /// <summary>Splits rows into batches of at most <paramref name="size"/> rows.</summary>
    public static RecordBatch[] Batches(Schema schema, int size, params object?[][] rows)
    {
        var result = new List<RecordBatch>();
        for (var i = 0; i < rows.Length; i += size) result.Add(Batch(schema, rows.Skip(i).Take(size).ToArray()));
        return [.. result];
    }

    public static ColumnExpr Col(Schema schema, int index) => new(index, schema[index].Type, schema[index].Name);

    public static LiteralExpr Lit(object? value, DataType type) => new(value, type);

    public static LiteralExpr Lit(long value) => new(value, DataType.Int64);

    public static LiteralExpr Lit(string value) => new(value, DataType.Utf8);

    public static LiteralExpr Lit(bool value) => new(value, DataType.Boolean);

    public static Int128 Dec(string text, int scale)
    {
        var negative = text.StartsWith('-');
        var digits = text.TrimStart('-');
        var parts = digits.Split('.');
        var frac = parts.Length > 1 ? parts[1] : "";
        frac = frac.PadRight(scale, '0');
        var value = Int128.Parse(parts[0] + frac, System.Globalization.CultureInfo.InvariantCulture);
        return negative ? -value : value;
    }

    public static ScanExec Scan(RecordBatch[] batches, Schema schema, int tasks = 1, IReadOnlyList<PhysicalExpr>? filters = null)
    {
        var source = new MemorySource(schema, batches, tasks);
        return new ScanExec("t", source, [.. Enumerable.Range(0, schema.Count)], filters ?? [], filters ?? [], schema);
    }

    public static ValuesExec Values(Schema schema, params object?[][] rows) =>
        new([.. rows.Select(r => (IReadOnlyList<PhysicalExpr>)[.. r.Select((v, i) => (PhysicalExpr)new LiteralExpr(v, schema[i].Type))])], schema);

    public static List<object?[]> Run(PhysicalPlan plan, int batchSize = RecordBatch.DefaultBatchSize, int parallelism = 1)
    {
        var context = new ExecutionContext(CancellationToken.None, parallelism, batchSize);
        var rows = new List<object?[]>();
        foreach (var batch in QueryExecutor.Execute(plan, context))
        {
            Assert.Equal(plan.Schema, batch.Schema);
            Assert.True(batch.RowCount <= batchSize, $"batch of {batch.RowCount} rows exceeds {batchSize}");
            for (var c = 0; c < batch.Columns.Count; c++) Assert.Equal(batch.Schema[c].Type, batch.Column(c).Type);
            rows.AddRange(ToRows(batch));
        }
        return rows;
    }

    public static IEnumerable<object?[]> ToRows(RecordBatch batch)
    {
        for (var r = 0; r < batch.RowCount; r++)
        {
            var row = new object?[batch.Columns.Count];
            for (var c = 0; c < row.Length; c++) row[c] = batch.Column(c).GetValue(r);
            yield return row;
        }
    }

    /// <summary>Rows rendered as text, for order-insensitive comparisons.</summary>
    public static string Render(object?[] row) => string.Join("|", row.Select(v => v switch
    {
        null => "NULL",
        byte[] b => Convert.ToHexString(b),
        IFormattable f => f.ToString(null, System.Globalization.CultureInfo.InvariantCulture),
        _ => v.ToString(),
    }));

    public static List<string> Sorted(IEnumerable<object?[]> rows) => [.. rows.Select(Render).Order(StringComparer.Ordinal)];

    public static List<string> Rendered(IEnumerable<object?[]> rows) => [.. rows.Select(Render)];
}

/// <summary>An in-memory table: its batches are split round-robin into <c>tasks</c> scan tasks.</summary>
internal sealed class MemorySource(Schema schema, RecordBatch[] batches, int tasks = 1) : ITableSource
{
    public Schema Schema { get; } = schema;

    public long? EstimatedRowCount => batches.Sum(b => (long)b.RowCount);

    public IReadOnlyList<IScanTask> PlanScan(ScanRequest request)
    {
        var result = new List<IScanTask>();
        for (var t = 0; t < tasks; t++)
        {
            var mine = batches.Where((_, i) => i % tasks == t).ToArray();
            result.Add(new MemoryTask(mine, request.Projection, Schema));
        }
        return result;
    }

    private sealed class MemoryTask(RecordBatch[] batches, IReadOnlyList<int> projection, Schema schema) : IScanTask
    {
        public IEnumerable<RecordBatch> Execute(ScanContext context)
        {
            var projected = schema.Project([.. projection]);
            foreach (var b in batches)
            {
                context.Cancellation.ThrowIfCancellationRequested();
                context.AddBytesRead(b.RowCount * 8L);
                yield return new RecordBatch(projected, [.. projection.Select(b.Column)], b.RowCount);
            }
        }
    }
}
