using QueryEngine.Engine.Columnar;
using QueryEngine.Engine.Columnar.Ipc;
using QueryEngine.FlightServer.Protocol.Sql;

namespace QueryEngine.FlightServer.FlightSql;

/// <summary>
/// CommandGetXdbcTypeInfo: the engine's SQL types with their JDBC/ODBC facts, in the 19-column schema of
/// FlightSql.proto, ordered by data_type then type_name (XdbcDataType codes; dates and timestamps use the generic
/// DATETIME sql_data_type with a subcode).
/// </summary>
internal static class XdbcTypeInfo
{
    private const int Nullable = 1;        // NULLABILITY_NULLABLE
    private const int SearchableBasic = 2; // SEARCHABLE_BASIC
    private const int SearchableFull = 3;  // SEARCHABLE_FULL
    private const int Datetime = 9;        // XDBC_DATETIME

    private static readonly Schema ResultSchema = new(
    [
        new Field("type_name", DataType.Utf8, false),
        new Field("data_type", DataType.Int32, false),
        new Field("column_size", DataType.Int32),
        new Field("literal_prefix", DataType.Utf8),
        new Field("literal_suffix", DataType.Utf8),
        new Field("create_params", new ListType(new Field("item", DataType.Utf8, false))),
        new Field("nullable", DataType.Int32, false),
        new Field("case_sensitive", DataType.Boolean, false),
        new Field("searchable", DataType.Int32, false),
        new Field("unsigned_attribute", DataType.Boolean),
        new Field("fixed_prec_scale", DataType.Boolean, false),
        new Field("auto_increment", DataType.Boolean),
        new Field("local_type_name", DataType.Utf8),
        new Field("minimum_scale", DataType.Int32),
        new Field("maximum_scale", DataType.Int32),
        new Field("sql_data_type", DataType.Int32, false),
        new Field("datetime_subcode", DataType.Int32),
        new Field("num_prec_radix", DataType.Int32),
        new Field("interval_precision", DataType.Int32),
    ]);

    // type_name, data_type, column_size, prefix, suffix, create_params, case_sensitive, searchable, unsigned,
    // fixed_prec_scale, min scale, max scale, sql_data_type, subcode, radix
    private static readonly object?[][] Types =
    [
        Row("boolean", -7, 1, null, null, null, false, SearchableBasic, null, false, null, null, -7, null, null),
        Row("tinyint", -6, 3, null, null, null, false, SearchableBasic, false, false, 0, 0, -6, null, 10),
        Row("bigint", -5, 19, null, null, null, false, SearchableBasic, false, false, 0, 0, -5, null, 10),
        Row("varbinary", -3, int.MaxValue, "X'", "'", null, false, SearchableBasic, null, false, null, null, -3, null, null),
        Row("decimal", 3, DecimalType.MaxPrecision, null, null, new[] { "precision", "scale" }, false, SearchableBasic, false, false, 0, DecimalType.MaxPrecision, 3, null, 10),
        Row("integer", 4, 10, null, null, null, false, SearchableBasic, false, false, 0, 0, 4, null, 10),
        Row("smallint", 5, 5, null, null, null, false, SearchableBasic, false, false, 0, 0, 5, null, 10),
        Row("real", 7, 24, null, null, null, false, SearchableBasic, false, false, null, null, 7, null, 2),
        Row("double", 8, 53, null, null, null, false, SearchableBasic, false, false, null, null, 8, null, 2),
        Row("varchar", 12, int.MaxValue, "'", "'", null, true, SearchableFull, null, false, null, null, 12, null, null),
        Row("date", 91, 10, "DATE '", "'", null, false, SearchableBasic, null, false, null, null, Datetime, 1, null),
        Row("timestamp", 93, 26, "TIMESTAMP '", "'", new[] { "precision" }, false, SearchableBasic, null, false, 0, 6, Datetime, 3, null),
    ];

    public static IReadOnlyList<IpcField> Fields => IpcSchemaMapping.Fields(ResultSchema);

    public static FlightResult Build(CommandGetXdbcTypeInfo command)
    {
        var builders = ResultSchema.Fields.Select(f => ArrayBuilder.Create(f.Type)).ToArray();
        var rows = 0;
        foreach (var row in Types)
        {
            if (command.HasDataType && (int)row[1]! != command.DataType) continue;
            for (var c = 0; c < builders.Length; c++) builders[c].AppendValue(row[c]);
            rows++;
        }
        if (rows == 0) return FlightResult.Empty(Fields);
        var batch = new RecordBatch(ResultSchema, builders.Select(b => b.Build()).ToArray(), rows);
        return new FlightResult(Fields, [IpcArrayEncoder.Encode(batch)]);
    }

    private static object?[] Row(string name, int dataType, int? size, string? prefix, string? suffix, string[]? createParams,
        bool caseSensitive, int searchable, bool? unsigned, bool fixedPrecScale, int? minScale, int? maxScale,
        int sqlDataType, int? subcode, int? radix) =>
        [name, dataType, size, prefix, suffix, createParams, Nullable, caseSensitive, searchable, unsigned, fixedPrecScale,
         unsigned is null ? null : false, null, minScale, maxScale, sqlDataType, subcode, radix, null];
}
