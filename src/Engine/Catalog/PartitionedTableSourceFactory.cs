using QueryEngine.Engine.Catalog.InformationSchema;

namespace QueryEngine.Engine.Catalog;

/// <summary>
/// Makes partitioned catalog tables scannable from their catalog partitions: the partitions registered in the
/// catalog (ADD PARTITION, MSCK REPAIR TABLE, crawlers) are the table's data, each read from its own location by
/// <paramref name="inner"/>, as Athena and Trino do; a partitioned table without partitions has no rows. Other tables
/// go to <paramref name="inner"/> unchanged, except the tables of <c>information_schema</c>, which are computed
/// from the catalog.
/// </summary>
public sealed class PartitionedTableSourceFactory(ICatalog catalog, ITableSourceFactory inner) : IDecoratingTableSourceFactory
{
    public ICatalog Catalog { get; } = catalog ?? throw new ArgumentNullException(nameof(catalog));

    public ITableSourceFactory Inner { get; } = inner ?? throw new ArgumentNullException(nameof(inner));

    public ITableSourceFactory WithInner(ITableSourceFactory inner) => new PartitionedTableSourceFactory(Catalog, inner);

    public ITableSource Create(TableInfo table)
    {
        ArgumentNullException.ThrowIfNull(table);
        if (InformationSchemaTables.IsInformationSchema(table)) return new InformationSchemaSource(Catalog, table);
        if (table.PartitionKeys.Count == 0 || table.Kind == TableKind.View) return Inner.Create(table);
        return new PartitionedTableSource(table, FileTableSourceFactory.SchemaOf(table), Catalog, Inner);
    }

    /// <summary>Table functions (<c>read_parquet</c>) read files directly: the inner factory serves them.</summary>
    public ITableSource? CreateForFunction(string name, IReadOnlyList<object?> arguments) => Inner.CreateForFunction(name, arguments);
}
