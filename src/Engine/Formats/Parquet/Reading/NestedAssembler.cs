using QueryEngine.Engine.Columnar;
using QueryEngine.Engine.Common;

namespace QueryEngine.Engine.Formats.Parquet.Reading;

/// <summary>
/// Assembles a nested top-level field (structs, lists, maps at any depth) of one row group from the definition
/// and repetition levels of its leaves. A node's instances ("slots") are ranges of level entries of one of its
/// leaves: the rows are split where the repetition level is 0, a list's or map's slots split into element slots
/// where it falls to the repeated group's level, and definition levels tell null from empty from present.
/// </summary>
internal sealed class NestedAssembler(IReadOnlyList<DecodedChunk?> chunks, string source)
{
    public ArrowArray Build(ParquetNode top, int rows)
    {
        var slots = SlotsFor(top, top.FirstLeaf);
        if (slots.Count != rows) throw Corrupt(top, $"{slots.Count} records for {rows} rows");
        return Build(top, slots, top.FirstLeaf);
    }

    private DecodedChunk Chunk(ParquetLeaf leaf) => chunks[leaf.Index] ?? throw new InternalException($"leaf {leaf.Path} was not decoded");

    private static int Def(DecodedChunk chunk, int entry) => chunk.Definitions is { } d ? d[entry] : chunk.MaxDefinition;

    private static int Rep(DecodedChunk chunk, int entry) => chunk.Repetitions is { } r ? r[entry] : 0;

    /// <summary>The slots of <paramref name="node"/> in the entries of <paramref name="leaf"/> (a leaf under it).</summary>
    private Slots SlotsFor(ParquetNode node, ParquetLeaf leaf)
    {
        var chunk = Chunk(leaf);
        if (node.Parent is not { } parent)
        {
            var slots = new Slots();
            var entries = chunk.Entries;
            var start = 0;
            for (var i = 1; i <= entries; i++)
            {
                if (i == entries || Rep(chunk, i) == 0)
                {
                    slots.Add(start, i);
                    start = i;
                }
            }
            return slots;
        }
        var above = SlotsFor(parent, leaf);
        return parent.Kind is ParquetNodeKind.List or ParquetNodeKind.Map ? Elements(parent, above, chunk) : above;
    }

    private static Slots Elements(ParquetNode list, Slots slots, DecodedChunk chunk)
    {
        var result = new Slots();
        for (var i = 0; i < slots.Count; i++)
        {
            var (s, e) = slots[i];
            if (Def(chunk, s) < list.ElementDefinition) continue;
            var start = s;
            for (var k = s + 1; k < e; k++)
            {
                if (Rep(chunk, k) <= list.ElementRepetition)
                {
                    result.Add(start, k);
                    start = k;
                }
            }
            result.Add(start, e);
        }
        return result;
    }

    private ArrowArray Build(ParquetNode node, Slots slots, ParquetLeaf leaf)
    {
        var chunk = Chunk(leaf);
        switch (node.Kind)
        {
            case ParquetNodeKind.Primitive:
                {
                    var valueLeaf = node.Leaf!;
                    var max = valueLeaf.MaxDefinition;
                    var indices = new int[slots.Count];
                    var entry = 0;
                    var value = 0;
                    for (var i = 0; i < slots.Count; i++)
                    {
                        var (s, e) = slots[i];
                        if (e != s + 1) throw Corrupt(node, "a value spans several level entries");
                        for (; entry < s; entry++) value += Def(chunk, entry) == max ? 1 : 0;
                        indices[i] = Def(chunk, s) == max ? value : -1;
                    }
                    var dense = new DecodedChunk(chunk.Values.Count, null, 0, chunk.Values);
                    var all = new ColumnAssembler(dense, valueLeaf, source).Next(chunk.Values.Count);
                    return all.Take(indices);
                }
            case ParquetNodeKind.Struct:
                {
                    var validity = Validity(slots, chunk, node.Definition, out var nulls);
                    var children = new ArrowArray[node.Children.Count];
                    for (var c = 0; c < children.Length; c++)
                    {
                        var child = node.Children[c];
                        var childSlots = SlotsFor(child, child.FirstLeaf);
                        if (childSlots.Count != slots.Count) throw Corrupt(child, $"{childSlots.Count} values for {slots.Count} structs");
                        children[c] = Build(child, childSlots, child.FirstLeaf);
                    }
                    return new StructArray((StructType)node.Type!, children, slots.Count, nulls > 0 ? validity : null);
                }
            case ParquetNodeKind.List:
            case ParquetNodeKind.Map:
                {
                    var validity = Validity(slots, chunk, node.Definition, out var nulls);
                    var offsets = new int[slots.Count + 1];
                    for (var i = 0; i < slots.Count; i++)
                    {
                        var (s, e) = slots[i];
                        var n = 0;
                        if (Def(chunk, s) >= node.ElementDefinition)
                        {
                            n = 1;
                            for (var k = s + 1; k < e; k++) n += Rep(chunk, k) <= node.ElementRepetition ? 1 : 0;
                        }
                        offsets[i + 1] = offsets[i] + n;
                    }
                    var elements = new ArrowArray[node.Children.Count];
                    for (var c = 0; c < elements.Length; c++)
                    {
                        var child = node.Children[c];
                        var childSlots = SlotsFor(child, child.FirstLeaf);
                        if (childSlots.Count != offsets[^1]) throw Corrupt(child, $"{childSlots.Count} elements where the list levels announce {offsets[^1]}");
                        elements[c] = Build(child, childSlots, child.FirstLeaf);
                    }
                    var bits = nulls > 0 ? validity : null;
                    return node.Kind == ParquetNodeKind.List
                        ? new ListArray((ListType)node.Type!, offsets, elements[0], slots.Count, bits)
                        : new MapArray((MapType)node.Type!, offsets, elements[0], elements[1], slots.Count, bits);
                }
            default:
                throw new InternalException($"unknown node kind {node.Kind}");
        }
    }

    private static byte[] Validity(Slots slots, DecodedChunk chunk, int definition, out int nulls)
    {
        var bits = new byte[Bitmap.BytesFor(slots.Count)];
        nulls = 0;
        for (var i = 0; i < slots.Count; i++)
        {
            if (Def(chunk, slots[i].Start) >= definition) Bitmap.Set(bits, i);
            else nulls++;
        }
        return bits;
    }

    private CorruptDataException Corrupt(ParquetNode node, string message) => new(source, 0, $"nested column '{node.Name}': {message}");

    /// <summary>Entry ranges [Start, End), growable.</summary>
    private sealed class Slots
    {
        private int[] _starts = new int[64];
        private int[] _ends = new int[64];

        public int Count { get; private set; }

        public (int Start, int End) this[int index] => (_starts[index], _ends[index]);

        public void Add(int start, int end)
        {
            if (Count == _starts.Length)
            {
                Array.Resize(ref _starts, Count * 2);
                Array.Resize(ref _ends, Count * 2);
            }
            _starts[Count] = start;
            _ends[Count] = end;
            Count++;
        }
    }
}
