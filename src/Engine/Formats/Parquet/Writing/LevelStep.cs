namespace QueryEngine.Engine.Formats.Parquet.Writing;

/// <summary>What a nested value holds on the way from a top-level column down to one of its leaves.</summary>
internal enum LevelStepKind
{
    /// <summary>The leaf's primitive value.</summary>
    Leaf,

    /// <summary>A struct: go on into child <see cref="LevelStep.Child"/>.</summary>
    Struct,

    /// <summary>A list: go on into each element.</summary>
    List,

    /// <summary>A map: go on into each entry's key.</summary>
    MapKey,

    /// <summary>A map: go on into each entry's value.</summary>
    MapValue,
}

/// <summary>
/// One level of the path from a top-level column to a leaf column: the kind of value found there, whether it may be
/// null (an optional field adds one definition level), the struct child to follow, and for lists and maps the
/// repetition level of their repeated group (a second and later element repeats at that level).
/// </summary>
internal readonly record struct LevelStep(LevelStepKind Kind, bool Nullable, int Child = 0, int RepetitionLevel = 0);
