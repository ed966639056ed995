using QueryEngine.Engine.Common;

namespace QueryEngine.Engine.Catalog;

/// <summary>
/// Rules every <see cref="ICatalog"/> implementation shares, so that the in-memory catalog and the
/// metastore stores behave identically: name normalization (lower-case, as Hive and Glue store names),
/// validation of new objects, and the exact errors (messages follow Trino's wording).
/// </summary>
internal static partial class CatalogRules
{
    /// <summary>The database every catalog creates on first use and that can never be dropped.</summary>
    public const string DefaultDatabase = "default";

    /// <summary>The table parameter under which Hive stores a table's comment.</summary>
    public const string CommentParameter = "comment";

    /// <summary>Lower-cases a database or table name; rejects empty names.</summary>
    public static string NormalizeName(string name, string kind)
    {
        if (string.IsNullOrWhiteSpace(name)) throw new SemanticException($"{kind} name must not be empty");
        return name.ToLowerInvariant();
    }

    /// <summary>A normalized, defensively copied database: lower-case name, own copy of the parameters.</summary>
    public static DatabaseInfo Normalize(DatabaseInfo database) => database with
    {
        Name = NormalizeName(database.Name, "Schema"),
        Parameters = new Dictionary<string, string>(database.Parameters, StringComparer.Ordinal),
    };

    /// <summary>
    /// A normalized, defensively copied table: database, table, column and partition key names lower-case;
    /// <see cref="TableInfo.CreateTime"/> in UTC truncated to whole seconds (Hive keeps seconds); own copies
    /// of every list and dictionary. Hive keeps a table's comment as its <c>comment</c> parameter
    /// (<c>COMMENT 'x'</c> is <c>TBLPROPERTIES ('comment'='x')</c>), so such a parameter becomes
    /// <see cref="TableInfo.Comment"/> unless a comment is also given, which wins.
    /// Rejects empty names and types and duplicate column names.
    /// </summary>
    public static TableInfo Normalize(TableInfo table)
    {
        var database = NormalizeName(table.Database, "Schema");
        var name = NormalizeName(table.Name, "Table");
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var columns = NormalizeColumns(table.Columns, seen);
        var partitionKeys = NormalizeColumns(table.PartitionKeys, seen);
        var storage = table.Storage with
        {
            SerdeParameters = new Dictionary<string, string>(table.Storage.SerdeParameters, StringComparer.Ordinal),
        };
        var seconds = table.CreateTime.ToUnixTimeSeconds();
        var parameters = new Dictionary<string, string>(table.Parameters, StringComparer.Ordinal);
        var comment = table.Comment;
        if (parameters.Remove(CommentParameter, out var commentParameter)) comment ??= commentParameter;
        return table with
        {
            Database = database,
            Name = name,
            Columns = columns,
            PartitionKeys = partitionKeys,
            Storage = storage,
            Parameters = parameters,
            Comment = comment,
            CreateTime = DateTimeOffset.FromUnixTimeSeconds(seconds),
        };
    }

    private static ColumnInfo[] NormalizeColumns(IReadOnlyList<ColumnInfo> columns, HashSet<string> seen)
    {
        var result = new ColumnInfo[columns.Count];
        for (var i = 0; i < result.Length; i++)
        {
            var column = columns[i];
            var name = NormalizeName(column.Name, "Column");
            if (!seen.Add(name)) throw new SemanticException($"Column name '{name}' specified more than once");
            if (string.IsNullOrWhiteSpace(column.HiveType)) throw new SemanticException($"Column '{name}' has no type");
            result[i] = column with { Name = name };
        }
        return result;
    }

    public static NotFoundException SchemaNotFound(string database) =>
        new(ErrorCode.SchemaNotFound, $"Schema '{database}' does not exist");

    public static NotFoundException TableNotFound(string database, string table) =>
        new(ErrorCode.TableNotFound, $"Table '{database}.{table}' does not exist");

    public static SemanticException SchemaExists(string database) =>
        new($"Schema '{database}' already exists", code: ErrorCode.AlreadyExists);

    public static SemanticException TableExists(string database, string table) =>
        new($"Table '{database}.{table}' already exists", code: ErrorCode.AlreadyExists);

    public static SemanticException SchemaNotEmpty(string database) =>
        new($"Cannot drop non-empty schema '{database}'", hint: "use DROP SCHEMA ... CASCADE to drop its tables too");

    public static SemanticException CannotDropDefault() =>
        new($"Cannot drop the '{DefaultDatabase}' schema");
}
