using QueryEngine.Engine.Columnar;

namespace QueryEngine.Engine.Session.Statements;

/// <summary>Builds small all-varchar results for SHOW/DESCRIBE statements.</summary>
internal static class TextResult
{
    public static StatementResult Create(IReadOnlyList<string> columns, IEnumerable<string?[]> rows)
    {
        var builders = columns.Select(_ => new BinaryBuilder(DataType.Utf8)).ToArray();
        var count = 0;
        foreach (var row in rows)
        {
            for (var c = 0; c < builders.Length; c++)
            {
                if (row[c] is { } value) builders[c].Append(value);
                else builders[c].AppendNull();
            }
            count++;
        }
        var schema = new Schema(columns.Select(c => new Field(c, DataType.Utf8)).ToArray());
        var arrays = builders.Select(b => b.Build()).ToArray();
        return new StatementResult(schema, count == 0 ? [] : [new RecordBatch(schema, arrays, count)]);
    }
}
