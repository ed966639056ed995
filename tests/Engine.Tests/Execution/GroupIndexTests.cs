using QueryEngine.Engine.Columnar;
using QueryEngine.Engine.Execution.Operators.Aggregate;
using Xunit;
using static QueryEngine.Engine.Tests.Execution.TestData;

namespace QueryEngine.Engine.Tests.Execution;

/// <summary>The group indexes of hash aggregation: dense ids, equal keys sharing a group, NULL keys, growth, merges.</summary>
public sealed class GroupIndexTests
{
    private static int[] Groups(GroupIndex index, RecordBatch batch) => index.FindOrInsert(batch.Columns, batch.RowCount);

    /// <summary>Key tuples rendered per group id from the index's decoded keys.</summary>
    private static string[] Decoded(GroupIndex index)
    {
        var keys = index.DecodeKeys();
        var result = new string[index.GroupCount];
        for (var g = 0; g < result.Length; g++) result[g] = string.Join("|", keys.Select(k => k.GetValue(g)?.ToString() ?? "NULL"));
        return result;
    }

    [Fact]
    public void LongKeyMapKeepsIdsThroughGrowthAndFindsOnlyStoredKeys()
    {
        var map = new LongKeyMap(4);
        const int keys = 100_000;
        for (var i = 0; i < keys; i++) Assert.Equal(i, map.GetOrAdd(i * 7919L - 50_000, i));
        Assert.Equal(keys, map.Count);
        for (var i = 0; i < keys; i++) Assert.Equal(i, map.GetOrAdd(i * 7919L - 50_000, -5));
        Assert.True(map.TryGet(3 * 7919L - 50_000, out var three));
        Assert.Equal(3, three);
        Assert.False(map.TryGet(1, out _));
        Assert.False(map.TryGet(long.MinValue, out _));
        Assert.Equal(keys, map.GetOrAdd(long.MinValue, keys));
        Assert.Equal(keys + 1, map.GetOrAdd(0, keys + 1));
        Assert.Equal(keys + 2, map.Count);
    }

    [Fact]
    public void IntegerIndexReusesRunsAndKeepsNullApartFromZero()
    {
        var schema = Schema(("k", DataType.Int64));
        var index = GroupIndex.Create([DataType.Int64]);
        var batch = Batch(schema, [5L], [5L], [null], [5L], [0L], [0L], [null], [7L], [5L]);
        Assert.Equal([0, 0, 1, 0, 2, 2, 1, 3, 0], Groups(index, batch));
        Assert.Equal(["5", "NULL", "0", "7"], Decoded(index));
        // A new batch starting with the last key of the previous one still finds its group.
        Assert.Equal([0, 3, 4], Groups(index, Batch(schema, [5L], [7L], [-1L])));
    }

    [Fact]
    public void IntegerIndexGrowsToManyGroupsAndMerges()
    {
        var schema = Schema(("k", DataType.Int32));
        var left = GroupIndex.Create([DataType.Int32]);
        var right = GroupIndex.Create([DataType.Int32]);
        const int n = 50_000;
        var rows = new object?[n][];
        for (var i = 0; i < n; i++) rows[i] = [i * 3];
        Assert.Equal(Enumerable.Range(0, n), Groups(left, Batch(schema, rows)));
        var other = new object?[n][];
        for (var i = 0; i < n; i++) other[i] = [i % 2 == 0 ? (object?)(i * 3) : null];
        Groups(right, Batch(schema, other));
        var map = left.Merge(right);
        Assert.Equal(n + 1, left.GroupCount);
        Assert.Equal(0, map[0]);
        Assert.Equal(n, map[1]);
        Assert.Equal(2, map[2]);
        Assert.Equal(4, map[3]); // right group 3 is key 12 (row 4): its NULL rows all share group 1
        Assert.Equal(["0", "3", "6"], Decoded(left)[..3]);
        Assert.Equal("NULL", Decoded(left)[n]);
    }

