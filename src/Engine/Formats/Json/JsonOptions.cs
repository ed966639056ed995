using QueryEngine.Engine.Formats.Csv;

namespace QueryEngine.Engine.Formats.Json;

/// <summary>How a JSON-lines table is read (from its SerDe properties).</summary>
/// <param name="IgnoreMalformed">openx <c>ignore.malformed.json</c>: a line that is not a JSON object reads as a row of
/// NULLs instead of failing the query.</param>
/// <param name="CaseInsensitive">Match keys to column and field names ignoring ASCII case (both SerDes' default).</param>
/// <param name="KeyOfColumn">openx <c>mapping.&lt;column&gt;</c>: the JSON key a column reads, when it differs from its name.</param>
/// <param name="Compression">How to detect the files' compression.</param>
internal sealed record JsonOptions(
    bool IgnoreMalformed,
    bool CaseInsensitive,
    IReadOnlyDictionary<string, string> KeyOfColumn,
    TextCompression Compression);
