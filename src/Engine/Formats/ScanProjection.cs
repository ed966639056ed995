using QueryEngine.Engine.Columnar;
using QueryEngine.Engine.Common;

namespace QueryEngine.Engine.Formats;

/// <summary>
/// How a scan of a file table produces its projected columns: the distinct data columns a reader must decode (in
/// first-use order) and, per output column, where it comes from.
/// </summary>
/// <param name="DataColumns">Schema indices of the data columns to decode.</param>
/// <param name="Sources">Per output column: an index into <paramref name="DataColumns"/>, or <c>~k</c> for partition key k.</param>
/// <param name="Schema">The projected schema.</param>
internal sealed record ScanProjection(IReadOnlyList<int> DataColumns, int[] Sources, Schema Schema)
{
    /// <param name="table">The table's name, for messages.</param>
    /// <param name="schema">The table schema: data columns, then partition keys.</param>
    /// <param name="dataColumns">How many leading columns of <paramref name="schema"/> are stored in the files.</param>
    /// <param name="projection">Schema indices of the columns to produce, in output order.</param>
    public static ScanProjection Of(string table, Schema schema, int dataColumns, IReadOnlyList<int> projection)
    {
        var decoded = new List<int>();
        var readerIndexOf = new Dictionary<int, int>();
        var sources = new int[projection.Count];
        var fields = new Field[projection.Count];
        for (var i = 0; i < projection.Count; i++)
        {
            var c = projection[i];
            if ((uint)c >= (uint)schema.Count) throw new InternalException($"scan of {table}: column {c} is outside the table's {schema.Count} columns");
            fields[i] = schema[c];
            if (c >= dataColumns)
            {
                sources[i] = ~(c - dataColumns);
                continue;
            }
            if (!readerIndexOf.TryGetValue(c, out var readerIndex))
            {
                readerIndex = decoded.Count;
                readerIndexOf[c] = readerIndex;
                decoded.Add(c);
            }
            sources[i] = readerIndex;
        }
        return new ScanProjection(decoded, sources, new Schema(fields));
    }
}
