using QueryEngine.Engine.Columnar;
using QueryEngine.Engine.Execution;
using QueryEngine.Engine.Execution.Memory;
using QueryEngine.Engine.Execution.Operators.Aggregate;
using QueryEngine.Engine.Execution.Operators.Scan;
using QueryEngine.Engine.Execution.Plan;
using QueryEngine.Engine.Expressions;
using QueryEngine.Engine.Planning;
using Xunit;
using ExecutionContext = QueryEngine.Engine.Execution.ExecutionContext;
using static QueryEngine.Engine.Tests.Execution.TestData;

namespace QueryEngine.Engine.Tests.Execution;

/// <summary>
/// GROUP BY over dictionary-encoded string keys: the group table groups rows by their dictionary codes, and must give
/// exactly the groups the same keys give flat, whatever the dictionaries (changing between batches, holding the same
/// strings in another order, unused entries), NULLs, mixed encoded and plain keys, parallel workers and spilling.
/// </summary>
public sealed class DictionaryGroupKeyTests : IDisposable
{
    private readonly string _spillRoot = Path.Combine(Path.GetTempPath(), "qe-dict-group-tests-" + Guid.NewGuid().ToString("N"));

    public DictionaryGroupKeyTests() => Directory.CreateDirectory(_spillRoot);

    public void Dispose() => Directory.Delete(_spillRoot, recursive: true);

    private static BinaryArray Strings(params string[] values)
    {
        var builder = ArrayBuilder.Create(DataType.Utf8);
        foreach (var v in values) builder.AppendValue(v);
        return (BinaryArray)builder.Build();
    }

    /// <summary>The values encoded over <paramref name="dictionary"/> (null values get a cleared validity bit and index 0).</summary>
    private static DictionaryArray Encode(BinaryArray dictionary, params string?[] values)
    {
        var indices = new int[values.Length];
        byte[]? validity = null;
        for (var i = 0; i < values.Length; i++)
        {
            if (values[i] is null)
            {
                validity ??= Bitmap.AllSet(values.Length);
                Bitmap.Clear(validity, i);
                continue;
            }
            var found = -1;
            for (var j = 0; j < dictionary.Length; j++)
            {
                if ((string?)dictionary.GetValue(j) == values[i]) found = j;
            }
            Assert.True(found >= 0, $"{values[i]} is not in the dictionary");
            indices[i] = found;
        }
        return new DictionaryArray(dictionary, indices, values.Length, validity);
    }

    private static string[] Decoded(GroupIndex index)
    {
        var keys = index.DecodeKeys();
        var result = new string[index.GroupCount];
        for (var g = 0; g < result.Length; g++) result[g] = string.Join("|", keys.Select(k => k.GetValue(g)?.ToString() ?? "NULL"));
        return result;
    }

    /// <summary>Each row's key tuple, read through the group ids the index gave it.</summary>
    private static string[] KeysOfRows(GroupIndex index, IReadOnlyList<int[]> ids)
    {
        var decoded = Decoded(index);
        return [.. ids.SelectMany(batch => batch.Select(id => decoded[id]))];
    }

    [Fact]
    public void EncodedKeysGroupByValueAcrossChangingDictionariesAndNulls()
    {
        var first = Strings("A", "N", "R", "unused");
        var second = Strings("R", "A");
        var flags = Strings("F", "O");
        var flagsAgain = Strings("O", "F");
        var index = GroupIndex.Create([DataType.Utf8, DataType.Utf8]);
        var ids = new List<int[]>
        {
            index.FindOrInsert([Encode(first, "A", "N", null, "A", "R"), Encode(flags, "F", "O", "F", "F", null)], 5),
            // Same strings, other dictionaries (another row group): the same groups.
            index.FindOrInsert([Encode(second, "A", "R", null, "R"), Encode(flagsAgain, "F", null, "F", "O")], 4),
            // Flat keys in between.
            index.FindOrInsert([Strings("N", "A"), Strings("O", "F")], 2),
            // Back to the first dictionaries.
            index.FindOrInsert([Encode(first, "R", "N"), Encode(flags, "F", "O")], 2),
        };
        Assert.Equal(["A|F", "N|O", "NULL|F", "R|NULL"], Decoded(index).Take(4));
        Assert.Equal(
            ["A|F", "N|O", "NULL|F", "A|F", "R|NULL", "A|F", "R|NULL", "NULL|F", "R|O", "N|O", "A|F", "R|F", "N|O"],
            KeysOfRows(index, ids));
        Assert.Equal(6, index.GroupCount);
        Assert.Equal(["A|F", "N|O", "NULL|F", "R|NULL", "R|O", "R|F"], Decoded(index));

        // Existing-group lookups (a frozen, spilling table) accept encoded keys too and insert nothing.
        Assert.Equal([5, -1, 2], index.Find([Encode(second, "R", "A", null), Encode(flags, "F", "O", "F")], 3));
        Assert.Equal(6, index.GroupCount);
    }

