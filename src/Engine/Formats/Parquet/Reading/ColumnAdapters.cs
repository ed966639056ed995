using QueryEngine.Engine.Columnar;
using QueryEngine.Engine.Common;
using QueryEngine.Engine.Expressions.Casts;

namespace QueryEngine.Engine.Formats.Parquet.Reading;

/// <summary>
/// Adapts a file column to the type the table declares, when no value can be lost: none when equal; timestamps of
/// either zone flavour, un-annotated byte arrays read as strings and strings and JSON as each other are re-labelled; TIME
/// columns take the table's precision; integers widen (to wider
/// integers, decimals with room for their digits, and floating point), real to double, decimals to decimals with
/// at least the same integer and fraction digits (or to double), dates to timestamps. Any other pair is an error
/// naming the table, file and column, found when the scan is planned.
/// </summary>
internal static class ColumnAdapters
{
    public static Func<ArrowArray, ArrowArray>? For(DataType file, DataType table, string tableName, string path, string column)
    {
        if (file.Equals(table)) return null;
        if (file is TimestampType picoFile && table is TimestampType picoTable && (picoFile.IsPicos || picoTable.IsPicos))
        {
            // Nanosecond files (timestamp(9)) meet microsecond tables and back by a cast: exact when widening, half up when narrowing.
            var relabelled = picoFile.WithZone(picoTable.TimeZone);
            var convert = CastCompiler.Create(relabelled, table);
            return a => convert(a switch
            {
                PrimitiveArray<long> p => new PrimitiveArray<long>(relabelled, p.Buffer, p.Length, p.Validity, p.NullCount),
                PrimitiveArray<Int128> p => new PrimitiveArray<Int128>(relabelled, p.Buffer, p.Length, p.Validity, p.NullCount),
                _ => a,
            }, false);
        }
        if (file is TimestampType fileTimestamp && table is TimestampType tableTimestamp && fileTimestamp.Precision <= tableTimestamp.Precision)
        {
            return a => a is PrimitiveArray<long> p ? new PrimitiveArray<long>(table, p.Buffer, p.Length, p.Validity, p.NullCount) : a;
        }
        if (file is TimestampType && table is TimestampType tableRounded)
        {
            // A finer file precision than the table's: values are rounded half up to the table's precision.
            var round = CastCompiler.Create(((TimestampType)file).WithZone(tableRounded.TimeZone), table);
            return a => round(a is PrimitiveArray<long> p ? new PrimitiveArray<long>(((TimestampType)file).WithZone(tableRounded.TimeZone), p.Buffer, p.Length, p.Validity, p.NullCount) : a, false);
        }
        if (file is TimeType && table is TimeType)
        {
            // The file's unit gives its precision (micros: 6, nanos: 9); values are rounded to the table's precision.
            var round = CastCompiler.Create(file, table);
            return a => round(a, false);
        }
        if (file.Id is TypeId.Binary or TypeId.Utf8 && table.Id == TypeId.Utf8)
        {
            return a => a is BinaryArray b ? new BinaryArray(table, b.Offsets, b.Data, b.Length, b.Validity, b.NullCount) : a;
        }
        if (!IsWidening(file, table) || !CastCompiler.IsSupported(file, table))
        {
            throw new SemanticException($"table {tableName}: column {column} is {table.SqlName} but the Parquet file {path} holds {file.SqlName}");
        }
        var cast = CastCompiler.Create(file, table);
        return a => cast(a, false);
    }

    /// <summary>Whether every value of <paramref name="from"/> converts to <paramref name="to"/> without loss or error.</summary>
    public static bool IsWidening(DataType from, DataType to)
    {
        if (from.Equals(to)) return true;
        if (from is TimestampType && to is TimestampType) return true;
        if (from.IsInteger)
        {
            if (to.IsInteger) return Digits(to.Id) >= Digits(from.Id);
            if (to is DecimalType d) return d.Precision - d.Scale >= Digits(from.Id);
            return to.IsFloating;
        }
        if (from.Id == TypeId.Float32) return to.Id == TypeId.Float64;
        if (from is DecimalType a)
        {
            if (to is DecimalType b) return b.Scale >= a.Scale && b.Precision - b.Scale >= a.Precision - a.Scale;
            return to.Id == TypeId.Float64;
        }
        if (from.Id == TypeId.Date32) return to.Id == TypeId.Timestamp;
        return false;
    }

    private static int Digits(TypeId id) => id switch
    {
        TypeId.Int8 => 3,
        TypeId.Int16 => 5,
        TypeId.Int32 => 10,
        _ => 19,
    };
}
