using QueryEngine.Engine.Columnar;
using QueryEngine.Engine.Common;
using QueryEngine.Engine.Formats.Parquet.Encodings;

namespace QueryEngine.Engine.Formats.Parquet.Writing;

/// <summary>
/// Shreds a row group's arrays of one top-level column into one of its leaf columns (Dremel's striping): for every
/// value on the leaf's path, a repetition level (0 at a row's start, else the level of the list or map that repeats)
/// and a definition level (how many optional or repeated levels above the leaf are present), and the leaf's value
/// when all are. A null at any level, an empty list or an empty map ends the path with one entry without a value.
/// </summary>
internal static class NestedValueGatherer
{
    public static ShreddedColumn Gather(WriterColumn column, IReadOnlyList<ArrowArray> arrays)
    {
        var rows = 0;
        foreach (var a in arrays) rows += a.Length;
        var state = new State(column, rows);
        var rowStarts = column.MaxRepetition > 0 ? new int[rows + 1] : null;
        var row = 0;
        foreach (var array in arrays)
        {
            for (var i = 0; i < array.Length; i++, row++)
            {
                if (rowStarts is not null) rowStarts[row] = state.Levels;
                Shred(state, array, i, 0, 0, 0);
            }
        }
        if (rowStarts is not null) rowStarts[rows] = state.Levels;
        var definitions = column.MaxDefinition > 0 ? state.Definitions : null;
        var repetitions = column.MaxRepetition > 0 ? state.Repetitions : null;
        return new ShreddedColumn(state.Values, rows, state.Levels, definitions, repetitions, rowStarts);
    }

    /// <summary>Emits the entries of value <paramref name="index"/> of <paramref name="array"/>, found at step <paramref name="step"/>.</summary>
    private static void Shred(State state, ArrowArray array, int index, int step, int definition, int repetition)
    {
        var at = state.Column.Steps[step];
        if (array.IsNull(index))
        {
            if (!at.Nullable) throw new ExecutionException($"NULL in the non-nullable part of Parquet column {state.Column.DisplayName} (at level {step + 1} of its path)");
            state.Add(definition, repetition);
            return;
        }
        if (at.Nullable) definition++;
        switch (at.Kind)
        {
            case LevelStepKind.Leaf:
                state.Add(definition, repetition);
                ColumnValueGatherer.Append(state.Column, array, index, state.Values);
                return;
            case LevelStepKind.Struct:
                Shred(state, ((StructArray)array).Children[at.Child], index, step + 1, definition, repetition);
                return;
            case LevelStepKind.List:
                {
                    var list = (ListArray)array;
                    Repeat(state, list.Values, list.Offsets[index], list.Offsets[index + 1], step, definition, repetition, at.RepetitionLevel);
                    return;
                }
            default:
                {
                    var map = (MapArray)array;
                    var entries = at.Kind == LevelStepKind.MapKey ? map.Keys : map.Values;
                    Repeat(state, entries, map.Offsets[index], map.Offsets[index + 1], step, definition, repetition, at.RepetitionLevel);
                    return;
                }
        }
    }

    /// <summary>The elements [start, end) of a list or map: an empty one is one entry at the repeated group's parent level.</summary>
    private static void Repeat(State state, ArrowArray elements, int start, int end, int step, int definition, int repetition, int repeatedLevel)
    {
        if (start == end)
        {
            state.Add(definition, repetition);
            return;
        }
        Shred(state, elements, start, step + 1, definition + 1, repetition);
        for (var j = start + 1; j < end; j++) Shred(state, elements, j, step + 1, definition + 1, repeatedLevel);
    }

    private sealed class State(WriterColumn column, int rows)
    {
        public WriterColumn Column { get; } = column;

        public ValueBuffer Values { get; } = new(column.Width, Math.Max(16, rows));

        public int[] Definitions { get; private set; } = new int[Math.Max(16, rows)];

        public int[] Repetitions { get; private set; } = new int[Math.Max(16, rows)];

        public int Levels { get; private set; }

        public void Add(int definition, int repetition)
        {
            if (Levels == Definitions.Length)
            {
                var size = checked(Definitions.Length * 2);
                var d = Definitions;
                var r = Repetitions;
                Array.Resize(ref d, size);
                Array.Resize(ref r, size);
                Definitions = d;
                Repetitions = r;
            }
            Definitions[Levels] = definition;
            Repetitions[Levels] = repetition;
            Levels++;
        }
    }
}
