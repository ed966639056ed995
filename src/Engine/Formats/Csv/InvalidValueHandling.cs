using QueryEngine.Engine.Common;

namespace QueryEngine.Engine.Formats.Csv;

/// <summary>What to do with a field whose text is not a valid value of its column type.</summary>
public enum InvalidValueHandling
{
    /// <summary>The value is NULL (Hive's LazySimpleSerDe; Athena's <c>use.null.for.invalid.data</c>).</summary>
    Null,

    /// <summary>The scan fails with a <see cref="CorruptDataException"/> naming the file, byte offset and column.</summary>
    Error,
}
