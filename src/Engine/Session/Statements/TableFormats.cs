using QueryEngine.Engine.Catalog;
using QueryEngine.Engine.Common;
using QueryEngine.Engine.Formats.Csv;
using QueryEngine.Engine.Formats.Json;
using QueryEngine.Engine.Writing;

namespace QueryEngine.Engine.Session.Statements;

/// <summary>Between write options and a table's storage descriptor: what CTAS registers, and how INSERT writes to an existing table.</summary>
internal static class TableFormats
{
    /// <summary>Table parameter remembering the compression a CTAS chose, so INSERTs write the same.</summary>
    public const string CompressionParameter = "write_compression";

    public static StorageInfo Storage(WriteOptions options, string location)
    {
        var format = StorageFormats.ForStoredAs(options.Format switch
        {
            OutputFormat.Parquet => "PARQUET",
            OutputFormat.Json => "JSON",
            _ => "TEXTFILE",
        });
        var serde = new Dictionary<string, string>(StringComparer.Ordinal);
        if (options.Format == OutputFormat.Text)
        {
            serde["field.delim"] = options.FieldDelimiter;
            serde["serialization.format"] = options.FieldDelimiter;
        }
        return new StorageInfo(location, format.InputFormat, format.OutputFormat, format.Serde)
        {
            SerdeParameters = serde,
            BucketColumns = options.BucketedBy,
            BucketCount = options.BucketCount,
        };
    }

    public static Dictionary<string, string> Parameters(WriteOptions options)
    {
        var parameters = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [CompressionParameter] = options.Compression.ToString().ToUpperInvariant(),
            ["classification"] = options.Format switch
            {
                OutputFormat.Parquet => "parquet",
                OutputFormat.Json => "json",
                _ => "csv",
            },
        };
        // Rows are placed with the hash of the chosen version (1 unless bucketing_version = 2), as Trino records it.
        if (options.IsBucketed) parameters[StorageInfo.BucketingVersionParameter] = Formats.Bucketing.HiveBucketingVersions.ToParameter(options.BucketingVersion);
        return parameters;
    }

    /// <summary>How to append to an existing table: its format, compression and delimiter; formats we cannot write are refused.</summary>
    public static WriteOptions ForInsert(TableInfo table, SourceSpan? span)
    {
        var name = $"{table.Database}.{table.Name}";
        OutputFormat format;
        var delimiter = WriteOptions.DefaultFieldDelimiter;
        if (FileTableSourceFactory.IsParquet(table.Storage)) format = OutputFormat.Parquet;
        else if (JsonFormat.IsJson(table.Storage)) format = OutputFormat.Json;
        else if (HiveTextFormat.IsText(table.Storage) && table.Storage.SerdeLibrary != StorageInfo.Formats.OpenCsvSerde)
        {
            format = OutputFormat.Text;
            var serde = table.Storage.SerdeParameters;
            if (serde.TryGetValue("field.delim", out var d) || serde.TryGetValue("serialization.format", out d))
            {
                delimiter = d.Length == 1 ? d : throw new NotSupportedQueryException($"INSERT INTO {name}: field delimiter '{d}' is not writable yet", span);
            }
        }
        else
        {
            throw new NotSupportedQueryException($"INSERT INTO {name}: writing its format ({StorageFormats.NameOf(table.Storage) ?? table.Storage.SerdeLibrary}) is not supported yet", span);
        }
        var compression = format == OutputFormat.Parquet ? OutputCompression.Snappy : OutputCompression.None;
        if (table.Parameters.TryGetValue(CompressionParameter, out var stored) && Enum.TryParse<OutputCompression>(stored, ignoreCase: true, out var parsed)) compression = parsed;
        return new WriteOptions(format, compression) { FieldDelimiter = delimiter };
    }
}
