using Xunit;
using QueryEngine.Engine.Columnar;
using QueryEngine.Engine.Common;
using QueryEngine.Engine.Formats.Parquet.Writing;

namespace QueryEngine.Engine.Tests.Formats.Parquet;

/// <summary>
/// The writer's shredding of nested values into repetition and definition levels, checked against the levels the
/// Parquet format defines (Dremel's striping) for small hand-made values, and the values it refuses.
/// </summary>
public sealed class ParquetNestedShreddingTests
{
    /// <summary>
    /// <c>optional group ints (LIST) { repeated group list { optional int32 element; } }</c>: definition 0 = NULL list,
    /// 1 = empty list, 2 = NULL element, 3 = value; repetition 1 = another element of the same list.
    /// </summary>
    [Fact]
    public void ListOfNullableIntegersGetsTheFormatsLevels()
    {
        var type = new ListType(new Field("item", DataType.Int32));
        // [1, 2], [], NULL, [NULL, 3]
        var elements = new PrimitiveArray<int>(DataType.Int32, [1, 2, 0, 3], Bitmap(true, true, false, true));
        var lists = new ListArray(type, [0, 2, 2, 2, 4], elements, 4, Bitmap(true, true, false, true));
        var leaf = WriterSchema.Build(new Schema([new Field("ints", type)])).Leaves.Single();
        Assert.Equal(new[] { "ints", "list", "element" }, leaf.Path.ToArray());
        Assert.Equal((3, 1), (leaf.MaxDefinition, leaf.MaxRepetition));

        var shredded = NestedValueGatherer.Gather(leaf, [lists]);
        Assert.Equal(new[] { 3, 3, 1, 0, 2, 3 }, shredded.Definitions!.AsSpan(0, shredded.Levels).ToArray());
        Assert.Equal(new[] { 0, 1, 0, 0, 0, 1 }, shredded.Repetitions!.AsSpan(0, shredded.Levels).ToArray());
        Assert.Equal(new[] { 0, 2, 3, 4, 6 }, Enumerable.Range(0, 5).Select(shredded.LevelStart).ToArray());
        Assert.Equal(3, shredded.Values.Count);
        Assert.Equal(new[] { 1, 2, 3 }, Enumerable.Range(0, 3).Select(i => BitConverter.ToInt32(shredded.Values.Data, i * 4)).ToArray());
    }

    /// <summary>
    /// A map of string to list of bigint: the value leaf is
    /// <c>m.key_value.value.list.element</c> with definition 1 = empty map, 2 = NULL value, 3 = empty list,
    /// 4 = NULL element, 5 = value; repetition 1 = next entry, 2 = next element of the same list.
    /// </summary>
    [Fact]
    public void MapOfListsGetsTheFormatsLevels()
    {
        var listType = new ListType(new Field("item", DataType.Int64));
        var mapType = new MapType(new Field("key", DataType.Utf8, Nullable: false), new Field("value", listType));
        // row 0: {a=[7, NULL], b=NULL}; row 1: {}; row 2: {c=[]}
        var items = new PrimitiveArray<long>(DataType.Int64, [7, 0], Bitmap(true, false));
        var values = new ListArray(listType, [0, 2, 2, 2], items, 3, Bitmap(true, false, true));
        var keys = new BinaryArray(DataType.Utf8, [0, 1, 2, 3], "abc"u8.ToArray(), 3);
        var map = new MapArray(mapType, [0, 2, 2, 3], keys, values, 3);
        var layout = WriterSchema.Build(new Schema([new Field("m", mapType)]));
        Assert.Equal(2, layout.Leaves.Count);
        var (key, value) = (layout.Leaves[0], layout.Leaves[1]);
        Assert.Equal(new[] { "m", "key_value", "key" }, key.Path.ToArray());
        Assert.Equal(new[] { "m", "key_value", "value", "list", "element" }, value.Path.ToArray());
        Assert.Equal((2, 1), (key.MaxDefinition, key.MaxRepetition));
        Assert.Equal((5, 2), (value.MaxDefinition, value.MaxRepetition));

        var keyLevels = NestedValueGatherer.Gather(key, [map]);
        Assert.Equal(new[] { 2, 2, 1, 2 }, keyLevels.Definitions!.AsSpan(0, keyLevels.Levels).ToArray());
        Assert.Equal(new[] { 0, 1, 0, 0 }, keyLevels.Repetitions!.AsSpan(0, keyLevels.Levels).ToArray());

        var valueLevels = NestedValueGatherer.Gather(value, [map]);
        Assert.Equal(new[] { 5, 4, 2, 1, 3 }, valueLevels.Definitions!.AsSpan(0, valueLevels.Levels).ToArray());
        Assert.Equal(new[] { 0, 2, 1, 0, 0 }, valueLevels.Repetitions!.AsSpan(0, valueLevels.Levels).ToArray());
        Assert.Equal(new[] { 0, 3, 4, 5 }, Enumerable.Range(0, 4).Select(valueLevels.LevelStart).ToArray());
    }

    [Fact]
    public void NullInARequiredFieldIsRefusedNamingItsPath()
    {
        var rowType = new StructType([new Field("a", DataType.Int32, Nullable: false)]);
        var child = new PrimitiveArray<int>(DataType.Int32, [1, 0], Bitmap(true, false));
        var rows = new StructArray(rowType, [child], 2);
        using var stream = new MemoryStream();
        var writer = new ParquetWriter(stream, new Schema([new Field("s", rowType)]));
        writer.Write(new RecordBatch(writer.Schema, [rows], 2));
        var error = Assert.Throws<ExecutionException>(writer.Finish);
        Assert.Contains("column s.a", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RowFieldsWithoutNamesOrWithTheSameNameAreRefused()
    {
        var unnamed = new Schema([new Field("r", new StructType([new Field("", DataType.Int32)]))]);
        Assert.Contains("column r: every row field needs a name", Assert.Throws<NotSupportedQueryException>(() => new ParquetWriter(new MemoryStream(), unnamed)).Message, StringComparison.Ordinal);
        var twice = new Schema([new Field("r", new StructType([new Field("x", DataType.Int32), new Field("X", DataType.Int64)]))]);
        Assert.Contains("two fields named 'X'", Assert.Throws<NotSupportedQueryException>(() => new ParquetWriter(new MemoryStream(), twice)).Message, StringComparison.Ordinal);
    }

    private static byte[] Bitmap(params bool[] valid)
    {
        var bits = new byte[(valid.Length + 7) / 8];
        for (var i = 0; i < valid.Length; i++)
        {
            if (valid[i]) bits[i >> 3] |= (byte)(1 << (i & 7));
        }
        return bits;
    }
}
