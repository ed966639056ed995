namespace QueryEngine.Engine.Columnar;

/// <summary>A named, typed column with optional key/value metadata.</summary>
public sealed record Field(string Name, DataType Type, bool Nullable = true)
{
    public IReadOnlyDictionary<string, string>? Metadata { get; init; }

    public bool Equals(Field? other) =>
        other is not null && Name == other.Name && Type.Equals(other.Type) && Nullable == other.Nullable;

    public override int GetHashCode() => HashCode.Combine(Name, Type, Nullable);

    public Field WithName(string name) => this with { Name = name };
}
