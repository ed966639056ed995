using QueryEngine.Engine.Columnar;
using QueryEngine.Engine.Session;

namespace QueryEngine.Metastore.Tests.Cli;

/// <summary>Builds statement results from boxed rows (values in the representation DataType documents).</summary>
internal static class TestResults
{
    public static StatementResult Make(Schema schema, params object?[][] rows)
    {
        var builders = schema.Fields.Select(f => ArrayBuilder.Create(f.Type)).ToArray();
        foreach (var row in rows)
        {
            for (var c = 0; c < builders.Length; c++) builders[c].AppendValue(row[c]);
        }
        var batch = new RecordBatch(schema, builders.Select(b => b.Build()).ToArray(), rows.Length);
        return new StatementResult(schema, [batch]);
    }
}
