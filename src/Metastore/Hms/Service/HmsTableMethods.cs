using QueryEngine.Engine.Catalog;
using QueryEngine.Engine.Thrift;
using QueryEngine.Metastore.Hms.Structs;

namespace QueryEngine.Metastore.Hms.Service;

/// <summary>
/// Table calls, in both the legacy and the <c>_req</c> families: listing (<c>get_all_tables</c>, <c>get_tables</c>,
/// <c>get_tables_by_type</c>, <c>get_table_meta</c>), reading (<c>get_table</c>, <c>get_table_req</c>,
/// <c>get_table_objects_by_name[_req]</c>, <c>get_fields*</c>, <c>get_schema*</c>), creating
/// (<c>create_table</c>, <c>create_table_with_environment_context</c>, <c>create_table_req</c>) and dropping
/// (<c>drop_table[_with_environment_context]</c>; files are never deleted).
/// </summary>
internal sealed class HmsTableMethods(HmsContext context)
{
    private static readonly HmsErrorKind[] Meta = [HmsErrorKind.MetaException];

    private static readonly HmsErrorKind[] GetThrows = [HmsErrorKind.MetaException, HmsErrorKind.NoSuchObjectException];

    private static readonly HmsErrorKind[] CreateThrows =
    [
        HmsErrorKind.AlreadyExistsException, HmsErrorKind.InvalidObjectException,
        HmsErrorKind.MetaException, HmsErrorKind.NoSuchObjectException,
    ];

    private static readonly HmsErrorKind[] DropThrows = [HmsErrorKind.NoSuchObjectException, HmsErrorKind.MetaException];

    private static readonly HmsErrorKind[] FieldThrows =
        [HmsErrorKind.MetaException, HmsErrorKind.UnknownTableException, HmsErrorKind.UnknownDBException];

    private static readonly Dictionary<short, Func<BinaryProtocolReader, object>> RequestArg =
        new() { [1] = r => HmsArgs.Read(r, null) };

    private static readonly Dictionary<short, Func<BinaryProtocolReader, object>> TableArg = new() { [1] = HmsTable.Read };

    private static readonly Dictionary<short, Func<BinaryProtocolReader, object>> CreateRequestArg =
        new() { [1] = r => HmsArgs.Read(r, TableArg) };

    private ICatalog Catalog => context.Catalog;

    public void Register(HmsMethodTable table)
    {
        table.Add("get_all_tables", Meta, a => HmsResult.StringList(Names(a.RequiredDatabase(1, "db_name"), null, null)));
        table.Add("get_tables", Meta, a => HmsResult.StringList(Names(a.RequiredDatabase(1, "db_name"), a.String(2), null)));
        table.Add("get_tables_by_type", Meta,
            a => HmsResult.StringList(Names(a.RequiredDatabase(1, "db_name"), a.String(2), a.String(3))));
        table.Add("get_table_meta", Meta, a => TableMeta(a.Database(1), a.String(2), a.StringList(3)));

        table.Add("get_table", GetThrows, a => TableResult(a.RequiredDatabase(1, "dbname"), a.RequiredString(2, "tbl_name")));
        // GetTableRequest: 1 dbName, 2 tblName, ... -> GetTableResult: 1 table.
        table.Add("get_table_req", GetThrows, a =>
        {
            var request = Request(a);
            var thrift = Table(request.RequiredDatabase(1, "dbName"), request.RequiredString(2, "tblName"));
            return HmsResult.Struct(w =>
            {
                w.WriteFieldBegin(ThriftType.Struct, 1);
                thrift.Write(w);
                w.WriteFieldStop();
            });
        }, RequestArg);
        table.Add("get_table_objects_by_name", [],
            a => TableList(Objects(a.RequiredDatabase(1, "dbname"), a.StringList(2) ?? [], unknownDbIsError: false)));
        // GetTablesRequest: 1 dbName, 2 tblNames, ..., 8 tablesPattern -> GetTablesResult: 1 tables.
        table.Add("get_table_objects_by_name_req",
            [HmsErrorKind.MetaException, HmsErrorKind.InvalidOperationException, HmsErrorKind.UnknownDBException], a =>
            {
                var request = Request(a);
                var database = request.RequiredDatabase(1, "dbName");
                var names = request.StringList(2) ?? Names(database, request.String(8), null);
                var tables = Objects(database, names, unknownDbIsError: true);
                return HmsResult.Struct(w =>
                {
                    w.WriteFieldBegin(ThriftType.List, 1);
                    HmsTable.WriteList(w, tables);
                    w.WriteFieldStop();
                });
            }, RequestArg);

        table.Add("create_table", CreateThrows, a => Create(a.Struct<HmsTable>(1)), TableArg);
        table.Add("create_table_with_environment_context", CreateThrows, a => Create(a.Struct<HmsTable>(1)), TableArg);
        // CreateTableRequest: 1 table, 2 envContext, 3.. constraints (read past).
        table.Add("create_table_req", CreateThrows, a => Create(Request(a).Struct<HmsTable>(1)), CreateRequestArg);
        table.Add("drop_table", DropThrows, Drop);
        table.Add("drop_table_with_environment_context", DropThrows, Drop);

        RegisterFields(table, "get_fields", withPartitionKeys: false);
        RegisterFields(table, "get_schema", withPartitionKeys: true);
    }

