using QueryEngine.Engine.Catalog;
using QueryEngine.Engine.Common;
using QueryEngine.Engine.Thrift;
using QueryEngine.Metastore.Hms.Structs;

namespace QueryEngine.Metastore.Hms.Service;

/// <summary>
/// <c>rename_partition</c> and <c>rename_partition_req</c>: the partition with the old values takes the values of
/// <c>new_part</c>, then, as Hive does, its storage descriptor (when given) and parameters. No files move: the
/// partition keeps its location unless <c>new_part</c> names another. A missing table or old partition and an existing
/// target are InvalidOperationException, as in Hive; an empty <c>part_vals</c> is a plain alter of <c>new_part</c>.
/// </summary>
internal sealed class HmsPartitionRenameMethods(HmsContext context)
{
    private static readonly HmsErrorKind[] Throws = [HmsErrorKind.InvalidOperationException, HmsErrorKind.MetaException];

    /// <summary>rename_partition: 1 db_name, 2 tbl_name, 3 part_vals, 4 new_part.</summary>
    private static readonly Dictionary<short, Func<BinaryProtocolReader, object>> LegacyArgs = new() { [4] = HmsPartition.Read };

    /// <summary>RenamePartitionRequest: 1 catName, 2 dbName, 3 tableName, 4 partVals, 5 newPart, 6 validWriteIdList.</summary>
    private static readonly Dictionary<short, Func<BinaryProtocolReader, object>> RequestArg =
        new() { [1] = r => HmsArgs.Read(r, new Dictionary<short, Func<BinaryProtocolReader, object>> { [5] = HmsPartition.Read }) };

    private ICatalog Catalog => context.Catalog;

    public void Register(HmsMethodTable table)
    {
        table.Add("rename_partition", Throws, a =>
        {
            Rename(a.RequiredDatabase(1, "db_name"), a.RequiredString(2, "tbl_name"), a.StringList(3) ?? [], a.Struct<HmsPartition>(4));
            return HmsResult.Void;
        }, LegacyArgs);
        table.Add("rename_partition_req", Throws, a =>
        {
            var request = a.Struct<HmsArgs>(1) ?? throw new HmsException(HmsErrorKind.MetaException, "argument req is missing");
            Rename(request.RequiredDatabase(2, "dbName"), request.RequiredString(3, "tableName"), request.StringList(4) ?? [], request.Struct<HmsPartition>(5));
            return HmsResult.Struct(w => w.WriteFieldStop());
        }, RequestArg);
    }

    private void Rename(string database, string table, List<string> oldValues, HmsPartition? newPart)
    {
        if (newPart is null) throw new HmsException(HmsErrorKind.InvalidOperationException, "argument new_part is missing");
        var info = Catalog.GetTable(database, table)
            ?? throw new HmsException(HmsErrorKind.InvalidOperationException, $"Unable to rename partition: table {database}.{table} does not exist");
        var updated = HmsPartitionConverter.FromThrift(info, newPart, DateTimeOffset.UnixEpoch);
        var values = oldValues.Count == 0 ? updated.Values : oldValues;
        if (values.Count != info.PartitionKeys.Count)
        {
            throw new HmsException(HmsErrorKind.InvalidOperationException,
                $"{info.Database}.{info.Name} has {info.PartitionKeys.Count} partition keys, {values.Count} old values were given");
        }
        try
        {
            Catalog.RenamePartition(info.Database, info.Name, values, updated.Values);
        }
        catch (NotFoundException ex)
        {
            throw new HmsException(HmsErrorKind.InvalidOperationException, $"Unable to rename partition because old partition does not exist: {ex.Message}");
        }
        catch (SemanticException ex) when (ex.Code == ErrorCode.AlreadyExists)
        {
            throw new HmsException(HmsErrorKind.InvalidOperationException, $"Unable to rename partition: {ex.Message}");
        }
        var current = Catalog.GetPartition(info.Database, info.Name, updated.Values)
            ?? throw new HmsException(HmsErrorKind.MetaException, $"partition {string.Join('/', updated.Values)} of {info.Database}.{info.Name} vanished while being renamed");
        Catalog.AlterPartition(current with
        {
            Storage = updated.Storage ?? current.Storage,
            Parameters = updated.Parameters,
        });
    }
}
