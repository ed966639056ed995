using System.Collections.Concurrent;
using System.Runtime.ExceptionServices;
using QueryEngine.Engine.Storage;

namespace QueryEngine.Engine.Catalog;

/// <summary>
/// Lists the files of the partitions a scan keeps in as few store calls as it can, before their sources are made: when
/// many of the table's partitions are kept and lie under the table's location (Hive's layout), the location is listed
/// once, recursively, and each partition's files are the listing's entries under its folder; partitions elsewhere
/// (or all of them, when only a few of many are kept) are listed in parallel, one call each. The sources then find
/// their listings in memory (<see cref="FileTableSourceFactory.WithPrelisted"/>). Factories other than the file
/// factory (or wrappers of it, <see cref="IDecoratingTableSourceFactory"/>) list as they always did.
/// </summary>
internal sealed class PartitionListing(TableInfo table, ICatalog catalog, ITableSourceFactory inner)
{
    /// <summary>From this many kept partitions under the table's location on, one listing of the location may serve them all.</summary>
    private const int RootListingMinimum = 16;

    /// <summary>Listings run at once (store calls are mostly waiting for I/O).</summary>
    private const int ParallelListings = 16;

    /// <summary>The factory that makes the kept partitions' sources, with their files listed.</summary>
    public ITableSourceFactory Prepare(IReadOnlyList<PartitionInfo> kept)
    {
        // The file factory may sit beneath wrappers (a server's system tables): the listings go to it, the wrappers stay.
        if (TableSourceFactories.FilesOf(inner) is not { } files || kept.Count < 2) return inner;
        var root = table.Storage.Location;
        var under = new List<string>();
        var elsewhere = new List<string>();
        foreach (var partition in kept)
        {
            if ((partition.Storage ?? table.Storage).Location is not { Length: > 0 } location) return inner;
            if (!string.IsNullOrEmpty(root) && PrelistedLocations.IsUnder(location, root)) under.Add(location);
            else elsewhere.Add(location);
        }
        var listings = new PrelistedLocations();
        // One listing of the root reads every file of the table: worth it when most partitions are read anyway.
        // Projected partitions are computed, not registered: their number says nothing about the files under the root.
        if (under.Count >= RootListingMinimum && PartitionProjection.TryCreate(table) is null
            && under.Count * 2 >= catalog.CountPartitions(table.Database, table.Name))
        {
            listings.Add(root!, files.StoreFor(root!).List(root!, recursive: true));
        }
        else
        {
            elsewhere.AddRange(under);
        }
        ListInParallel(files, elsewhere.Distinct(StringComparer.Ordinal).ToList(), listings);
        return TableSourceFactories.ChangeFiles(inner, prelisted => prelisted.WithPrelisted(listings));
    }

    private static void ListInParallel(FileTableSourceFactory files, List<string> locations, PrelistedLocations listings)
    {
        if (locations.Count == 0) return;
        var results = new ConcurrentDictionary<string, IReadOnlyList<ObjectInfo>>(StringComparer.Ordinal);
        try
        {
            Parallel.ForEach(
                locations,
                new ParallelOptions { MaxDegreeOfParallelism = ParallelListings },
                location => results[location] = files.StoreFor(location).List(location, recursive: true));
        }
        catch (AggregateException ex) when (ex.InnerExceptions.Count > 0)
        {
            // The store's own error (with the location it names), not the wrapper.
            ExceptionDispatchInfo.Capture(ex.InnerExceptions[0]).Throw();
            throw;
        }
        foreach (var location in locations) listings.Add(location, results[location]);
    }
}