    /// <summary>
    /// <c>name(1:db, 2:table)</c>, <c>name_with_environment_context(1:db, 2:table, 3:context)</c> and
    /// <c>name_req(GetFieldsRequest | GetSchemaRequest: 1 catName, 2 dbName, 3 tblName)</c> -> response field 1.
    /// </summary>
    private void RegisterFields(HmsMethodTable table, string name, bool withPartitionKeys)
    {
        HmsResult Legacy(HmsArgs a) =>
            HmsResult.Fields(Fields(a.RequiredDatabase(1, "db_name"), a.RequiredString(2, "table_name"), withPartitionKeys));
        table.Add(name, FieldThrows, Legacy);
        table.Add(name + "_with_environment_context", FieldThrows, Legacy);
        table.Add(name + "_req", FieldThrows, a =>
        {
            var request = Request(a);
            var fields = Fields(request.RequiredDatabase(2, "dbName"), request.RequiredString(3, "tblName"), withPartitionKeys);
            return HmsResult.Struct(w =>
            {
                w.WriteFieldBegin(ThriftType.List, 1);
                HmsFieldSchema.WriteList(w, fields);
                w.WriteFieldStop();
            });
        }, RequestArg);
    }

    private static HmsArgs Request(HmsArgs args) =>
        args.Struct<HmsArgs>(1) ?? throw new HmsException(HmsErrorKind.MetaException, "argument request is missing");

    /// <summary>Table names of a database matching a pattern and a table type; an unknown database has none (as in Hive).</summary>
    private List<string> Names(string database, string? pattern, string? tableType)
    {
        if (Catalog.GetDatabase(database) is null) return [];
        var matcher = new HmsNamePattern(pattern);
        var result = new List<string>();
        foreach (var name in Catalog.ListTables(database))
        {
            if (!matcher.Matches(name)) continue;
            if (tableType is not null && !string.Equals(TypeOf(database, name), tableType, StringComparison.OrdinalIgnoreCase)) continue;
            result.Add(name);
        }
        return result;
    }

    private string? TypeOf(string database, string table) =>
        Catalog.GetTable(database, table) is { } info ? HmsTableConverter.ToThrift(info).TableType : null;

