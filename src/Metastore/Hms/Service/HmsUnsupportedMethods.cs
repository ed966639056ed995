namespace QueryEngine.Metastore.Hms.Service;

/// <summary>
/// Calls Trino and Spark make that are not served yet (database alteration, the request forms of table and
/// partition alteration, appending and renaming partitions, expression-based partition calls, statistics writes).
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
        Add(table, AlterThrows, "alter_table_req", "alter_partitions_req", "rename_partition");
        Add(table, AddPartitionThrows, "append_partition", "append_partition_by_name");
        Add(table, DropPartitionThrows, "drop_partitions_req");
        Add(table, [HmsErrorKind.MetaException, HmsErrorKind.NoSuchObjectException], "get_partitions_by_expr");
        Add(table, UpdateStatisticsThrows, "update_table_column_statistics_req", "update_partition_column_statistics_req");
        Add(table, DeleteStatisticsThrows, "delete_partition_column_statistics");
    }

    private static void Add(HmsMethodTable table, HmsErrorKind[] throws, params string[] names)
    {
        foreach (var name in names) table.Add(name, throws, _ => throw HmsException.NotSupportedYet(name));
    }
}
