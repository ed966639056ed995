using QueryEngine.Engine.Columnar;
using QueryEngine.Engine.Common;
using QueryEngine.Engine.Sql.Ast;

namespace QueryEngine.FlightServer.FlightSql;

/// <summary>One row of a parameter batch (bound through DoPut) as SQL literals for the statement's <c>?</c>s.</summary>
internal static class ParameterValues
{
    public static IReadOnlyList<Expression> FromRow(RecordBatch batch, int row)
    {
        var values = new Expression[batch.Columns.Count];
        for (var c = 0; c < values.Length; c++) values[c] = Literal(batch.Column(c), row);
        return values;
    }

    private static Expression Literal(ArrowArray column, int row)
    {
        if (column.IsNull(row)) return new NullLiteral();
        return column.Type.Id switch
        {
            _ when column.Type is TimeType => new GenericLiteral("time", ValueFormatter.Format(column, row)),
            _ when column.Type is TimestampType { IsPicos: true } => new GenericLiteral("timestamp", ValueFormatter.Format(column, row)),
            TypeId.Boolean => new BooleanLiteral((bool)column.GetValue(row)!),
            TypeId.Int8 or TypeId.Int16 or TypeId.Int32 or TypeId.Int64 => new LongLiteral(Convert.ToInt64(column.GetValue(row), System.Globalization.CultureInfo.InvariantCulture)),
            TypeId.Float32 or TypeId.Float64 => new DoubleLiteral(Convert.ToDouble(column.GetValue(row), System.Globalization.CultureInfo.InvariantCulture)),
            TypeId.Decimal128 => new DecimalLiteral(ValueFormatter.Format(column, row)),
            TypeId.Utf8 => new StringLiteral((string)column.GetValue(row)!),
            TypeId.Binary => new BinaryLiteral(Convert.ToHexString((byte[])column.GetValue(row)!)),
            TypeId.Date32 => new GenericLiteral("date", ValueFormatter.Format(column, row)),
            TypeId.Timestamp => new GenericLiteral("timestamp", ValueFormatter.Format(column, row)),
            _ => throw new NotSupportedQueryException($"parameters of type {column.Type.SqlName} are not supported"),
        };
    }
}