    [Fact]
    public void MixedEncodedAndPlainKeysAndHugeDictionariesMatchFlatGrouping()
    {
        var names = Strings([.. Enumerable.Range(0, 300).Select(i => "name" + i)]);
        var huge = Strings([.. Enumerable.Range(0, 70_000).Select(i => "v" + i)]);
        var random = new Random(11);
        var encodedIndex = GroupIndex.Create([DataType.Utf8, DataType.Int32, DataType.Utf8]);
        var flatIndex = GroupIndex.Create([DataType.Utf8, DataType.Int32, DataType.Utf8]);
        var encodedIds = new List<int[]>();
        var flatIds = new List<int[]>();
        for (var b = 0; b < 6; b++)
        {
            const int rows = 500;
            var name = new string?[rows];
            var number = ArrayBuilder.Create(DataType.Int32);
            var big = new string?[rows];
            for (var i = 0; i < rows; i++)
            {
                name[i] = random.Next(10) == 0 ? null : "name" + random.Next(300);
                number.AppendValue(random.Next(5) == 0 ? null : random.Next(3));
                big[i] = "v" + random.Next(70_000 / (b + 1));
            }
            var numbers = number.Build();
            // An encoded column beside plain ones (materialized); from batch 3 on, the third key is encoded over a
            // 70,000-entry dictionary. Each batch is compared with the flat grouping.
            ArrowArray[] keys = b < 3
                ? [Encode(names, name), numbers, Strings([.. big.Select(v => v!)])]
                : [Encode(names, name), numbers, Encode(huge, big)];
            encodedIds.Add(encodedIndex.FindOrInsert(keys, rows));
            flatIds.Add(flatIndex.FindOrInsert([DictionaryArray.Flat(keys[0]), numbers, DictionaryArray.Flat(keys[2])], rows));
        }
        Assert.Equal(flatIndex.GroupCount, encodedIndex.GroupCount);
        Assert.Equal(KeysOfRows(flatIndex, flatIds), KeysOfRows(encodedIndex, encodedIds));
    }

    [Fact]
    public void AllEncodedKeysWithTooManyCombinationsFallBackToFlatGrouping()
    {
        var huge = Strings([.. Enumerable.Range(0, DictionaryKeyCodes.MaxCodes).Select(i => "v" + i)]);
        var small = Strings("x", "y");
        var index = GroupIndex.Create([DataType.Utf8, DataType.Utf8]);
        var ids = index.FindOrInsert([Encode(huge, "v1", "v16383", "v1", null), Encode(small, "x", "y", "x", "y")], 4);
        Assert.Equal([0, 1, 0, 2], ids);
        Assert.Equal(["v1|x", "v16383|y", "NULL|y"], Decoded(index));
    }

    private static readonly Schema Lines = Schema(("flag", DataType.Utf8), ("status", DataType.Utf8), ("qty", DataType.Int64), ("note", DataType.Utf8));

