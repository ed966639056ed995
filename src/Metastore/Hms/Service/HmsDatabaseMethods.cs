using QueryEngine.Engine.Catalog;
using QueryEngine.Engine.Thrift;
using QueryEngine.Metastore.Hms.Structs;

namespace QueryEngine.Metastore.Hms.Service;

/// <summary>
/// Database calls: <c>get_all_databases</c>, <c>get_databases(pattern)</c>, <c>get_database</c>,
/// <c>get_database_req</c>, <c>create_database</c>, <c>create_database_req</c>, <c>drop_database</c>, <c>drop_database_req</c>,
/// <c>alter_database</c> (description, location, parameters and owner; the name cannot change).
/// Dropping never deletes files (<c>deleteData</c> is ignored): our catalog does not own the data.
/// </summary>
internal sealed class HmsDatabaseMethods(HmsContext context)
{
    private static readonly HmsErrorKind[] GetThrows = [HmsErrorKind.NoSuchObjectException, HmsErrorKind.MetaException];

    private static readonly HmsErrorKind[] DropThrows =
        [HmsErrorKind.NoSuchObjectException, HmsErrorKind.InvalidOperationException, HmsErrorKind.MetaException];

    private ICatalog Catalog => context.Catalog;

    public void Register(HmsMethodTable table)
    {
        table.Add("get_all_databases", [HmsErrorKind.MetaException], _ => HmsResult.StringList(Catalog.ListDatabases()));
        table.Add("get_databases", [HmsErrorKind.MetaException], a =>
        {
            var pattern = new HmsNamePattern(a.Database(1));
            return HmsResult.StringList(Catalog.ListDatabases().Where(pattern.Matches).ToList());
        });
        table.Add("get_database", GetThrows, a => Database(a.RequiredDatabase(1, "name")));
        table.Add("get_database_req", GetThrows,
            a => Database(Request(a).RequiredString(1, "name")),
            new Dictionary<short, Func<BinaryProtocolReader, object>> { [1] = r => HmsArgs.Read(r, null) });
        table.Add("create_database",
            [HmsErrorKind.AlreadyExistsException, HmsErrorKind.InvalidObjectException, HmsErrorKind.MetaException],
            a => Create(a.Struct<HmsDatabase>(1)),
            new Dictionary<short, Func<BinaryProtocolReader, object>> { [1] = HmsDatabase.Read });
        // CreateDatabaseRequest (Hive 4): 1 databaseName, 2 description, 3 locationUri, 4 parameters, 6 ownerName, ...
        table.Add("create_database_req",
            [HmsErrorKind.AlreadyExistsException, HmsErrorKind.InvalidObjectException, HmsErrorKind.MetaException],
            a =>
            {
                var request = Request(a);
                return Create(new HmsDatabase
                {
                    Name = request.String(1),
                    Description = request.String(2),
                    LocationUri = request.String(3),
                    Parameters = request.StringMap(4) ?? new Dictionary<string, string>(StringComparer.Ordinal),
                    OwnerName = request.String(6),
                });
            },
            new Dictionary<short, Func<BinaryProtocolReader, object>> { [1] = r => HmsArgs.Read(r, null) });
        table.Add("alter_database", [HmsErrorKind.MetaException, HmsErrorKind.NoSuchObjectException],
            a => Alter(a.RequiredDatabase(1, "dbname"), a.Struct<HmsDatabase>(2)),
            new Dictionary<short, Func<BinaryProtocolReader, object>> { [2] = HmsDatabase.Read });
        table.Add("drop_database", DropThrows, a =>
        {
            Drop(a.RequiredDatabase(1, "name"), ignoreUnknown: false, cascade: a.Bool(3));
            return HmsResult.Void;
        });
        // DropDatabaseRequest: 1 name, 2 catalogName, 3 ignoreUnknownDb, 4 deleteData, 5 cascade.
        table.Add("drop_database_req", DropThrows, a =>
        {
            var request = Request(a);
            Drop(request.RequiredString(1, "name"), request.Bool(3), request.Bool(5));
            return HmsResult.Void;
        }, new Dictionary<short, Func<BinaryProtocolReader, object>> { [1] = r => HmsArgs.Read(r, null) });
    }

    private static HmsArgs Request(HmsArgs args) =>
        args.Struct<HmsArgs>(1) ?? throw new HmsException(HmsErrorKind.MetaException, "argument request is missing");

    private HmsResult Database(string name)
    {
        var database = Catalog.GetDatabase(name)
            ?? throw new HmsException(HmsErrorKind.NoSuchObjectException, $"Database {name} not found");
        var thrift = HmsDatabaseConverter.ToThrift(database);
        return HmsResult.Struct(thrift.Write);
    }

    private HmsResult Create(HmsDatabase? database)
    {
        if (database is null) throw new HmsException(HmsErrorKind.InvalidObjectException, "argument database is missing");
        var info = HmsDatabaseConverter.FromThrift(database);
        if (Catalog.GetDatabase(info.Name) is not null)
        {
            throw new HmsException(HmsErrorKind.AlreadyExistsException, $"Database {info.Name.ToLowerInvariant()} already exists");
        }
        Catalog.CreateDatabase(info, ifNotExists: false);
        return HmsResult.Void;
    }

    private HmsResult Alter(string name, HmsDatabase? database)
    {
        if (database is null) throw new HmsException(HmsErrorKind.MetaException, "argument db is missing");
        var current = Catalog.GetDatabase(name)
            ?? throw new HmsException(HmsErrorKind.NoSuchObjectException, $"Database {name} not found");
        var newName = HmsCatalogNames.Strip(database.Name);
        if (!string.IsNullOrEmpty(newName) && !string.Equals(newName, current.Name, StringComparison.OrdinalIgnoreCase))
        {
            throw new HmsException(HmsErrorKind.MetaException, $"Database {current.Name} cannot be renamed to {newName}");
        }
        database.Name = current.Name;
        Catalog.AlterDatabase(HmsDatabaseConverter.FromThrift(database));
        return HmsResult.Void;
    }

    private void Drop(string name, bool ignoreUnknown, bool cascade)
    {
        if (Catalog.GetDatabase(name) is null)
        {
            if (ignoreUnknown) return;
            throw new HmsException(HmsErrorKind.NoSuchObjectException, $"Database {name} not found");
        }
        Catalog.DropDatabase(name, ifExists: false, cascade);
    }
}
