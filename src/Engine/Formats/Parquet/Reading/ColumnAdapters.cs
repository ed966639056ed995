using QueryEngine.Engine.Columnar;
using QueryEngine.Engine.Common;
using QueryEngine.Engine.Expressions.Casts;

namespace QueryEngine.Engine.Formats.Parquet.Reading;

/// <summary>
/// Adapts a file column to the type the table declares: none when equal; timestamps of either zone flavour and
/// un-annotated byte arrays read as strings are re-labelled; anything else goes through the engine's CAST, and a
/// pair CAST cannot convert is an error naming the table, file and column.
/// </summary>
internal static class ColumnAdapters
{
    public static Func<ArrowArray, ArrowArray>? For(DataType file, DataType table, string tableName, string path, string column)
    {
        if (file.Equals(table)) return null;
        if (file is TimestampType && table is TimestampType)
        {
            return a => a is PrimitiveArray<long> p ? new PrimitiveArray<long>(table, p.Buffer, p.Length, p.Validity, p.NullCount) : a;
        }
        if (file.Id == TypeId.Binary && table.Id == TypeId.Utf8)
        {
            return a => a is BinaryArray b ? new BinaryArray(table, b.Offsets, b.Data, b.Length, b.Validity, b.NullCount) : a;
        }
        if (!CastCompiler.IsSupported(file, table))
        {
            throw new SemanticException($"table {tableName}: column {column} is {table.SqlName} but the Parquet file {path} holds {file.SqlName}");
        }
        var cast = CastCompiler.Create(file, table);
        return a => cast(a, false);
    }
}
