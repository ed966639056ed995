namespace QueryEngine.Engine.Catalog;

/// <summary>Finds and changes the <see cref="FileTableSourceFactory"/> beneath <see cref="IDecoratingTableSourceFactory"/> wrappers.</summary>
public static class TableSourceFactories
{
    /// <summary>The file factory <paramref name="sources"/> is or wraps, or null when there is none.</summary>
    public static FileTableSourceFactory? FilesOf(ITableSourceFactory sources)
    {
        ArgumentNullException.ThrowIfNull(sources);
        var current = sources;
        while (current is IDecoratingTableSourceFactory wrapper) current = wrapper.Inner;
        return current as FileTableSourceFactory;
    }

    /// <summary>
    /// <paramref name="sources"/> with the file factory it is or wraps replaced by <paramref name="change"/>'s result,
    /// every wrapper kept; <paramref name="sources"/> itself when there is no file factory.
    /// </summary>
    public static ITableSourceFactory ChangeFiles(ITableSourceFactory sources, Func<FileTableSourceFactory, FileTableSourceFactory> change)
    {
        ArgumentNullException.ThrowIfNull(sources);
        ArgumentNullException.ThrowIfNull(change);
        return sources switch
        {
            FileTableSourceFactory files => change(files),
            IDecoratingTableSourceFactory wrapper when FilesOf(wrapper.Inner) is not null => wrapper.WithInner(ChangeFiles(wrapper.Inner, change)),
            _ => sources,
        };
    }
}
