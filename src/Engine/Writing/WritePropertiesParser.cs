using QueryEngine.Engine.Common;
using QueryEngine.Engine.Sql.Ast;

namespace QueryEngine.Engine.Writing;

/// <summary>
/// Reads Athena's <c>WITH (...)</c> properties of <c>CREATE TABLE AS</c> and <c>UNLOAD</c>: <c>format</c>,
/// <c>write_compression</c> / <c>compression</c>, <c>partitioned_by</c>, <c>field_delimiter</c> and (CTAS only)
/// <c>external_location</c>, <c>bucketed_by</c>, <c>bucket_count</c> and <c>bucketing_version</c> (1 or 2, Trino's Hive
/// connector property). Formats the engine cannot write yet (ORC, AVRO) are refused with
/// a <see cref="NotSupportedQueryException"/> at the property.
/// </summary>
public static class WritePropertiesParser
{
    public static WriteOptions Parse(IReadOnlyList<Property> properties, bool isUnload)
    {
        ArgumentNullException.ThrowIfNull(properties);
        var format = OutputFormat.Parquet;
        Property? compressionProperty = null;
        string? compression = null;
        string? delimiter = null;
        string? location = null;
        IReadOnlyList<string> partitionedBy = [];
        IReadOnlyList<string> bucketedBy = [];
        Property? bucketedByProperty = null;
        Property? bucketCountProperty = null;
        var bucketCount = 0;
        Property? bucketingVersionProperty = null;
        var bucketingVersion = Formats.Bucketing.HiveBucketingVersion.V1;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var p in properties)
        {
            var key = p.Name.CanonicalValue;
            if (!seen.Add(key)) throw new SemanticException($"Property '{key}' is given more than once", p.Span);
            switch (key)
            {
                case "format":
                    format = ParseFormat(Text(p), p);
                    break;
                case "write_compression" or "compression" or "parquet_compression":
                    compressionProperty = p;
                    compression = Text(p);
                    break;
                case "field_delimiter":
                    // Hive spellings are accepted: '\t', '\001'.
                    delimiter = Sql.HiveStrings.Unescape(Text(p));
                    if (delimiter.Length != 1) throw new SemanticException("field_delimiter must be exactly one character", p.Value.Span);
                    break;
                case "external_location" when !isUnload:
                    location = Text(p);
                    if (string.IsNullOrWhiteSpace(location)) throw new SemanticException("external_location must not be empty", p.Value.Span);
                    break;
                case "partitioned_by":
                    partitionedBy = Names(p);
                    break;
                case "bucketed_by" or "bucket_count" or "bucketing_version" when isUnload:
                    throw new SemanticException($"UNLOAD does not write buckets ('{key}'): bucketing applies to CREATE TABLE AS", p.Name.Span);
                case "bucketed_by":
                    bucketedByProperty = p;
                    bucketedBy = Names(p);
                    break;
                case "bucket_count":
                    bucketCountProperty = p;
                    bucketCount = BucketCount(p);
                    break;
                case "bucketing_version":
                    bucketingVersionProperty = p;
                    bucketingVersion = BucketingVersion(p);
                    break;
                case "orc_compression":
                    throw new NotSupportedQueryException("Writing ORC is not supported yet: use format = 'PARQUET', 'JSON' or 'TEXTFILE'", p.Span);
                default:
                    throw new SemanticException(
                        $"Unknown {(isUnload ? "UNLOAD" : "table")} property '{key}'",
                        p.Name.Span,
                        isUnload ? "known: format, compression, partitioned_by, field_delimiter" : "known: format, write_compression, external_location, partitioned_by, bucketed_by, bucket_count, bucketing_version, field_delimiter");
            }
        }
        if (delimiter is not null && format != OutputFormat.Text)
        {
            throw new SemanticException("field_delimiter applies only to format = 'TEXTFILE'", properties.First(p => p.Name.CanonicalValue == "field_delimiter").Span);
        }
        if (bucketedByProperty is not null && bucketCountProperty is null)
        {
            throw new SemanticException("bucketed_by needs bucket_count: add bucket_count = N (the number of buckets)", bucketedByProperty.Span);
        }
        if (bucketCountProperty is not null && bucketedByProperty is null)
        {
            throw new SemanticException("bucket_count needs bucketed_by: add bucketed_by = ARRAY['column', ...]", bucketCountProperty.Span);
        }
        if (bucketingVersionProperty is not null && bucketedByProperty is null)
        {
            throw new SemanticException("bucketing_version needs bucketed_by and bucket_count", bucketingVersionProperty.Span);
        }
        var codec = compression is null ? DefaultCompression(format) : ParseCompression(compression, format, compressionProperty!);
        return new WriteOptions(format, codec)
        {
            FieldDelimiter = delimiter ?? WriteOptions.DefaultFieldDelimiter,
            PartitionedBy = partitionedBy,
            ExternalLocation = location,
            BucketedBy = bucketedBy,
            BucketCount = bucketCount,
            BucketingVersion = bucketingVersion,
        };
    }

    private static OutputCompression DefaultCompression(OutputFormat format) =>
        format == OutputFormat.Parquet ? OutputCompression.Snappy : OutputCompression.None;

    private static OutputFormat ParseFormat(string text, Property p) => text.ToUpperInvariant() switch
    {
        "PARQUET" => OutputFormat.Parquet,
        "JSON" => OutputFormat.Json,
        "TEXTFILE" => OutputFormat.Text,
        "ORC" or "AVRO" or "ION" => throw new NotSupportedQueryException(
            $"Writing {text.ToUpperInvariant()} is not supported yet: use format = 'PARQUET', 'JSON' or 'TEXTFILE'", p.Value.Span),
        _ => throw new SemanticException($"Unknown format '{text}'", p.Value.Span, "known formats: PARQUET, JSON, TEXTFILE (ORC and AVRO are not writable yet)"),
    };

    private static OutputCompression ParseCompression(string text, OutputFormat format, Property p)
    {
        var codec = text.ToUpperInvariant() switch
        {
            "NONE" or "UNCOMPRESSED" => OutputCompression.None,
            "SNAPPY" => OutputCompression.Snappy,
            "GZIP" => OutputCompression.Gzip,
            "ZSTD" => OutputCompression.Zstd,
            "LZ4" or "LZ4_RAW" => OutputCompression.Lz4,
            _ => throw new SemanticException($"Unknown compression '{text}'", p.Value.Span, "known: SNAPPY, GZIP, ZSTD, LZ4, NONE"),
        };
        if (format != OutputFormat.Parquet && codec is not (OutputCompression.None or OutputCompression.Gzip))
        {
            throw new NotSupportedQueryException($"Compression {text.ToUpperInvariant()} is not supported for {(format == OutputFormat.Json ? "JSON" : "TEXTFILE")} yet: use GZIP or NONE", p.Value.Span);
        }
        return codec;
    }

    /// <summary>Hive's limit on buckets per table (<c>hive.exec.max.created.files</c> aside, Trino refuses more than 100 000).</summary>
    public const int MaxBucketCount = 100_000;

    private static int BucketCount(Property p)
    {
        var value = p.Value switch
        {
            LongLiteral literal => literal.Value,
            ArithmeticUnaryExpression { Sign: UnarySign.Minus, Value: LongLiteral literal } => -literal.Value,
            _ => throw new SemanticException("Property 'bucket_count' must be an integer literal", p.Value.Span),
        };
        if (value <= 0 || value > MaxBucketCount)
        {
            throw new SemanticException($"bucket_count must be between 1 and {MaxBucketCount}, got {value}", p.Value.Span);
        }
        return (int)value;
    }

    /// <summary><c>bucketing_version = 1 | 2</c> (an integer, or the same digit as a string).</summary>
    private static Formats.Bucketing.HiveBucketingVersion BucketingVersion(Property p)
    {
        var text = p.Value switch
        {
            LongLiteral literal => literal.Value.ToString(System.Globalization.CultureInfo.InvariantCulture),
            StringLiteral literal => literal.Value,
            _ => null,
        };
        return Formats.Bucketing.HiveBucketingVersions.Parse(text ?? "?") ?? throw new SemanticException(
            $"bucketing_version must be 1 (Hive's Java hash codes) or 2 (Hive 3's Murmur3){(text is null ? "" : $", got {text}")}", p.Value.Span);
    }

    private static string Text(Property p) => p.Value is StringLiteral s
        ? s.Value
        : throw new SemanticException($"Property '{p.Name.CanonicalValue}' must be a string literal", p.Value.Span);

    private static string[] Names(Property p)
    {
        if (p.Value is not ArrayConstructor array || array.Values.Count == 0)
        {
            throw new SemanticException($"Property '{p.Name.CanonicalValue}' must be a non-empty ARRAY['column', ...]", p.Value.Span);
        }
        var names = new string[array.Values.Count];
        for (var i = 0; i < names.Length; i++)
        {
            names[i] = array.Values[i] is StringLiteral s && s.Value.Length > 0
                ? s.Value.ToLowerInvariant()
                : throw new SemanticException($"Property '{p.Name.CanonicalValue}' must list column names as string literals", array.Values[i].Span);
        }
        return names;
    }
}
