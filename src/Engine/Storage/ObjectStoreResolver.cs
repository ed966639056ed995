using QueryEngine.Engine.Common;

namespace QueryEngine.Engine.Storage;

/// <summary>
/// Chooses the <see cref="IObjectStore"/> for a location by its URI scheme: plain paths and <c>file:</c> go to the
/// local store, other schemes (<c>s3</c>, <c>s3a</c>, ...) to whatever store was registered for them.
/// Configure it once at startup; resolving is thread-safe.
/// </summary>
public sealed class ObjectStoreResolver
{
    private readonly Dictionary<string, Lazy<IObjectStore>> _stores = new(StringComparer.OrdinalIgnoreCase);

    public ObjectStoreResolver(IObjectStore? local = null)
    {
        Local = local ?? new LocalObjectStore();
    }

    /// <summary>The store for plain paths and <c>file:</c> URIs.</summary>
    public IObjectStore Local { get; }

    /// <summary>Registers the store for a scheme such as <c>s3</c>.</summary>
    public ObjectStoreResolver Register(string scheme, IObjectStore store)
    {
        ArgumentException.ThrowIfNullOrEmpty(scheme);
        ArgumentNullException.ThrowIfNull(store);
        _stores[scheme] = new Lazy<IObjectStore>(store);
        return this;
    }

    /// <summary>Registers a store for several schemes, created on first use (so an unused S3 client costs nothing).</summary>
    public ObjectStoreResolver Register(IEnumerable<string> schemes, Func<IObjectStore> create)
    {
        ArgumentNullException.ThrowIfNull(schemes);
        ArgumentNullException.ThrowIfNull(create);
        var shared = new Lazy<IObjectStore>(create, LazyThreadSafetyMode.ExecutionAndPublication);
        foreach (var scheme in schemes)
        {
            ArgumentException.ThrowIfNullOrEmpty(scheme);
            _stores[scheme] = shared;
        }
        return this;
    }

    /// <summary>Local files, and S3 (<c>s3</c>, <c>s3a</c>, <c>s3n</c>) with <paramref name="s3"/>'s settings.</summary>
    public static ObjectStoreResolver WithS3(S3.S3Settings s3) =>
        new ObjectStoreResolver().Register(["s3", "s3a", "s3n"], () => new S3.S3ObjectStore(s3));

    /// <summary>The store for a location; an unknown scheme is a <see cref="NotSupportedQueryException"/>.</summary>
    public IObjectStore Resolve(string location)
    {
        var scheme = StorageLocations.GetScheme(location);
        if (scheme is null || scheme == "file") return Local;
        if (_stores.TryGetValue(scheme, out var store)) return store.Value;
        throw new NotSupportedQueryException($"location {location}: storage scheme '{scheme}' is not supported yet");
    }
}