    /// <summary>
    /// Batches of <see cref="Lines"/> with flag, status and note dictionary-encoded; every fourth batch starts a new
    /// dictionary (like a new row group) listing the values in another order, with an unused entry.
    /// </summary>
    private static RecordBatch[] EncodedLines(int batches, int rowsPerBatch, int flags, bool flat)
    {
        var random = new Random(3);
        var result = new RecordBatch[batches];
        BinaryArray flagDictionary = Strings("?"), statusDictionary = Strings("?"), noteDictionary = Strings("?");
        for (var b = 0; b < batches; b++)
        {
            if (b % 4 == 0)
            {
                var order = Enumerable.Range(0, flags).OrderBy(_ => random.Next()).ToArray();
                flagDictionary = Strings([.. order.Select(i => "flag" + i), "never"]);
                statusDictionary = random.Next(2) == 0 ? Strings("F", "O", "P") : Strings("P", "O", "F");
                noteDictionary = Strings("quick", "slow");
            }
            var flag = new string?[rowsPerBatch];
            var status = new string?[rowsPerBatch];
            var note = new string?[rowsPerBatch];
            var qty = ArrayBuilder.Create(DataType.Int64);
            for (var i = 0; i < rowsPerBatch; i++)
            {
                flag[i] = random.Next(17) == 0 ? null : "flag" + random.Next(flags);
                status[i] = random.Next(23) == 0 ? null : random.Next(3) switch { 0 => "F", 1 => "O", _ => "P" };
                note[i] = random.Next(2) == 0 ? "quick" : "slow";
                qty.AppendValue(random.Next(9) == 0 ? null : (long)random.Next(1, 50));
            }
            ArrowArray[] columns = [Encode(flagDictionary, flag), Encode(statusDictionary, status), qty.Build(), Encode(noteDictionary, note)];
            if (flat)
            {
                for (var c = 0; c < columns.Length; c++) columns[c] = DictionaryArray.Flat(columns[c]);
            }
            result[b] = new RecordBatch(Lines, columns, rowsPerBatch);
        }
        return result;
    }

    private static AggregateCall Call(AggregateFunction function, DataType type, params PhysicalExpr[] args) => new(function, args, false, null, type);

    /// <summary>
    /// GROUP BY flag, status over a filter on qty and a projection passing the keys on, computing count(*), sum(qty)
    /// and max(note) (note is encoded too, but an aggregate argument: it must arrive flat), planned the way the
    /// physical planner plans it.
    /// </summary>
    private static HashAggregateExec Plan(RecordBatch[] data, int tasks)
    {
        var scan = Scan(data, Lines, tasks);
        var filter = new FilterExec(scan, new BinaryExpr(BinaryOp.Greater, Col(Lines, 2), Lit(3), DataType.Boolean));
        var projected = Schema(("status", DataType.Utf8), ("flag", DataType.Utf8), ("qty", DataType.Int64), ("note", DataType.Utf8));
        var project = new ProjectExec(filter, [Col(Lines, 1), Col(Lines, 0), Col(Lines, 2), Col(Lines, 3)], projected);
        var calls = new[]
        {
            Call(AggregateFunction.CountStar, DataType.Int64),
            Call(AggregateFunction.Sum, DataType.Int64, Col(projected, 2)),
            Call(AggregateFunction.Max, DataType.Utf8, Col(projected, 3)),
        };
        var output = Schema(("flag", DataType.Utf8), ("status", DataType.Utf8), ("rows", DataType.Int64), ("qty", DataType.Int64), ("note", DataType.Utf8));
        return DictionaryKeyPlacement.Apply(new HashAggregateExec(project, [Col(projected, 1), Col(projected, 0)], calls, output));
    }

    private static ScanExec ScanOf(PhysicalPlan plan) => plan as ScanExec ?? ScanOf(plan.Children[0]);

    [Fact]
    public void PlacementMarksOnlyKeysThatPassThroughUntouched()
    {
        var data = EncodedLines(1, 4, 3, flat: false);
        Assert.Equal([0, 1], ScanOf(Plan(data, 1)).EncodedColumns);

        var scan = Scan(data, Lines);
        var output = Schema(("flag", DataType.Utf8), ("n", DataType.Int64));
        // The key is also an aggregate argument, or also read by the filter above the scan: it stays flat.
        var keyAlsoArgument = new HashAggregateExec(scan, [Col(Lines, 0)], [Call(AggregateFunction.Max, DataType.Utf8, Col(Lines, 0))], Schema(("flag", DataType.Utf8), ("m", DataType.Utf8)));
        Assert.Empty(ScanOf(DictionaryKeyPlacement.Apply(keyAlsoArgument)).EncodedColumns);
        var filtered = new FilterExec(scan, new BinaryExpr(BinaryOp.Equal, Col(Lines, 0), Lit("flag1"), DataType.Boolean));
        var keyFiltered = new HashAggregateExec(filtered, [Col(Lines, 0)], [Call(AggregateFunction.CountStar, DataType.Int64)], output);
        Assert.Empty(ScanOf(DictionaryKeyPlacement.Apply(keyFiltered)).EncodedColumns);
        // A projection computing something from the key as well as passing it on: flat.
        var projected = Schema(("flag", DataType.Utf8), ("upper", DataType.Utf8));
        var project = new ProjectExec(scan, [Col(Lines, 0), new ScalarFunctionExpr("upper", [Col(Lines, 0)], DataType.Utf8)], projected);
        var keyComputedOn = new HashAggregateExec(project, [Col(projected, 0), Col(projected, 1)], [], projected);
        Assert.Empty(ScanOf(DictionaryKeyPlacement.Apply(keyComputedOn)).EncodedColumns);
        // A scan filter on the key is fine (it evaluates encoded columns itself).
        var scanFiltered = Scan(data, Lines, filters: [new BinaryExpr(BinaryOp.Equal, Col(Lines, 0), Lit("flag1"), DataType.Boolean)]);
        var keyScanFiltered = new HashAggregateExec(scanFiltered, [Col(Lines, 0)], [Call(AggregateFunction.CountStar, DataType.Int64)], output);
        Assert.Equal([0], ScanOf(DictionaryKeyPlacement.Apply(keyScanFiltered)).EncodedColumns);
    }

