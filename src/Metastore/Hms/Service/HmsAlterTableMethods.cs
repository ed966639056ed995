using QueryEngine.Engine.Catalog;
using QueryEngine.Engine.Thrift;
using QueryEngine.Metastore.Hms.Structs;

namespace QueryEngine.Metastore.Hms.Service;

/// <summary>
/// <c>alter_table</c>, <c>alter_table_with_environment_context</c> and <c>alter_table_with_cascade</c>
/// (1 dbname, 2 tbl_name, 3 new_tbl) and <c>alter_table_req</c> (AlterTableRequest: 2 dbName, 3 tableName, 4 table
/// -> an empty AlterTableResponse): replace a table's definition through <see cref="ICatalog.AlterTable"/>,
/// carrying the version just read (a concurrent change is a MetaException); another name in
/// <c>new_tbl</c> renames the table. Partition keys cannot change. A missing table is InvalidOperationException,
/// as in Hive.
/// </summary>
internal sealed class HmsAlterTableMethods(HmsContext context)
{
    private static readonly HmsErrorKind[] AlterThrows = [HmsErrorKind.InvalidOperationException, HmsErrorKind.MetaException];

    private static readonly Dictionary<short, Func<BinaryProtocolReader, object>> TableArg3 = new() { [3] = HmsTable.Read };

    private static readonly Dictionary<short, Func<BinaryProtocolReader, object>> RequestArg =
        new() { [1] = r => HmsArgs.Read(r, new Dictionary<short, Func<BinaryProtocolReader, object>> { [4] = HmsTable.Read }) };

    public void Register(HmsMethodTable table)
    {
        table.Add("alter_table_req", AlterThrows, a =>
        {
            var request = a.Struct<HmsArgs>(1) ?? throw new HmsException(HmsErrorKind.MetaException, "argument req is missing");
            Alter(request.RequiredDatabase(2, "dbName"), request.RequiredString(3, "tableName"), request.Struct<HmsTable>(4));
            return HmsResult.Struct(w => w.WriteFieldStop());
        }, RequestArg);
        table.Add("alter_table", AlterThrows, Alter, TableArg3);
        table.Add("alter_table_with_environment_context", AlterThrows, Alter, TableArg3);
        table.Add("alter_table_with_cascade", AlterThrows, Alter, TableArg3);
    }

    private HmsResult Alter(HmsArgs args)
    {
        Alter(args.RequiredDatabase(1, "dbname"), args.RequiredString(2, "tbl_name"), args.Struct<HmsTable>(3));
        return HmsResult.Void;
    }

    private void Alter(string database, string name, HmsTable? table)
    {
        var updated = table ?? throw new HmsException(HmsErrorKind.InvalidOperationException, "argument new_tbl is missing");
        var current = context.Catalog.GetTable(database, name)
            ?? throw new HmsException(HmsErrorKind.InvalidOperationException, $"table {database}.{name} doesn't exist");
        updated.DbName = HmsCatalogNames.Strip(updated.DbName) ?? current.Database;
        updated.TableName ??= current.Name;
        TableInfo info;
        try
        {
            info = HmsTableConverter.FromThrift(updated, context.DefaultTableLocation, current.CreateTime);
        }
        catch (HmsException ex) when (ex.Kind == HmsErrorKind.InvalidObjectException)
        {
            throw new HmsException(HmsErrorKind.InvalidOperationException, ex.Message);
        }
        if (!SameKeys(current.PartitionKeys, info.PartitionKeys))
        {
            throw new HmsException(HmsErrorKind.InvalidOperationException,
                $"The partition keys of {current.Database}.{current.Name} cannot be changed");
        }
        context.Catalog.AlterTable(current.Database, current.Name, info with { Version = current.Version });
    }

    private static bool SameKeys(IReadOnlyList<ColumnInfo> left, IReadOnlyList<ColumnInfo> right) =>
        left.Count == right.Count
        && left.Zip(right).All(p => string.Equals(p.First.Name, p.Second.Name, StringComparison.OrdinalIgnoreCase)
            && string.Equals(p.First.HiveType, p.Second.HiveType, StringComparison.OrdinalIgnoreCase));
}