    [Fact]
    public void PackedStringKeysGiveTheSameGroupsAsBatchesThatDoNotPack()
    {
        var schema = Schema(("a", DataType.Utf8), ("b", DataType.Utf8));
        var index = GroupIndex.Create([DataType.Utf8, DataType.Utf8]);
        // Two utf8 columns pack 3 bytes each: "a"+"bc" and "ab"+"c" must stay apart, as must "" and NULL.
        var packable = Batch(schema, ["a", "bc"], ["ab", "c"], ["", "x"], [null, "x"], ["a", "bc"], ["é", null], ["", ""]);
        Assert.Equal([0, 1, 2, 3, 0, 4, 5], Groups(index, packable));
        // A value longer than its packed range makes the batch take the byte-encoded path; ids must agree.
        var wide = Batch(schema, ["a", "bc"], ["long value", "x"], [null, "x"], ["é", null], ["ab", "c"]);
        Assert.Equal([0, 6, 3, 4, 1], Groups(index, wide));
        Assert.Equal([6, 2, 1], Groups(index, Batch(schema, ["long value", "x"], ["", "x"], ["ab", "c"])));
        Assert.Equal(["a|bc", "ab|c", "|x", "NULL|x", "é|NULL", "|", "long value|x"], Decoded(index));
    }

    [Fact]
    public void PackedMixedKeysSeparateNullFromZeroAndFalse()
    {
        var schema = Schema(("f", DataType.Boolean), ("s", DataType.Int16), ("t", DataType.Utf8));
        var index = GroupIndex.Create([DataType.Boolean, DataType.Int16, DataType.Utf8]);
        var batch = Batch(schema,
            [false, (short)0, "r"], [null, (short)0, "r"], [false, null, "r"], [true, (short)-1, "r"], [false, (short)0, "r"],
            [true, (short)255, "r"], [true, (short)-1, "rr"]);
        Assert.Equal([0, 1, 2, 3, 0, 4, 5], Groups(index, batch));
        Assert.Equal(["False|0|r", "NULL|0|r", "False|NULL|r", "True|-1|r", "True|255|r", "True|-1|rr"], Decoded(index));
    }

    [Fact]
    public void PackedKeysResolveManyGroupsAcrossGrowth()
    {
        var schema = Schema(("d", DataType.Date32), ("c", DataType.Utf8));
        var index = GroupIndex.Create([DataType.Date32, DataType.Utf8]);
        const int n = 20_000;
        var rows = new object?[n * 2][];
        for (var i = 0; i < n; i++)
        {
            rows[i] = [i - 10_000, i % 2 == 0 ? "x" : "y"];
            rows[n + i] = [i - 10_000, i % 2 == 0 ? "x" : "y"];
        }
        var ids = Groups(index, Batch(schema, rows));
        Assert.Equal(n, index.GroupCount);
        for (var i = 0; i < n; i++)
        {
            Assert.Equal(i, ids[i]);
            Assert.Equal(i, ids[n + i]);
        }
    }

    [Theory]
    [InlineData(new[] { TypeId.Utf8, TypeId.Utf8 }, true)]
    [InlineData(new[] { TypeId.Utf8, TypeId.Utf8, TypeId.Utf8, TypeId.Utf8 }, true)]
    [InlineData(new[] { TypeId.Utf8, TypeId.Utf8, TypeId.Utf8, TypeId.Utf8, TypeId.Utf8 }, false)]
    [InlineData(new[] { TypeId.Int32, TypeId.Utf8 }, true)]
    [InlineData(new[] { TypeId.Int32, TypeId.Int32 }, false)]
    [InlineData(new[] { TypeId.Int64, TypeId.Boolean }, false)]
    [InlineData(new[] { TypeId.Int16, TypeId.Boolean, TypeId.Utf8 }, true)]
    public void LayoutPacksOnlyKeysThatShareSixtyFourBits(TypeId[] types, bool packs)
    {
        var dataTypes = types.Select(t => t switch
        {
            TypeId.Utf8 => DataType.Utf8,
            TypeId.Int16 => DataType.Int16,
            TypeId.Int32 => DataType.Int32,
            TypeId.Int64 => DataType.Int64,
            _ => DataType.Boolean,
        }).ToArray();
        Assert.Equal(packs, PackedKeyLayout.TryCreate(dataTypes) is not null);
    }
}
