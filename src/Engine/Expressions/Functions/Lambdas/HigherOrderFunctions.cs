using QueryEngine.Engine.Columnar;
using QueryEngine.Engine.Common;
using QueryEngine.Engine.Execution.Vectors;
using QueryEngine.Engine.Expressions.Evaluation;
using QueryEngine.Engine.Expressions.Functions.Nested;

namespace QueryEngine.Engine.Expressions.Functions.Lambdas;

/// <summary>
/// transform, filter, reduce, any_match / all_match / none_match, transform_values, transform_keys, map_filter and
/// zip_with: each lambda runs once per batch over the flattened elements of every row.
/// </summary>
internal static class HigherOrderFunctions
{
    public static bool IsHigherOrder(string name) => name is "transform" or "filter" or "reduce" or "any_match" or "all_match" or "none_match"
        or "transform_values" or "transform_keys" or "map_filter" or "zip_with";

    public static Evaluator Compile(string name, Evaluator[] args, DataType type)
    {
        var values = args.Where(a => a is not LambdaEvaluator).ToArray();
        var lambdas = args.OfType<LambdaEvaluator>().ToArray();
        HigherOrderKernel kernel = name switch
        {
            "transform" => (b, a, l, n) => Transform(b, a, l[0], n, (ListType)type),
            "filter" => (b, a, l, n) => Filter(b, a, l[0], n),
            "any_match" => (b, a, l, n) => Match(b, a, l[0], n, MatchKind.Any),
            "all_match" => (b, a, l, n) => Match(b, a, l[0], n, MatchKind.All),
            "none_match" => (b, a, l, n) => Match(b, a, l[0], n, MatchKind.None),
            "reduce" => (b, a, l, n) => Reduce(b, a, l[0], l[1], n),
            "transform_values" => (b, a, l, n) => TransformMap(b, a, l[0], n, (MapType)type, keys: false),
            "transform_keys" => (b, a, l, n) => TransformMap(b, a, l[0], n, (MapType)type, keys: true),
            "map_filter" => (b, a, l, n) => MapFilter(b, a, l[0], n),
            "zip_with" => (b, a, l, n) => ZipWith(b, a, l[0], n, (ListType)type),
            _ => throw new InternalException($"{name} is not a higher-order function"),
        };
        return new HigherOrderEvaluator(type, values, lambdas, kernel, name is "transform_keys");
    }

    private static ArrowArray Transform(RecordBatch batch, Vec[] args, LambdaEvaluator f, int rows, ListType type)
    {
        var lists = Lists.Flat(args[0], rows);
        var results = f.Invoke(batch, Lists.Parents(lists.Offsets, rows), lists.Values);
        return new ListArray(type, lists.Offsets, results, rows, lists.Validity);
    }

    private static ArrowArray Filter(RecordBatch batch, Vec[] args, LambdaEvaluator f, int rows)
    {
        var lists = Lists.Flat(args[0], rows);
        var keep = (BooleanArray)f.Invoke(batch, Lists.Parents(lists.Offsets, rows), lists.Values);
        var take = new List<int>(keep.Length);
        var offsets = new int[rows + 1];
        for (var r = 0; r < rows; r++)
        {
            for (var k = lists.Offsets[r]; k < lists.Offsets[r + 1]; k++)
            {
                if (keep.IsTrue(k)) take.Add(k);
            }
            offsets[r + 1] = take.Count;
        }
        return new ListArray((ListType)lists.Type, offsets, lists.Values.Take(take.ToArray()), rows, lists.Validity);
    }

    private enum MatchKind
    {
        Any,
        All,
        None,
    }

    /// <summary>
    /// any_match: true if some element's predicate is true, else null if some is null, else false (empty: false).
    /// all_match: false if some is false, else null if some is null, else true. none_match: not any_match.
    /// </summary>
    private static ArrowArray Match(RecordBatch batch, Vec[] args, LambdaEvaluator f, int rows, MatchKind kind)
    {
        var lists = Lists.Flat(args[0], rows);
        var tests = (BooleanArray)f.Invoke(batch, Lists.Parents(lists.Offsets, rows), lists.Values);
        var bits = new byte[Bitmap.BytesFor(rows)];
        var validity = lists.Validity is null ? null : Bits.Copy(lists.Validity, rows);
        for (var r = 0; r < rows; r++)
        {
            if (lists.IsNull(r)) continue;
            bool sawTrue = false, sawFalse = false, sawNull = false;
            for (var k = lists.Offsets[r]; k < lists.Offsets[r + 1]; k++)
            {
                if (tests.IsNull(k)) sawNull = true;
                else if (tests.GetBit(k)) sawTrue = true;
                else sawFalse = true;
            }
            bool? result = kind switch
            {
                MatchKind.Any => sawTrue ? true : sawNull ? null : false,
                MatchKind.All => sawFalse ? false : sawNull ? null : true,
                _ => sawTrue ? false : sawNull ? null : true,
            };
            if (result is null)
            {
                validity ??= Bitmap.AllSet(rows);
                Bitmap.Clear(validity, r);
            }
            else if (result.Value)
            {
                Bitmap.Set(bits, r);
            }
        }
        return new BooleanArray(bits, rows, validity);
    }

