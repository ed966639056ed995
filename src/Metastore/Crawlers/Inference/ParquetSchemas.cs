using QueryEngine.Engine.Formats.Parquet.Reading;
using QueryEngine.Engine.Storage;

namespace QueryEngine.Metastore.Crawlers.Inference;

/// <summary>A Parquet file's schema, from its footer, as crawled columns (column names lower case, as Hive keeps them).</summary>
internal static class ParquetSchemas
{
    /// <summary>The schema and the row count the footer records.</summary>
    public static (InferredSchema Schema, long Rows) Read(IObjectStore store, ObjectInfo file)
    {
        var info = ParquetFooter.Read(store, file.Path, file.Size);
        var schema = new InferredSchema();
        foreach (var field in info.Schema.Fields)
        {
            if (field.Unsupported is null) schema.Add(field.Name.ToLowerInvariant(), field.Type);
        }
        return (schema, info.Metadata.NumRows);
    }
}
