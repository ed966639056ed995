namespace QueryEngine.Engine.Columnar;

/// <summary>Equal-length columns under one schema.</summary>
public sealed class RecordBatch
{
    /// <summary>Default number of rows a batch holds.</summary>
    public const int DefaultBatchSize = 8192;

    public RecordBatch(Schema schema, IReadOnlyList<ArrowArray> columns, int rowCount)
    {
        if (columns.Count != schema.Count) throw new ArgumentException($"{columns.Count} columns for a schema of {schema.Count} fields", nameof(columns));
        for (var i = 0; i < columns.Count; i++)
        {
            if (columns[i].Length != rowCount) throw new ArgumentException($"column {i} has {columns[i].Length} rows, batch has {rowCount}", nameof(columns));
        }
        Schema = schema;
        Columns = columns;
        RowCount = rowCount;
    }

    public Schema Schema { get; }

    public IReadOnlyList<ArrowArray> Columns { get; }

    public int RowCount { get; }

    public ArrowArray Column(int index) => Columns[index];

    public RecordBatch Take(ReadOnlySpan<int> indices)
    {
        var columns = new ArrowArray[Columns.Count];
        for (var i = 0; i < columns.Length; i++) columns[i] = Columns[i].Take(indices);
        return new RecordBatch(Schema, columns, indices.Length);
    }

    public RecordBatch Slice(int offset, int length)
    {
        var columns = new ArrowArray[Columns.Count];
        for (var i = 0; i < columns.Length; i++) columns[i] = Columns[i].Slice(offset, length);
        return new RecordBatch(Schema, columns, length);
    }

    public RecordBatch Project(ReadOnlySpan<int> columnIndices)
    {
        var columns = new ArrowArray[columnIndices.Length];
        for (var i = 0; i < columns.Length; i++) columns[i] = Columns[columnIndices[i]];
        return new RecordBatch(Schema.Project(columnIndices), columns, RowCount);
    }

    public RecordBatch WithSchema(Schema schema) => new(schema, Columns, RowCount);
}
