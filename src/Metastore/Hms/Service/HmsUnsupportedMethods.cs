namespace QueryEngine.Metastore.Hms.Service;

/// <summary>
/// Calls that are not served yet but that clients should not fall back from: renaming partitions
/// (<c>rename_partition</c>, <c>rename_partition_req</c>; Trino and Spark never call them). They answer a
/// MetaException saying so, with the exception list of their IDL declaration. Calls we cannot serve and that
/// clients do fall back from are left out of the table on purpose, so they answer UNKNOWN_METHOD: notably
/// <c>get_partitions_by_expr</c> (a Kryo-serialized Java expression; Hive's client then lists partition names and
/// prunes them itself) and the transaction calls (<c>open_txns</c>, ...; only transactional tables need them).
/// </summary>
internal static class HmsUnsupportedMethods
{
    private static readonly HmsErrorKind[] AlterThrows = [HmsErrorKind.InvalidOperationException, HmsErrorKind.MetaException];

    public static void Register(HmsMethodTable table)
    {
        Add(table, AlterThrows, "rename_partition", "rename_partition_req");
    }

    private static void Add(HmsMethodTable table, HmsErrorKind[] throws, params string[] names)
    {
        foreach (var name in names) table.Add(name, throws, _ => throw HmsException.NotSupportedYet(name));
    }
}
