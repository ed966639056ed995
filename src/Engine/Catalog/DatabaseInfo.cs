namespace QueryEngine.Engine.Catalog;

public sealed record DatabaseInfo(string Name, string? Description = null, string? Location = null)
{
    public IReadOnlyDictionary<string, string> Parameters { get; init; } = new Dictionary<string, string>();

    public string? Owner { get; init; }
}
