namespace QueryEngine.Engine.Columnar;

/// <summary>An ordered list of fields plus schema-level metadata.</summary>
public sealed class Schema : IEquatable<Schema>
{
    public static readonly Schema Empty = new([]);

    public Schema(IReadOnlyList<Field> fields, IReadOnlyDictionary<string, string>? metadata = null)
    {
        Fields = fields;
        Metadata = metadata;
    }

    public IReadOnlyList<Field> Fields { get; }

    public IReadOnlyDictionary<string, string>? Metadata { get; }

    public int Count => Fields.Count;

    public Field this[int index] => Fields[index];

    /// <summary>Index of the first field with this name (case-insensitive), or -1.</summary>
    public int IndexOf(string name)
    {
        for (var i = 0; i < Fields.Count; i++)
        {
            if (string.Equals(Fields[i].Name, name, StringComparison.OrdinalIgnoreCase)) return i;
        }
        return -1;
    }

    public Schema Project(ReadOnlySpan<int> columns)
    {
        var fields = new Field[columns.Length];
        for (var i = 0; i < columns.Length; i++) fields[i] = Fields[columns[i]];
        return new Schema(fields, Metadata);
    }

    public bool Equals(Schema? other) => other is not null && Fields.SequenceEqual(other.Fields);

    public override bool Equals(object? obj) => Equals(obj as Schema);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var f in Fields) hash.Add(f);
        return hash.ToHashCode();
    }

    public override string ToString() => string.Join(", ", Fields.Select(f => $"{f.Name} {f.Type}"));
}
