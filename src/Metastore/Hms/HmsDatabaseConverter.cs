using QueryEngine.Engine.Catalog;
using QueryEngine.Metastore.Hms.Structs;

namespace QueryEngine.Metastore.Hms;

/// <summary>Hive's <c>Database</c> to and from our <see cref="DatabaseInfo"/>.</summary>
internal static class HmsDatabaseConverter
{
    public static HmsDatabase ToThrift(DatabaseInfo database) => new()
    {
        Name = database.Name,
        Description = database.Description,
        LocationUri = database.Location,
        Parameters = new Dictionary<string, string>(database.Parameters, StringComparer.Ordinal),
        OwnerName = database.Owner,
        OwnerType = database.Owner is null ? null : 1,
        CatalogName = HmsDatabase.DefaultCatalog,
    };

    public static DatabaseInfo FromThrift(HmsDatabase database)
    {
        if (string.IsNullOrWhiteSpace(database.Name))
        {
            throw new HmsException(HmsErrorKind.InvalidObjectException, "Database name must not be empty");
        }
        return new DatabaseInfo(database.Name, NullIfEmpty(database.Description), NullIfEmpty(database.LocationUri))
        {
            Parameters = database.Parameters,
            Owner = NullIfEmpty(database.OwnerName),
        };
    }

    internal static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
