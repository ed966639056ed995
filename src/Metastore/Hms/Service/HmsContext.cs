using QueryEngine.Engine.Catalog;

namespace QueryEngine.Metastore.Hms.Service;

/// <summary>What the method handlers work on: the catalog, the warehouse folder (default locations), a clock.</summary>
internal sealed class HmsContext(ICatalog catalog, string warehouse, TimeProvider? clock = null)
{
    public ICatalog Catalog { get; } = catalog;

    public string Warehouse { get; } = warehouse;

    public TimeProvider Clock { get; } = clock ?? TimeProvider.System;

    /// <summary>The locks clients hold through Hive's lock API (this server's memory only).</summary>
    public HmsLockTable Locks { get; } = new(clock ?? TimeProvider.System);

    /// <summary>When the service started (fb303 <c>aliveSince</c>).</summary>
    public DateTimeOffset StartedAt { get; } = (clock ?? TimeProvider.System).GetUtcNow();

    /// <summary>The table, or Hive's NoSuchObjectException (<c>db.table table not found</c>).</summary>
    public TableInfo RequireTable(string database, string table) =>
        Catalog.GetTable(database, table)
        ?? throw new HmsException(HmsErrorKind.NoSuchObjectException, $"{database}.{table} table not found");

    /// <summary>Where a table created without a location goes: under its database's location, as Hive does.</summary>
    public string DefaultTableLocation(string database, string table)
    {
        var root = Catalog.GetDatabase(database)?.Location ?? Path.Combine(Warehouse, database.ToLowerInvariant());
        return root.EndsWith('/') ? root + table.ToLowerInvariant() : root + "/" + table.ToLowerInvariant();
    }
}
