namespace QueryEngine.Metastore.Hms.Service;

/// <summary>
/// Calls Trino and Spark make that our catalog cannot serve yet (ALTER, partition writes, statistics writes).
/// They are in the dispatch table so that clients get a MetaException saying so, not UNKNOWN_METHOD (which
/// would make them fall back to another call that fails the same way), and so that wiring them later is a
/// one-line change here. Each keeps the exception list of its IDL declaration.
/// </summary>
internal static class HmsUnsupportedMethods
{
    private static readonly HmsErrorKind[] AlterThrows = [HmsErrorKind.InvalidOperationException, HmsErrorKind.MetaException];

    private static readonly HmsErrorKind[] AddPartitionThrows =
        [HmsErrorKind.InvalidObjectException, HmsErrorKind.AlreadyExistsException, HmsErrorKind.MetaException];

    private static readonly HmsErrorKind[] DropPartitionThrows = [HmsErrorKind.NoSuchObjectException, HmsErrorKind.MetaException];

    private static readonly HmsErrorKind[] UpdateStatisticsThrows =
    [
        HmsErrorKind.NoSuchObjectException, HmsErrorKind.InvalidObjectException,
        HmsErrorKind.MetaException, HmsErrorKind.InvalidInputException,
    ];

    private static readonly HmsErrorKind[] DeleteStatisticsThrows =
    [
        HmsErrorKind.NoSuchObjectException, HmsErrorKind.MetaException,
        HmsErrorKind.InvalidObjectException, HmsErrorKind.InvalidInputException,
    ];

    public static void Register(HmsMethodTable table)
    {
        Add(table, [HmsErrorKind.MetaException, HmsErrorKind.NoSuchObjectException], "alter_database");
        Add(table, AlterThrows,
            "alter_table", "alter_table_with_environment_context", "alter_table_with_cascade", "alter_table_req",
            "alter_partition", "alter_partitions", "alter_partitions_with_environment_context", "alter_partitions_req",
            "alter_partition_with_environment_context", "rename_partition");
        Add(table, AddPartitionThrows,
            "add_partition", "add_partition_with_environment_context", "add_partitions", "add_partitions_req",
            "append_partition", "append_partition_by_name");
        Add(table, DropPartitionThrows,
            "drop_partition", "drop_partition_with_environment_context", "drop_partition_by_name",
            "drop_partition_by_name_with_environment_context", "drop_partitions_req");
        Add(table, [HmsErrorKind.MetaException, HmsErrorKind.NoSuchObjectException], "get_partitions_by_expr");
        Add(table, UpdateStatisticsThrows,
            "update_table_column_statistics", "update_partition_column_statistics",
            "update_table_column_statistics_req", "update_partition_column_statistics_req");
        Add(table, DeleteStatisticsThrows, "delete_table_column_statistics", "delete_partition_column_statistics");
    }

    private static void Add(HmsMethodTable table, HmsErrorKind[] throws, params string[] names)
    {
        foreach (var name in names) table.Add(name, throws, _ => throw HmsException.NotSupportedYet(name));
    }
}
