using System.Globalization;
using QueryEngine.Engine.Catalog;
using QueryEngine.Engine.Storage;
using QueryEngine.Metastore.Crawlers.Classification;
using QueryEngine.Metastore.Crawlers.Layout;

namespace QueryEngine.Metastore.Crawlers;

/// <summary>Turns a planned table into the catalog entry a Glue crawler would write: SerDe, location and table properties.</summary>
internal static class TableDefinitions
{
    public static TableInfo ToTable(PlannedTable table, string database, string name, string target, string crawlerName)
    {
        var location = table.RelativeRoot.Length == 0 ? Folder(target) : Folder(StorageLocations.Combine(Folder(target), table.RelativeRoot));
        var columns = FileClassifier.Concrete(table.Schema).Select(c => new ColumnInfo(c.Name, HiveTypes.Format(c.Type))).ToArray();
        var parameters = new Dictionary<string, string>
        {
            ["EXTERNAL"] = "TRUE",
            ["classification"] = ClassificationNames.Name(table.Classification),
            ["compressionType"] = ClassificationNames.Name(table.Compression),
            ["typeOfData"] = "file",
            ["UPDATED_BY_CRAWLER"] = crawlerName,
            ["CrawlerSchemaSerializerVersion"] = "1.0",
            ["CrawlerSchemaDeserializerVersion"] = "1.0",
        };
        foreach (var (key, value) in Statistics(table.Files)) parameters[key] = value;
        StorageInfo storage;
        switch (table.Classification)
        {
            case FileClassification.Csv:
                var dialect = table.Dialect!;
                var delimiter = dialect.Delimiter.ToString();
                parameters["delimiter"] = delimiter;
                if (dialect.HasHeader) parameters["skip.header.line.count"] = "1";
                parameters["columnsOrdered"] = "true";
                parameters["areColumnsQuoted"] = dialect.Quoted ? "true" : "false";
                storage = dialect.Quoted
                    ? new StorageInfo(location, StorageInfo.Formats.TextInput, StorageInfo.Formats.TextOutput, StorageInfo.Formats.OpenCsvSerde)
                    {
                        SerdeParameters = new Dictionary<string, string> { ["separatorChar"] = delimiter, ["quoteChar"] = dialect.Quote.ToString(), ["escapeChar"] = "\\" },
                    }
                    : new StorageInfo(location, StorageInfo.Formats.TextInput, StorageInfo.Formats.TextOutput, StorageInfo.Formats.LazySimpleSerde)
                    {
                        SerdeParameters = new Dictionary<string, string> { ["field.delim"] = delimiter, ["serialization.format"] = delimiter },
                    };
                break;
            case FileClassification.Json:
                storage = new StorageInfo(location, StorageInfo.Formats.TextInput, StorageInfo.Formats.TextOutput, StorageInfo.Formats.OpenXJsonSerde)
                {
                    SerdeParameters = new Dictionary<string, string> { ["paths"] = string.Join(',', columns.Select(c => c.Name)) },
                };
                break;
            case FileClassification.Parquet:
                storage = new StorageInfo(location, StorageInfo.Formats.ParquetInput, StorageInfo.Formats.ParquetOutput, StorageInfo.Formats.ParquetSerde);
                break;
            case FileClassification.Avro or FileClassification.Orc:
                var format = StorageFormats.ForStoredAs(table.Classification == FileClassification.Avro ? "AVRO" : "ORC");
                storage = new StorageInfo(location, format.InputFormat, format.OutputFormat, format.Serde);
                break;
            default:
                throw new InvalidOperationException($"no table definition for {table.Classification} files");
        }
        return new TableInfo(database, name, TableKind.External, columns, storage)
        {
            PartitionKeys = table.PartitionKeys.Select(k => new ColumnInfo(k, "string")).ToArray(),
            Parameters = parameters,
            Owner = crawlerName,
            CreateTime = DateTimeOffset.UtcNow,
        };
    }

    /// <summary>The table parameters a crawler writes that describe the format; its partitions carry them too.</summary>
    public static readonly string[] FormatParameters =
    [
        "classification", "compressionType", "typeOfData", "UPDATED_BY_CRAWLER", "CrawlerSchemaSerializerVersion",
        "CrawlerSchemaDeserializerVersion", "delimiter", "skip.header.line.count", "columnsOrdered", "areColumnsQuoted",
    ];

    /// <summary>
    /// Glue's size parameters of a table or partition: <c>objectCount</c>, <c>sizeKey</c> (bytes) and, when every file's
    /// records are known, <c>recordCount</c> and <c>averageRecordSize</c> (bytes per record, rounded down).
    /// </summary>
    public static Dictionary<string, string> Statistics(IReadOnlyList<CrawledFile> files)
    {
        long size = 0;
        long records = 0;
        var counted = true;
        foreach (var file in files)
        {
            size += file.Object.Size;
            if (file.Classified.Records is { } n) records += n;
            else counted = false;
        }
        var statistics = new Dictionary<string, string>
        {
            ["objectCount"] = files.Count.ToString(CultureInfo.InvariantCulture),
            ["sizeKey"] = size.ToString(CultureInfo.InvariantCulture),
        };
        if (counted)
        {
            statistics["recordCount"] = records.ToString(CultureInfo.InvariantCulture);
            statistics["averageRecordSize"] = (records == 0 ? 0 : size / records).ToString(CultureInfo.InvariantCulture);
        }
        return statistics;
    }

    /// <summary>Whether a stored table already says what a crawl found (columns, partition keys, storage and format properties).</summary>
    public static bool SameDefinition(TableInfo stored, TableInfo found) =>
        stored.Columns.SequenceEqual(found.Columns)
        && stored.PartitionKeys.SequenceEqual(found.PartitionKeys)
        && stored.Storage.Location == found.Storage.Location
        && stored.Storage.SerdeLibrary == found.Storage.SerdeLibrary
        && stored.Storage.InputFormat == found.Storage.InputFormat
        && Same(stored.Storage.SerdeParameters, found.Storage.SerdeParameters)
        && Same(stored.Parameters, found.Parameters, "classification", "compressionType", "delimiter", "skip.header.line.count");

    private static bool Same(IReadOnlyDictionary<string, string> a, IReadOnlyDictionary<string, string> b, params string[] keys)
    {
        if (keys.Length == 0) return a.Count == b.Count && a.All(kv => b.TryGetValue(kv.Key, out var v) && v == kv.Value);
        return keys.All(k => a.GetValueOrDefault(k) == b.GetValueOrDefault(k));
    }

    private static string Folder(string location) => location.EndsWith('/') ? location : location + "/";
}