    /// <summary>TableMeta: 1 dbName, 2 tableName, 3 tableType, 4 comments.</summary>
    private HmsResult TableMeta(string? databasePattern, string? tablePattern, List<string>? tableTypes)
    {
        var databases = new HmsNamePattern(databasePattern);
        var tables = new HmsNamePattern(tablePattern);
        var rows = new List<TableInfo>();
        foreach (var database in Catalog.ListDatabases())
        {
            if (!databases.Matches(database)) continue;
            foreach (var name in Catalog.ListTables(database))
            {
                if (!tables.Matches(name) || Catalog.GetTable(database, name) is not { } info) continue;
                var type = HmsTableConverter.ToThrift(info).TableType;
                if (tableTypes is { Count: > 0 } && !tableTypes.Contains(type!, StringComparer.OrdinalIgnoreCase)) continue;
                rows.Add(info);
            }
        }
        return HmsResult.Of(ThriftType.List, w =>
        {
            w.WriteListBegin(ThriftType.Struct, rows.Count);
            foreach (var info in rows)
            {
                w.WriteStringField(1, info.Database);
                w.WriteStringField(2, info.Name);
                w.WriteStringField(3, HmsTableConverter.ToThrift(info).TableType);
                w.WriteStringField(4, info.Comment);
                w.WriteFieldStop();
            }
        });
    }

    private HmsTable Table(string database, string table) => HmsTableConverter.ToThrift(context.RequireTable(database, table));

    private HmsResult TableResult(string database, string table)
    {
        var thrift = Table(database, table);
        return HmsResult.Struct(thrift.Write);
    }

    /// <summary>The tables that exist among <paramref name="names"/>, in that order; missing ones are left out (as in Hive).</summary>
    private List<HmsTable> Objects(string database, List<string> names, bool unknownDbIsError)
    {
        if (Catalog.GetDatabase(database) is null)
        {
            if (unknownDbIsError) throw new HmsException(HmsErrorKind.UnknownDBException, $"Could not find database {database}");
            return [];
        }
        var result = new List<HmsTable>(names.Count);
        foreach (var name in names)
        {
            if (string.IsNullOrWhiteSpace(name)) continue;
            if (Catalog.GetTable(database, name) is { } info) result.Add(HmsTableConverter.ToThrift(info));
        }
        return result;
    }

    private static HmsResult TableList(List<HmsTable> tables) => HmsResult.Of(ThriftType.List, w => HmsTable.WriteList(w, tables));

    private HmsResult Create(HmsTable? table)
    {
        if (table is null) throw new HmsException(HmsErrorKind.InvalidObjectException, "argument tbl is missing");
        var now = DateTimeOffset.FromUnixTimeSeconds(context.Clock.GetUtcNow().ToUnixTimeSeconds());
        var info = HmsTableConverter.FromThrift(table, context.DefaultTableLocation, now);
        if (Catalog.GetDatabase(info.Database) is null)
        {
            throw new HmsException(HmsErrorKind.NoSuchObjectException, $"Database {info.Database} does not exist");
        }
        if (Catalog.GetTable(info.Database, info.Name) is not null)
        {
            throw new HmsException(HmsErrorKind.AlreadyExistsException,
                $"Table {HmsDatabase.DefaultCatalog}.{info.Database.ToLowerInvariant()}.{info.Name.ToLowerInvariant()} already exists");
        }
        Catalog.CreateTable(info, ifNotExists: false);
        return HmsResult.Void;
    }

    private HmsResult Drop(HmsArgs args)
    {
        var database = args.RequiredDatabase(1, "dbname");
        var name = args.RequiredString(2, "name");
        context.RequireTable(database, name);
        Catalog.DropTable(database, name, ifExists: false);
        return HmsResult.Void;
    }

    private List<HmsFieldSchema> Fields(string database, string table, bool withPartitionKeys)
    {
        if (Catalog.GetDatabase(database) is null)
        {
            throw new HmsException(HmsErrorKind.UnknownDBException, $"Database {database} not found");
        }
        var info = Catalog.GetTable(database, table)
            ?? throw new HmsException(HmsErrorKind.UnknownTableException, $"{database}.{table} table not found");
        var fields = HmsTableConverter.Fields(info.Columns);
        if (withPartitionKeys) fields.AddRange(HmsTableConverter.Fields(info.PartitionKeys));
        return fields;
    }
}
