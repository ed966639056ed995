using QueryEngine.Engine.Columnar;

namespace QueryEngine.Metastore.Crawlers.Inference;

/// <summary>Columns a crawler inferred, in first-seen order; names compare without case, as Hive's do.</summary>
internal sealed class InferredSchema
{
    private readonly List<Field> _columns = [];

    public IReadOnlyList<Field> Columns => _columns;

    public void Add(string name, DataType type)
    {
        var index = IndexOf(name);
        if (index < 0) _columns.Add(new Field(name, type));
        else _columns[index] = new Field(_columns[index].Name, TypeWidening.Widen(_columns[index].Type, type));
    }

    /// <summary>Merges another schema into this one (columns of both, types widened).</summary>
    public void Merge(InferredSchema other)
    {
        foreach (var column in other.Columns) Add(column.Name, column.Type);
    }

    public int IndexOf(string name) => _columns.FindIndex(c => string.Equals(c.Name, name, StringComparison.OrdinalIgnoreCase));

    /// <summary>The set of column names, lower case.</summary>
    public HashSet<string> Names() => _columns.Select(c => c.Name.ToLowerInvariant()).ToHashSet();
}