    /// <summary>
    /// reduce(a, initial, (s, x) -> s', s -> r): step k applies the combiner to the k-th element of every array that
    /// has one, all rows at once; the output function then runs over every final state. A null array gives null.
    /// </summary>
    private static ArrowArray Reduce(RecordBatch batch, Vec[] args, LambdaEvaluator combine, LambdaEvaluator output, int rows)
    {
        var lists = Lists.Flat(args[0], rows);
        var state = args[1].Expand(rows);
        var longest = 0;
        for (var r = 0; r < rows; r++) longest = Math.Max(longest, lists.ValueLength(r));
        var active = new List<int>(rows);
        var elements = new List<int>(rows);
        for (var k = 0; k < longest; k++)
        {
            active.Clear();
            elements.Clear();
            for (var r = 0; r < rows; r++)
            {
                if (lists.ValueLength(r) <= k) continue;
                active.Add(r);
                elements.Add(lists.Offsets[r] + k);
            }
            var stepRows = active.ToArray();
            var next = combine.Invoke(batch, stepRows, state.Take(stepRows), lists.Values.Take(elements.ToArray()));
            // Rows that took a step get the new state, the others keep theirs.
            var merged = new int[rows];
            for (var r = 0; r < rows; r++) merged[r] = r;
            for (var i = 0; i < stepRows.Length; i++) merged[stepRows[i]] = rows + i;
            state = ArrayConcat.Concat([state, next], state.Type).Take(merged);
        }
        var all = new int[rows];
        for (var r = 0; r < rows; r++) all[r] = lists.IsNull(r) ? -1 : r;
        var result = output.Invoke(batch, Identity(rows), state);
        return lists.NullCount == 0 ? result : result.Take(all);
    }

    private static int[] Identity(int n)
    {
        var result = new int[n];
        for (var i = 0; i < n; i++) result[i] = i;
        return result;
    }

    private static ArrowArray TransformMap(RecordBatch batch, Vec[] args, LambdaEvaluator f, int rows, MapType type, bool keys)
    {
        var maps = Lists.FlatMap(args[0], rows);
        var results = f.Invoke(batch, Lists.Parents(maps.Offsets, rows), maps.Keys, maps.Values);
        if (!keys) return new MapArray(type, maps.Offsets, maps.Keys, results, rows, maps.Validity);
        var map = new MapArray(type, maps.Offsets, results, maps.Values, rows, maps.Validity);
        Constructors.CheckKeys(map);
        return map;
    }

    private static ArrowArray MapFilter(RecordBatch batch, Vec[] args, LambdaEvaluator f, int rows)
    {
        var maps = Lists.FlatMap(args[0], rows);
        var keep = (BooleanArray)f.Invoke(batch, Lists.Parents(maps.Offsets, rows), maps.Keys, maps.Values);
        var take = new List<int>(keep.Length);
        var offsets = new int[rows + 1];
        for (var r = 0; r < rows; r++)
        {
            for (var k = maps.Offsets[r]; k < maps.Offsets[r + 1]; k++)
            {
                if (keep.IsTrue(k)) take.Add(k);
            }
            offsets[r + 1] = take.Count;
        }
        var indices = take.ToArray();
        return new MapArray((MapType)maps.Type, offsets, maps.Keys.Take(indices), maps.Values.Take(indices), rows, maps.Validity);
    }

    /// <summary>zip_with(a, b, f): pairs elements by position; the shorter array is padded with nulls.</summary>
    private static ArrowArray ZipWith(RecordBatch batch, Vec[] args, LambdaEvaluator f, int rows, ListType type)
    {
        var a = Lists.Flat(args[0], rows);
        var b = Lists.Flat(args[1], rows);
        var validity = Bits.And(a.Validity, b.Validity, rows);
        var left = new List<int>();
        var right = new List<int>();
        var parents = new List<int>();
        var offsets = new int[rows + 1];
        for (var r = 0; r < rows; r++)
        {
            if (validity is null || Bitmap.Get(validity, r))
            {
                var la = a.ValueLength(r);
                var lb = b.ValueLength(r);
                for (var k = 0; k < Math.Max(la, lb); k++)
                {
                    left.Add(k < la ? a.Offsets[r] + k : -1);
                    right.Add(k < lb ? b.Offsets[r] + k : -1);
                    parents.Add(r);
                }
            }
            offsets[r + 1] = parents.Count;
        }
        var results = f.Invoke(batch, parents.ToArray(), a.Values.Take(left.ToArray()), b.Values.Take(right.ToArray()));
        return new ListArray(type, offsets, results, rows, validity);
    }
}
