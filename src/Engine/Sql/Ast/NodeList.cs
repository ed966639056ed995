using System.Collections;

namespace QueryEngine.Engine.Sql.Ast;

/// <summary>An immutable list with element-wise equality, used for every list in parser-produced nodes.</summary>
public sealed class NodeList<T> : IReadOnlyList<T>, IEquatable<NodeList<T>>
{
    private readonly T[] _items;

    public NodeList(IEnumerable<T> items)
    {
        _items = [.. items];
    }

    private NodeList(T[] items, bool _)
    {
        _items = items;
    }

    public static NodeList<T> Empty { get; } = new([], false);

    public int Count => _items.Length;

    public T this[int index] => _items[index];

    public IEnumerator<T> GetEnumerator() => ((IEnumerable<T>)_items).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => _items.GetEnumerator();

    public bool Equals(NodeList<T>? other)
    {
        if (ReferenceEquals(this, other)) return true;
        if (other is null || other._items.Length != _items.Length) return false;
        var comparer = EqualityComparer<T>.Default;
        for (var i = 0; i < _items.Length; i++)
        {
            if (!comparer.Equals(_items[i], other._items[i])) return false;
        }

        return true;
    }

    public override bool Equals(object? obj) => obj is NodeList<T> other && Equals(other);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(_items.Length);
        foreach (var item in _items) hash.Add(item);
        return hash.ToHashCode();
    }
}

/// <summary>Factory helpers for <see cref="NodeList{T}"/>.</summary>
public static class NodeList
{
    public static NodeList<T> Of<T>(params IEnumerable<T> items) => new(items);

    public static NodeList<T> Empty<T>() => NodeList<T>.Empty;
}
