using QueryEngine.Engine.Columnar.Ipc;

namespace QueryEngine.FlightServer.FlightSql;

/// <summary>The result schemas FlightSql.proto fixes for its metadata commands (names, types, nullability, order).</summary>
internal static class MetadataSchemas
{
    public static readonly IReadOnlyList<IpcField> Catalogs = [Utf8("catalog_name", false)];

    public static readonly IReadOnlyList<IpcField> DbSchemas = [Utf8("catalog_name", true), Utf8("db_schema_name", false)];

    public static readonly IReadOnlyList<IpcField> Tables =
        [Utf8("catalog_name", true), Utf8("db_schema_name", true), Utf8("table_name", false), Utf8("table_type", false)];

    public static readonly IReadOnlyList<IpcField> TablesWithSchema = [.. Tables, IpcField.Leaf("table_schema", IpcType.Binary, false)];

    public static readonly IReadOnlyList<IpcField> TableTypes = [Utf8("table_type", false)];

    public static readonly IReadOnlyList<IpcField> PrimaryKeys =
    [
        Utf8("catalog_name", true), Utf8("db_schema_name", true), Utf8("table_name", false), Utf8("column_name", false),
        Utf8("key_name", true), IpcField.Leaf("key_sequence", IpcType.Int(32), false),
    ];

    /// <summary>CommandGetExportedKeys, CommandGetImportedKeys and CommandGetCrossReference.</summary>
    public static readonly IReadOnlyList<IpcField> ForeignKeys =
    [
        Utf8("pk_catalog_name", true), Utf8("pk_db_schema_name", true), Utf8("pk_table_name", false), Utf8("pk_column_name", false),
        Utf8("fk_catalog_name", true), Utf8("fk_db_schema_name", true), Utf8("fk_table_name", false), Utf8("fk_column_name", false),
        IpcField.Leaf("key_sequence", IpcType.Int(32), false), Utf8("fk_key_name", true), Utf8("pk_key_name", true),
        IpcField.Leaf("update_rule", IpcType.Int(8, signed: false), false), IpcField.Leaf("delete_rule", IpcType.Int(8, signed: false), false),
    ];

    /// <summary>CommandGetSqlInfo: info_name uint32, value dense_union of the six value kinds (type ids 0..5).</summary>
    public static readonly IReadOnlyList<IpcField> SqlInfo =
    [
        IpcField.Leaf("info_name", IpcType.Int(32, signed: false), false),
        new IpcField("value", IpcType.DenseUnion([0, 1, 2, 3, 4, 5]), false,
        [
            Utf8("string_value", true),
            IpcField.Leaf("bool_value", IpcType.Bool, true),
            IpcField.Leaf("bigint_value", IpcType.Int(64), true),
            IpcField.Leaf("int32_bitmask", IpcType.Int(32), true),
            new IpcField("string_list", IpcType.List, true, [Utf8("string_data", true)]),
            new IpcField("int32_to_int32_list_map", IpcType.Map(false), true,
            [
                new IpcField("entries", IpcType.Struct, false,
                [
                    IpcField.Leaf("key", IpcType.Int(32), false),
                    new IpcField("value", IpcType.List, true, [IpcField.Leaf("$data$", IpcType.Int(32), true)]),
                ]),
            ]),
        ]),
    ];

    private static IpcField Utf8(string name, bool nullable) => IpcField.Leaf(name, IpcType.Utf8, nullable);
}
