using QueryEngine.Engine.Catalog;
using QueryEngine.Engine.Columnar;
using QueryEngine.Engine.Common;
using QueryEngine.Engine.Sql.Ast;
using QueryEngine.Engine.Writing;
using QueryEngine.Engine.Writing.Bucketing;

namespace QueryEngine.Engine.Session.Statements;

/// <summary>The columns a CTAS or UNLOAD writes: data columns, then the partition columns (the query's last ones).</summary>
internal sealed record WriteColumns(IReadOnlyList<ColumnInfo> Data, Schema DataSchema, IReadOnlyList<ColumnInfo> PartitionKeys)
{
    /// <summary>The bucket columns and count (<c>bucketed_by</c>, <c>bucket_count</c>), or null when not bucketed.</summary>
    public BucketLayout? Buckets { get; init; }

    /// <summary>
    /// Names and checks the query's output columns (aliases when given): every column named once, of a type the
    /// metastore and the format can hold; the partition columns must be the last ones, in partitioned_by order.
    /// </summary>
    public static WriteColumns From(Schema output, IReadOnlyList<Identifier> aliases, WriteOptions options, Node at)
    {
        if (aliases.Count > 0 && aliases.Count != output.Count)
        {
            throw new SemanticException($"Column alias list has {aliases.Count} entries but the query has {output.Count} columns", at.Span);
        }
        var columns = new List<ColumnInfo>(output.Count);
        var fields = new List<Field>(output.Count);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < output.Count; i++)
        {
            var field = output.Fields[i];
            var name = aliases.Count > 0 ? aliases[i].CanonicalValue : field.Name.ToLowerInvariant();
            if (System.Text.RegularExpressions.Regex.IsMatch(name, @"^_col\d+$", System.Text.RegularExpressions.RegexOptions.CultureInvariant) && aliases.Count == 0)
            {
                throw new SemanticException($"Column name not specified at position {i + 1}: give the expression an alias", at.Span);
            }
            if (!seen.Add(name)) throw new SemanticException($"Column name '{name}' specified more than once", at.Span);
            if (field.Type.Id == TypeId.Null) throw new SemanticException($"Column '{name}' has unknown type (a bare NULL): CAST it to a type", at.Span);
            if (field.Type is IntervalType) throw new NotSupportedQueryException($"Column '{name}' of type {field.Type.SqlName} cannot be stored in a table", at.Span);
            if (field.Type.IsNested && options.Format == OutputFormat.Text)
            {
                throw new NotSupportedQueryException($"Writing column '{name}' of type {field.Type.SqlName} as TEXTFILE is not supported: use format = 'PARQUET' or 'JSON'", at.Span);
            }
            if (field.Type.IsNested) NestedColumnCheck.Check(name, field.Type, at);
            columns.Add(new ColumnInfo(name, HiveTypes.Format(field.Type)));
            fields.Add(new Field(name, field.Type));
        }

        var partitions = options.PartitionedBy;
        if (partitions.Count > 0)
        {
            if (partitions.Count >= columns.Count) throw new SemanticException("A partitioned table needs at least one column that is not a partition column", at.Span);
            for (var k = 0; k < partitions.Count; k++)
            {
                var expected = columns.Count - partitions.Count + k;
                if (columns.FindIndex(c => c.Name == partitions[k]) < 0)
                {
                    throw new SemanticException($"Partition column '{partitions[k]}' is not a column of the query", at.Span);
                }
                if (columns[expected].Name != partitions[k])
                {
                    throw new SemanticException(
                        $"Partition columns must be the last columns of the query, in the order of partitioned_by: expected '{partitions[k]}' at position {expected + 1}, found '{columns[expected].Name}'",
                        at.Span);
                }
                if (fields[expected].Type.IsNested) throw new SemanticException($"Partition column '{partitions[k]}' must have a primitive type", at.Span);
            }
        }
        var dataCount = columns.Count - partitions.Count;
        var data = columns.Take(dataCount).ToArray();
        var keys = columns.Skip(dataCount).ToArray();
        var buckets = options.IsBucketed ? BucketLayout.Resolve(options.BucketedBy, options.BucketCount, data, keys, "the query", at.Span, options.BucketingVersion) : null;
        return new WriteColumns(data, new Schema(fields.Take(dataCount).ToArray()), keys) { Buckets = buckets };
    }
}
