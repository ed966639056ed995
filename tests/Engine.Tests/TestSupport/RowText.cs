using QueryEngine.Engine.Columnar;

namespace QueryEngine.Engine.Tests.TestSupport;

/// <summary>Rows of record batches rendered with <see cref="ValueFormatter"/>, columns joined by '|', one string a row.</summary>
internal static class RowText
{
    public static List<string> Lines(IEnumerable<RecordBatch> batches)
    {
        var lines = new List<string>();
        foreach (var batch in batches)
        {
            for (var r = 0; r < batch.RowCount; r++)
            {
                var cells = new string[batch.Columns.Count];
                for (var c = 0; c < cells.Length; c++) cells[c] = ValueFormatter.Format(batch.Columns[c], r);
                lines.Add(string.Join("|", cells));
            }
        }
        return lines;
    }
}