    [Fact]
    public void ScanHandsOnOnlyItsMarkedColumnsEncoded()
    {
        var scan = Scan(EncodedLines(3, 10, 3, flat: false), Lines, filters: [new BinaryExpr(BinaryOp.NotEqual, Col(Lines, 3), Lit("none"), DataType.Boolean)]) with { EncodedColumns = [1] };
        var batches = new ScanOperator(scan, new ExecutionContext(CancellationToken.None, 1, 1024)).Execute().ToList();
        Assert.Equal(3, batches.Count);
        foreach (var batch in batches)
        {
            Assert.IsType<BinaryArray>(batch.Column(0));
            Assert.IsType<DictionaryArray>(batch.Column(1));
            Assert.IsType<BinaryArray>(batch.Column(3));
        }
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 4)]
    [InlineData(2, 7)]
    public void EncodedAggregationEqualsTheFlatOneSeriallyAndInParallel(int parallelism, int tasks)
    {
        var expected = Sorted(Run(Plan(EncodedLines(24, 700, 5, flat: true), tasks), batchSize: 256, parallelism: parallelism));
        var actual = Sorted(Run(Plan(EncodedLines(24, 700, 5, flat: false), tasks), batchSize: 256, parallelism: parallelism));
        // 5 flags and NULL x 3 statuses and NULL.
        Assert.Equal(24, expected.Count);
        Assert.Equal(expected, actual);
    }

    [Fact]
    public void EncodedAggregationSpillsUnderASmallMemoryLimitAndEqualsTheUnlimitedRun()
    {
        // 3,000 flags and NULL x 4 statuses (under DictionaryKeyCodes.MaxCodes combinations, so batches group by
        // their codes): more groups than 512 KB holds; the frozen table spills encoded batches flat.
        var data = EncodedLines(24, 2000, 3000, flat: false);
        foreach (var parallelism in new[] { 1, 2 })
        {
            var plan = Plan(data, 4);
            var expected = RunWithLimit(plan, MemorySettings.Unlimited with { SpillDirectory = _spillRoot }, parallelism, out var notSpilled);
            var actual = RunWithLimit(plan, new MemorySettings(512 * 1024, SpillEnabled: true, _spillRoot), parallelism, out var spilled);
            Assert.Equal(0, notSpilled);
            Assert.True(spilled > 0, "nothing spilled");
            Assert.True(expected.Count > 10_000, $"{expected.Count} groups");
            Assert.Equal(expected, actual);
            Assert.Equal(expected, Sorted(Run(Plan(EncodedLines(24, 2000, 3000, flat: true), 4), parallelism: parallelism)));
        }
        Assert.Empty(Directory.EnumerateFileSystemEntries(_spillRoot));
    }

    private static List<string> RunWithLimit(PhysicalPlan plan, MemorySettings settings, int parallelism, out long spilled)
    {
        using var pool = new QueryMemoryPool(settings);
        var context = new ExecutionContext(CancellationToken.None, parallelism) { Memory = pool };
        var rows = new List<object?[]>();
        foreach (var batch in QueryExecutor.Execute(plan, context)) rows.AddRange(ToRows(batch));
        spilled = pool.SpilledBytes;
        return Sorted(rows);
    }
}
