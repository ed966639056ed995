using QueryEngine.Engine.Thrift;

namespace QueryEngine.Metastore.Hms.Service;

/// <summary>
/// The dispatch table: method name to <see cref="HmsMethod"/>. Each group of calls (databases, tables,
/// partitions, configuration, ...) registers its methods here; a name not in the table is
/// answered with TApplicationException UNKNOWN_METHOD, which makes Hive's clients fall back to older calls.
/// </summary>
internal sealed class HmsMethodTable
{
    private readonly Dictionary<string, HmsMethod> _methods = new(StringComparer.Ordinal);

    public IReadOnlyCollection<string> Names => _methods.Keys;

    /// <summary>Every call we serve, over one catalog.</summary>
    public static HmsMethodTable Create(HmsContext context)
    {
        var table = new HmsMethodTable();
        new HmsConfigMethods(context).Register(table);
        new HmsFacebookServiceMethods(context).Register(table);
        new HmsDatabaseMethods(context).Register(table);
        new HmsTableMethods(context).Register(table);
        new HmsAlterTableMethods(context).Register(table);
        new HmsPartitionMethods(context).Register(table);
        new HmsPartitionWriteMethods(context).Register(table);
        new HmsPartitionRenameMethods(context).Register(table);
        new HmsPartitionValueMethods(context).Register(table);
        new HmsStatisticsMethods(context).Register(table);
        new HmsPartitionStatisticsMethods(context).Register(table);
        new HmsLockMethods(context).Register(table);
        HmsNotificationMethods.Register(table);
        HmsSecurityMethods.Register(table);
        return table;
    }

    public void Add(
        string name,
        HmsErrorKind[] throws,
        Func<HmsArgs, HmsResult> run,
        IReadOnlyDictionary<short, Func<BinaryProtocolReader, object>>? structArgs = null)
    {
        _methods.Add(name, new HmsMethod(name, throws, structArgs, run));
    }

    public bool TryGet(string name, out HmsMethod method) => _methods.TryGetValue(name, out method!);
}
