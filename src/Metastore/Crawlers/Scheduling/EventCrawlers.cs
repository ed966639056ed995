using QueryEngine.Metastore.Crawlers.Definitions;

namespace QueryEngine.Metastore.Crawlers.Scheduling;

/// <summary>
/// The <see cref="EventCrawler"/>s of the stored crawlers in event mode, kept in step with their definitions: a new
/// event-mode crawler starts being watched, a changed one is watched anew, a deleted one (or one switched to another
/// recrawl policy) stops being watched.
/// </summary>
internal sealed class EventCrawlers(StoredCrawlers crawlers, ICrawlerStore store, Action<string> log, TimeProvider clock, TimeSpan debounce) : IAsyncDisposable
{
    private readonly Dictionary<string, EventCrawler> _watched = new(StringComparer.Ordinal);

    public int Count => _watched.Count;

    /// <summary>Watches the event-mode crawlers among <paramref name="definitions"/> (all stored crawlers), and only them.</summary>
    public async Task RefreshAsync(IReadOnlyList<CrawlerDefinition> definitions)
    {
        var wanted = new Dictionary<string, CrawlerDefinition>(StringComparer.Ordinal);
        foreach (var definition in definitions)
        {
            if (definition.Recrawl == RecrawlBehavior.Events) wanted[definition.Name] = definition;
        }
        foreach (var (name, watcher) in _watched.ToArray())
        {
            if (wanted.TryGetValue(name, out var definition) && SameWatch(definition, watcher.Crawler)) continue;
            _watched.Remove(name);
            await watcher.DisposeAsync().ConfigureAwait(false);
            if (!wanted.ContainsKey(name)) log($"crawler {name}: no longer in event mode; stopped watching");
        }
        foreach (var (name, definition) in wanted)
        {
            if (_watched.ContainsKey(name)) continue;
            var watcher = new EventCrawler(definition, crawlers, store, log, clock, debounce);
            _watched[name] = watcher;
            watcher.Start();
        }
    }

    /// <summary>Whether a watcher over <paramref name="watched"/> still serves <paramref name="definition"/>.</summary>
    private static bool SameWatch(CrawlerDefinition definition, CrawlerDefinition watched) =>
        definition.Targets.SequenceEqual(watched.Targets) && definition.Exclusions.SequenceEqual(watched.Exclusions);

    public async ValueTask DisposeAsync()
    {
        foreach (var watcher in _watched.Values) await watcher.DisposeAsync().ConfigureAwait(false);
        _watched.Clear();
    }
}
