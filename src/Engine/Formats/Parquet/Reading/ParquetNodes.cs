using QueryEngine.Engine.Catalog;
using QueryEngine.Engine.Columnar;
using QueryEngine.Engine.Common;
using QueryEngine.Engine.Formats.Parquet.Metadata;

namespace QueryEngine.Engine.Formats.Parquet.Reading;

/// <summary>
/// Interprets raw schema groups as the engine's nested types, following the LIST and MAP rules of the format's
/// LogicalTypes.md: 3-level lists, the legacy 2-level forms (repeated primitive, repeated group of several fields,
/// a repeated group named <c>array</c> or <c>&lt;list&gt;_tuple</c>), bare repeated fields as non-null lists, MAP
/// and MAP_KEY_VALUE groups of a repeated key/value group, other groups as structs.
/// </summary>
internal static class ParquetNodes
{
    public static ParquetNode Interpret(RawNode raw, string file)
    {
        var node = raw.IsRepeated ? Repeated(raw, raw.Definition - 1, file) : Value(raw, file);
        Link(node, null);
        return node;
    }

    public static string? FirstUnsupported(ParquetNode node)
    {
        if (node.Unsupported is not null) return node.Unsupported;
        foreach (var child in node.Children)
        {
            if (FirstUnsupported(child) is { } why) return why;
        }
        return null;
    }

    private static void Link(ParquetNode node, ParquetNode? parent)
    {
        node.Parent = parent;
        foreach (var child in node.Children) Link(child, node);
    }

    /// <summary>A node that is not itself repeated.</summary>
    private static ParquetNode Value(RawNode raw, string file)
    {
        if (raw.Leaf is { } leaf)
        {
            return new ParquetNode { Kind = ParquetNodeKind.Primitive, Name = raw.Element.Name, Type = leaf.Type, Definition = raw.Definition, Leaf = leaf, Unsupported = leaf.Unsupported };
        }
        var logical = raw.Element.LogicalType?.Kind ?? LogicalTypeKind.None;
        var converted = raw.Element.ConvertedType;
        if (logical == LogicalTypeKind.List || (logical == LogicalTypeKind.None && converted == ConvertedType.List)) return List(raw, file);
        if (logical == LogicalTypeKind.Map || (logical == LogicalTypeKind.None && converted is ConvertedType.Map or ConvertedType.MapKeyValue)) return Map(raw, file);
        var children = new ParquetNode[raw.Children.Count];
        for (var i = 0; i < children.Length; i++)
        {
            var child = raw.Children[i];
            children[i] = child.IsRepeated ? Repeated(child, raw.Definition, file) : Value(child, file);
        }
        return new ParquetNode
        {
            Kind = ParquetNodeKind.Struct,
            Name = raw.Element.Name,
            Type = children.Any(c => c.Type is null) ? null : new StructType(children.Select(c => new Field(c.Name, c.Type!)).ToArray()),
            Definition = raw.Definition,
            Children = children,
        };
    }

    /// <summary>A repeated field outside a LIST/MAP group: a list that is never null, of the field's values.</summary>
    private static ParquetNode Repeated(RawNode raw, int parentDefinition, string file)
    {
        var element = RepeatedAsElement(raw, file);
        return ListNode(raw.Element.Name, parentDefinition, raw, element);
    }

    private static ParquetNode RepeatedAsElement(RawNode raw, string file)
    {
        if (raw.Leaf is { } leaf)
        {
            return new ParquetNode { Kind = ParquetNodeKind.Primitive, Name = raw.Element.Name, Type = leaf.Type, Definition = raw.Definition, Leaf = leaf, Unsupported = leaf.Unsupported };
        }
        var asValue = Value(raw with { Element = CopyAsRequired(raw.Element) }, file);
        return asValue;
    }

    private static SchemaElement CopyAsRequired(SchemaElement e) => new()
    {
        Type = e.Type,
        TypeLength = e.TypeLength,
        RepetitionType = Metadata.Repetition.Required,
        Name = e.Name,
        NumChildren = e.NumChildren,
        ConvertedType = e.ConvertedType,
        Scale = e.Scale,
        Precision = e.Precision,
        FieldId = e.FieldId,
        LogicalType = e.LogicalType,
    };

    private static ParquetNode List(RawNode raw, string file)
    {
        if (raw.Children.Count != 1 || !raw.Children[0].IsRepeated) return Invalid(raw, file, "a LIST group must hold exactly one repeated field");
        var repeated = raw.Children[0];
        ParquetNode element;
        var legacy = repeated.Leaf is not null || repeated.Children.Count > 1 || repeated.Element.Name == "array" || repeated.Element.Name == raw.Element.Name + "_tuple";
        if (legacy)
        {
            element = RepeatedAsElement(repeated, file);
        }
        else
        {
            var inner = repeated.Children[0];
            element = inner.IsRepeated ? Repeated(inner, repeated.Definition, file) : Value(inner, file);
        }
        return ListNode(raw.Element.Name, raw.Definition, repeated, element);
    }

    private static ParquetNode ListNode(string name, int definition, RawNode repeated, ParquetNode element) => new()
    {
        Kind = ParquetNodeKind.List,
        Name = name,
        Type = element.Type is null ? null : new ListType(new Field(HiveTypes.ListElementName, element.Type)),
        Definition = definition,
        ElementDefinition = repeated.Definition,
        ElementRepetition = repeated.Repetition,
        Children = [element],
    };

    private static ParquetNode Map(RawNode raw, string file)
    {
        if (raw.Children.Count != 1 || !raw.Children[0].IsRepeated || raw.Children[0].Children.Count != 2)
        {
            return Invalid(raw, file, "a MAP group must hold one repeated group of a key and a value");
        }
        var entries = raw.Children[0];
        var key = Value(entries.Children[0], file);
        var value = entries.Children[1].IsRepeated ? Repeated(entries.Children[1], entries.Definition, file) : Value(entries.Children[1], file);
        return new ParquetNode
        {
            Kind = ParquetNodeKind.Map,
            Name = raw.Element.Name,
            Type = key.Type is null || value.Type is null ? null
                : new MapType(new Field(HiveTypes.MapKeyName, key.Type, Nullable: false), new Field(HiveTypes.MapValueName, value.Type)),
            Definition = raw.Definition,
            ElementDefinition = entries.Definition,
            ElementRepetition = entries.Repetition,
            Children = [key, value],
        };
    }

    private static ParquetNode Invalid(RawNode raw, string file, string why) =>
        throw new CorruptDataException(file, 0, $"invalid Parquet schema: column '{raw.Element.Name}': {why}");
}
