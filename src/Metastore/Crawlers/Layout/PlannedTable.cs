using QueryEngine.Metastore.Crawlers.Classification;
using QueryEngine.Metastore.Crawlers.Inference;

namespace QueryEngine.Metastore.Crawlers.Layout;

/// <summary>One partition of a planned table: its key values and the folder (relative to the target) holding it.</summary>
internal sealed record PlannedPartition(IReadOnlyList<string> Values, string RelativeFolder, IReadOnlyList<CrawledFile> Files);

/// <summary>A table the crawler found: its root folder relative to the target ("" for the target itself), format and schema.</summary>
internal sealed record PlannedTable(
    string RelativeRoot,
    string Name,
    FileClassification Classification,
    FileCompression Compression,
    CsvDialect? Dialect,
    InferredSchema Schema,
    IReadOnlyList<string> PartitionKeys,
    IReadOnlyList<PlannedPartition> Partitions,
    IReadOnlyList<CrawledFile> Files);
