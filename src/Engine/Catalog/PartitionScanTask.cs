using QueryEngine.Engine.Columnar;
using QueryEngine.Engine.Formats;

namespace QueryEngine.Engine.Catalog;

/// <summary>
/// Runs the scan of one partition's data columns and adds its key values as constant columns, in the order the scan
/// asked for: <c>sources[i]</c> is a column of the inner batch when non-negative, else <c>~k</c> for partition key k.
/// </summary>
internal sealed class PartitionScanTask(IScanTask inner, Schema schema, int[] sources, object?[] values) : IScanTask
{
    public IEnumerable<RecordBatch> Execute(ScanContext context)
    {
        foreach (var batch in inner.Execute(context))
        {
            var columns = new ArrowArray[sources.Length];
            for (var i = 0; i < columns.Length; i++)
            {
                var source = sources[i];
                columns[i] = source >= 0 ? batch.Column(source) : ConstantArrays.Create(schema[i].Type, values[~source], batch.RowCount);
            }
            yield return new RecordBatch(schema, columns, batch.RowCount);
        }
    }
}
