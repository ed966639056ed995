using QueryEngine.Engine.Columnar;
using QueryEngine.Engine.Common;
using QueryEngine.Engine.Formats.Parquet.Metadata;

namespace QueryEngine.Engine.Formats.Parquet.Writing;

/// <summary>
/// The Parquet schema of an engine schema: the flattened (depth-first) schema elements under the root and the leaf
/// columns in column-chunk order, each with the index of the top-level column it belongs to. Nested types follow
/// parquet-format LogicalTypes.md: a struct is a group of its fields; an array is the 3-level LIST
/// (<c>&lt;rep&gt; group name (LIST) { repeated group list { &lt;rep&gt; element; } }</c>); a map is
/// <c>&lt;rep&gt; group name (MAP) { repeated group key_value { required key; &lt;rep&gt; value; } }</c>.
/// Nullable fields are optional, others required.
/// </summary>
internal sealed class WriterSchema
{
    /// <summary>Deepest nesting written (the reader refuses schemas deeper than 64 elements).</summary>
    private const int MaxDepth = 60;

    private WriterSchema(IReadOnlyList<SchemaElement> elements, IReadOnlyList<WriterColumn> leaves, IReadOnlyList<int> leafColumns)
    {
        Elements = elements;
        Leaves = leaves;
        LeafColumns = leafColumns;
    }

    /// <summary>Every element after the root, depth first.</summary>
    public IReadOnlyList<SchemaElement> Elements { get; }

    public IReadOnlyList<WriterColumn> Leaves { get; }

    /// <summary>For each leaf, the index of its top-level column in the engine schema.</summary>
    public IReadOnlyList<int> LeafColumns { get; }

    public static WriterSchema Build(Schema schema)
    {
        var elements = new List<SchemaElement>();
        var leaves = new List<WriterColumn>();
        var leafColumns = new List<int>();
        for (var c = 0; c < schema.Count; c++)
        {
            var field = schema.Fields[c];
            var before = leaves.Count;
            Add(field, [], [], 0, 0, elements, leaves);
            for (var i = before; i < leaves.Count; i++) leafColumns.Add(c);
        }
        return new WriterSchema(elements, leaves, leafColumns);
    }

    private static void Add(Field field, List<string> parentPath, List<LevelStep> parentSteps, int definition, int repetition, List<SchemaElement> elements, List<WriterColumn> leaves)
    {
        var path = new List<string>(parentPath) { field.Name };
        var display = string.Join('.', path);
        if (path.Count > MaxDepth) throw new NotSupportedQueryException($"writing Parquet column {display}: nested deeper than {MaxDepth} levels");
        if (field.Name.Length == 0) throw new NotSupportedQueryException($"writing Parquet column {string.Join('.', parentPath)}: every row field needs a name");
        var repetitionType = field.Nullable ? Repetition.Optional : Repetition.Required;
        var fieldDefinition = definition + (field.Nullable ? 1 : 0);
        switch (field.Type)
        {
            case StructType st:
                {
                    if (st.Fields.Count == 0) throw new NotSupportedQueryException($"writing Parquet column {display}: a row without fields cannot be stored");
                    CheckUniqueNames(st.Fields, display);
                    elements.Add(new SchemaElement { Name = field.Name, RepetitionType = repetitionType, NumChildren = st.Fields.Count });
                    for (var i = 0; i < st.Fields.Count; i++)
                    {
                        var steps = new List<LevelStep>(parentSteps) { new(LevelStepKind.Struct, field.Nullable, i) };
                        Add(st.Fields[i], path, steps, fieldDefinition, repetition, elements, leaves);
                    }
                    return;
                }
            case ListType list:
                {
                    AddAnnotatedGroup(field.Name, repetitionType, ConvertedType.List, LogicalTypeKind.List, "list", 1, elements);
                    var steps = new List<LevelStep>(parentSteps) { new(LevelStepKind.List, field.Nullable, 0, repetition + 1) };
                    Add(list.Element with { Name = "element" }, [.. path, "list"], steps, fieldDefinition + 1, repetition + 1, elements, leaves);
                    return;
                }
            case MapType map:
                {
                    AddAnnotatedGroup(field.Name, repetitionType, ConvertedType.Map, LogicalTypeKind.Map, "key_value", 2, elements);
                    var keySteps = new List<LevelStep>(parentSteps) { new(LevelStepKind.MapKey, field.Nullable, 0, repetition + 1) };
                    Add(map.Key with { Name = "key", Nullable = false }, [.. path, "key_value"], keySteps, fieldDefinition + 1, repetition + 1, elements, leaves);
                    var valueSteps = new List<LevelStep>(parentSteps) { new(LevelStepKind.MapValue, field.Nullable, 0, repetition + 1) };
                    Add(map.Value with { Name = "value" }, [.. path, "key_value"], valueSteps, fieldDefinition + 1, repetition + 1, elements, leaves);
                    return;
                }
            default:
                {
                    var leaf = WriterColumn.For(field, display);
                    elements.Add(leaf.Element);
                    var steps = new List<LevelStep>(parentSteps) { new(LevelStepKind.Leaf, field.Nullable) };
                    leaves.Add(leaf with { Path = path, MaxDefinition = fieldDefinition, MaxRepetition = repetition, Steps = steps });
                    return;
                }
        }
    }

    /// <summary>
    /// The two elements that open a LIST or MAP: the annotated outer group holding one repeated group
    /// (<paramref name="repeatedName"/>) with <paramref name="repeatedChildren"/> children, added next.
    /// </summary>
    private static void AddAnnotatedGroup(string name, Repetition repetitionType, ConvertedType converted, LogicalTypeKind logical, string repeatedName, int repeatedChildren, List<SchemaElement> elements)
    {
        elements.Add(new SchemaElement
        {
            Name = name,
            RepetitionType = repetitionType,
            NumChildren = 1,
            ConvertedType = converted,
            LogicalType = new LogicalType(logical),
        });
        elements.Add(new SchemaElement { Name = repeatedName, RepetitionType = Repetition.Repeated, NumChildren = repeatedChildren });
    }

    private static void CheckUniqueNames(IReadOnlyList<Field> fields, string display)
    {
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var f in fields)
        {
            if (f.Name.Length > 0 && !seen.Add(f.Name)) throw new NotSupportedQueryException($"writing Parquet column {display}: the row has two fields named '{f.Name}'");
        }
    }
}
