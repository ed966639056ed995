using QueryEngine.Engine.Common;

namespace QueryEngine.Engine.Catalog;

/// <summary>Hive's STORED AS shorthands and their input/output formats and default SerDes.</summary>
public static class StorageFormats
{
    public sealed record Format(string Name, string InputFormat, string OutputFormat, string Serde);

    private static readonly Format[] Known =
    [
        new("TEXTFILE", StorageInfo.Formats.TextInput, StorageInfo.Formats.TextOutput, StorageInfo.Formats.LazySimpleSerde),
        new("PARQUET", StorageInfo.Formats.ParquetInput, StorageInfo.Formats.ParquetOutput, StorageInfo.Formats.ParquetSerde),
        new("ORC", "org.apache.hadoop.hive.ql.io.orc.OrcInputFormat", "org.apache.hadoop.hive.ql.io.orc.OrcOutputFormat", "org.apache.hadoop.hive.ql.io.orc.OrcSerde"),
        new("AVRO", "org.apache.hadoop.hive.ql.io.avro.AvroContainerInputFormat", "org.apache.hadoop.hive.ql.io.avro.AvroContainerOutputFormat", "org.apache.hadoop.hive.serde2.avro.AvroSerDe"),
        new("JSON", StorageInfo.Formats.TextInput, StorageInfo.Formats.TextOutput, StorageInfo.Formats.HiveJsonSerde),
        new("SEQUENCEFILE", "org.apache.hadoop.mapred.SequenceFileInputFormat", "org.apache.hadoop.hive.ql.io.HiveSequenceFileOutputFormat", StorageInfo.Formats.LazySimpleSerde),
        new("RCFILE", "org.apache.hadoop.hive.ql.io.RCFileInputFormat", "org.apache.hadoop.hive.ql.io.RCFileOutputFormat", "org.apache.hadoop.hive.serde2.columnar.LazyBinaryColumnarSerDe"),
        new("ION", "com.amazon.ionhiveserde.formats.IonInputFormat", "com.amazon.ionhiveserde.formats.IonOutputFormat", "com.amazon.ionhiveserde.IonHiveSerDe"),
    ];

    /// <summary>The format for a STORED AS name, or a semantic error listing the known ones.</summary>
    public static Format ForStoredAs(string name, SourceSpan? span = null)
    {
        foreach (var f in Known)
        {
            if (string.Equals(f.Name, name, StringComparison.OrdinalIgnoreCase)) return f;
        }
        throw new SemanticException(
            $"Unknown storage format '{name}'", span, "known formats: " + string.Join(", ", Known.Select(k => k.Name)));
    }

    /// <summary>The STORED AS name of a table's storage, when it is one of the known combinations.</summary>
    public static string? NameOf(StorageInfo storage)
    {
        foreach (var f in Known)
        {
            if (f.InputFormat == storage.InputFormat && f.Serde == storage.SerdeLibrary) return f.Name;
        }
        foreach (var f in Known)
        {
            if (f.InputFormat == storage.InputFormat && f.Name != "JSON") return f.Name;
        }
        return null;
    }
}
