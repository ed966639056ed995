using QueryEngine.Engine.Columnar;
using QueryEngine.Engine.Common;
using QueryEngine.Engine.Formats.Parquet.Metadata;

namespace QueryEngine.Engine.Formats.Parquet.Reading;

/// <summary>
/// The tree of a file's flattened (depth-first) schema: its leaves in column-chunk order and its top-level fields
/// with their engine types.
/// </summary>
internal sealed class ParquetSchema
{
    private const int MaxDepth = 64;

    private ParquetSchema(IReadOnlyList<ParquetLeaf> leaves, IReadOnlyList<ParquetField> fields)
    {
        Leaves = leaves;
        Fields = fields;
    }

    public IReadOnlyList<ParquetLeaf> Leaves { get; }

    public IReadOnlyList<ParquetField> Fields { get; }

    /// <summary>Index of the top-level field with this name (case-insensitive, exact case first), or -1.</summary>
    public int IndexOf(string name)
    {
        for (var i = 0; i < Fields.Count; i++)
        {
            if (string.Equals(Fields[i].Name, name, StringComparison.Ordinal)) return i;
        }
        for (var i = 0; i < Fields.Count; i++)
        {
            if (string.Equals(Fields[i].Name, name, StringComparison.OrdinalIgnoreCase)) return i;
        }
        return -1;
    }

    /// <summary>Builds the tree; a malformed schema list is corrupt data naming <paramref name="file"/>.</summary>
    public static ParquetSchema Build(IReadOnlyList<SchemaElement> elements, string file)
    {
        if (elements.Count == 0) throw Corrupt(file, "the footer has an empty schema");
        var root = elements[0];
        if (root.NumChildren < 0 || root.NumChildren > elements.Count - 1) throw Corrupt(file, $"the schema root declares {root.NumChildren} children");
        var leaves = new List<ParquetLeaf>();
        var fields = new List<ParquetField>(root.NumChildren);
        var pos = 1;
        for (var i = 0; i < root.NumChildren; i++)
        {
            if (pos >= elements.Count) throw Corrupt(file, "the schema ends before all of the root's children");
            var raw = Walk(elements, ref pos, 0, 0, elements[pos].Name, leaves, file, 1);
            var node = ParquetNodes.Interpret(raw, file);
            var unsupported = ParquetNodes.FirstUnsupported(node);
            fields.Add(new ParquetField(node.Name, unsupported is null ? node.Type! : DataType.Null, node, unsupported));
        }
        if (pos != elements.Count) throw Corrupt(file, $"the schema has {elements.Count - pos} elements outside the root");
        return new ParquetSchema(leaves, fields);
    }

    private static RawNode Walk(IReadOnlyList<SchemaElement> elements, ref int pos, int definition, int repetition, string path, List<ParquetLeaf> leaves, string file, int depth)
    {
        if (depth > MaxDepth) throw Corrupt(file, $"the schema nests deeper than {MaxDepth} levels");
        var element = elements[pos++];
        var repetitionType = element.RepetitionType ?? Repetition.Optional;
        if (repetitionType != Repetition.Required) definition++;
        if (repetitionType == Repetition.Repeated) repetition++;
        if (element.NumChildren > 0 || element.Type is null)
        {
            if (element.NumChildren <= 0 || element.NumChildren > elements.Count - pos) throw Corrupt(file, $"schema element '{element.Name}' declares {element.NumChildren} children");
            var children = new RawNode[element.NumChildren];
            for (var i = 0; i < children.Length; i++)
            {
                children[i] = Walk(elements, ref pos, definition, repetition, path + "." + elements[pos].Name, leaves, file, depth + 1);
            }
            return new RawNode(element, definition, repetition, children, null);
        }
        var physical = element.Type.Value;
        if (physical is < PhysicalType.Boolean or > PhysicalType.FixedLenByteArray) throw Corrupt(file, $"column '{path}' has unknown physical type {(int)physical}");
        if (physical == PhysicalType.FixedLenByteArray && element.TypeLength <= 0) throw Corrupt(file, $"column '{path}' is FIXED_LEN_BYTE_ARRAY of length {element.TypeLength}");
        var (type, kind, unsupported) = ParquetTypeMapper.Map(element, path);
        var leaf = new ParquetLeaf(leaves.Count, path, element, physical, element.TypeLength, definition, repetition, type, kind, unsupported);
        leaves.Add(leaf);
        return new RawNode(element, definition, repetition, [], leaf);
    }

    private static CorruptDataException Corrupt(string file, string message) => new(file, 0, "invalid Parquet schema: " + message);
}
