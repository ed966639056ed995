using QueryEngine.Engine.Catalog;
using QueryEngine.Engine.Columnar;
using QueryEngine.Engine.Common;
using QueryEngine.Engine.Execution.Vectors;
using QueryEngine.Engine.Expressions;
using QueryEngine.Engine.Expressions.Casts;
using QueryEngine.Engine.Planning;
using QueryEngine.Engine.Planning.Binder;
using QueryEngine.Engine.Sql.Ast;
using QueryEngine.Engine.Storage;
using QueryEngine.Engine.Writing.Bucketing;

namespace QueryEngine.Engine.Session.Statements;

/// <summary>
/// <c>INSERT INTO table [(columns)] query</c>: appends the query's rows to the table's location in its format,
/// coerced to the table's column types (the implicit coercions only, as Trino does; unnamed columns are NULL),
/// creating the partitions the rows fall into. The new files, partitions, row count and merged statistics become
/// visible in one metastore commit, which also records the query id: a retry with the same id writes nothing.
/// </summary>
internal sealed class InsertRunner(QuerySession session)
{
    public StatementResult Run(InsertInto insert, string? requestedQueryId, CancellationToken cancellation)
    {
        var (database, name) = new QueryBinder(session.Catalog, session.Sources, session.CurrentDatabase).ResolveTableName(insert.Table);
        var table = session.Catalog.GetTable(database, name)
            ?? throw new NotFoundException(ErrorCode.TableNotFound, $"Table '{database}.{name}' does not exist", insert.Table.Span);
        if (table.Kind == TableKind.View) throw new SemanticException($"Cannot insert into view '{database}.{name}'", insert.Table.Span);
        if (string.IsNullOrWhiteSpace(table.Storage.Location)) throw new SemanticException($"Table '{database}.{name}' has no location", insert.Table.Span);
        var queryId = WriteExecution.QueryIdOrNew(requestedQueryId);
        if (TableWriteCommit.IsCommitted(table, queryId)) return new StatementResult(Schema.Empty, [], 0, "INSERT");
        // Without journals (a warehouse on S3) an earlier INSERT whose renames failed is finished by the next one.
        if (Writing.WriteJournal.FolderOf(session.Options.Warehouse) is null)
        {
            Writing.WriteRecovery.PublishPending(session.StoreFor(table.Storage.Location), table.Storage.Location, table);
        }
        var options = TableFormats.ForInsert(table, insert.Table.Span);
        var buckets = BucketLayout.OfTable(table, insert.Table.Span);
        if (table.Storage.SortColumns.Count > 0)
        {
            // Readers may trust SORTED BY (sort-merge joins); files written unsorted would break that promise.
            throw new NotSupportedQueryException(
                $"INSERT INTO {database}.{name}: the table is SORTED BY ({string.Join(", ", table.Storage.SortColumns.Select(c => c.Name + (c.Ascending ? " ASC" : " DESC")))}), and writing rows sorted within each bucket file is not supported yet",
                insert.Table.Span);
        }

        var targetColumns = table.Columns.Concat(table.PartitionKeys).ToArray();
        var targetTypes = targetColumns.Select(c => HiveTypes.Parse(c.HiveType)).ToArray();
        var plan = new QueryRunner(session).Plan(insert.Query, []);
        var physical = PhysicalPlanner.Plan(plan);
        var sources = SourceIndexes(insert, targetColumns, physical.Schema.Count, database, name);
        var casts = new CastFunc?[targetColumns.Length];
        for (var i = 0; i < targetColumns.Length; i++)
        {
            if (sources[i] < 0) continue;
            var from = physical.Schema.Fields[sources[i]].Type;
            if (!TypeRules.CanCoerceImplicitly(from, targetTypes[i]) && !IsStringWidening(from, targetTypes[i]))
            {
                throw new SemanticException(
                    $"Insert query has mismatched column types: column '{targetColumns[i].Name}' of '{database}.{name}' is {targetTypes[i].SqlName}, the query gives {from.SqlName}",
                    insert.Query.Span,
                    "CAST the value to the column's type");
            }
            casts[i] = CastCompiler.Create(from, targetTypes[i]);
        }
        var fields = new Field[targetColumns.Length];
        for (var i = 0; i < fields.Length; i++) fields[i] = new Field(targetColumns[i].Name, targetTypes[i]);
        var targetSchema = new Schema(fields);
        var dataSchema = new Schema(fields.Take(table.Columns.Count).ToArray());

        var existingStats = session.Catalog.GetColumnStatistics(database, name, null);
        var existingRows = table.RecordedRowCount ?? 0;
        var outcome = new WriteExecution(session, queryId).Run(
            new WriteExecution.Target(table.Storage.Location, database, name, CreatesTarget: false),
            physical,
            batch => Convert(batch, targetSchema, sources, casts),
            options,
            table.Columns,
            dataSchema,
            table.PartitionKeys,
            buckets,
            (data, writer) =>
            {
                var newPartitions = new List<PartitionInfo>();
                foreach (var values in data.Partitions)
                {
                    var existing = session.Catalog.GetPartition(database, name, values);
                    if (existing is null)
                    {
                        newPartitions.Add(new PartitionInfo(database, name, values) { CreateTime = DateTimeOffset.UtcNow });
                        continue;
                    }
                    var expected = StorageLocations.Combine(table.Storage.Location, PartitionNames.Of(table.PartitionKeys, values));
                    if (!SameLocation(existing.Storage?.Location, expected))
                    {
                        throw new NotSupportedQueryException(
                            $"INSERT INTO {database}.{name}: partition {PartitionNames.Of(table.PartitionKeys, values)} is stored at {existing.Storage?.Location}, outside the table's folder; inserting into it is not supported yet",
                            insert.Table.Span);
                    }
                }
                return session.Catalog.CommitWrite(new TableWriteCommit(table, CreatesTable: false, queryId)
                {
                    NewPartitions = newPartitions,
                    Statistics = writer.Statistics(existingStats, existingRows, DateTimeOffset.UtcNow),
                    SetParameters = CreateTableAsRunner.RowCount(existingRows + data.Rows),
                });
            },
            cancellation);
        return new StatementResult(Schema.Empty, [], outcome.Applied ? outcome.Data.Rows : 0, "INSERT");
    }

    private static bool SameLocation(string? a, string b) =>
        a is not null && string.Equals(a.TrimEnd('/'), b.TrimEnd('/'), StringComparison.Ordinal);

    /// <summary>varchar(n) and char are written as strings: a string of any length fits a string column.</summary>
    private static bool IsStringWidening(DataType from, DataType to) => from.Id == TypeId.Utf8 && to.Id == TypeId.Utf8;

    /// <summary>For each table column (data, then partition keys), the query column that fills it, or -1 for NULL.</summary>
    private static int[] SourceIndexes(InsertInto insert, ColumnInfo[] target, int queryColumns, string database, string name)
    {
        var sources = new int[target.Length];
        if (insert.Columns.Count == 0)
        {
            if (queryColumns != target.Length)
            {
                throw new SemanticException($"Insert query has {queryColumns} columns but table '{database}.{name}' has {target.Length}", insert.Query.Span);
            }
            for (var i = 0; i < sources.Length; i++) sources[i] = i;
            return sources;
        }
        Array.Fill(sources, -1);
        if (insert.Columns.Count != queryColumns)
        {
            throw new SemanticException($"Insert query has {queryColumns} columns but {insert.Columns.Count} columns are listed", insert.Query.Span);
        }
        for (var q = 0; q < insert.Columns.Count; q++)
        {
            var column = insert.Columns[q];
            var index = Array.FindIndex(target, c => c.Name == column.CanonicalValue);
            if (index < 0) throw new NotFoundException(ErrorCode.ColumnNotFound, $"Column '{column.Value}' does not exist in table '{database}.{name}'", column.Span);
            if (sources[index] >= 0) throw new SemanticException($"Column '{column.Value}' is listed more than once", column.Span);
            sources[index] = q;
        }
        return sources;
    }

    private static RecordBatch Convert(RecordBatch batch, Schema target, int[] sources, CastFunc?[] casts)
    {
        var columns = new ArrowArray[target.Count];
        for (var i = 0; i < columns.Length; i++)
        {
            columns[i] = sources[i] < 0
                ? ArrayFactory.AllNull(target.Fields[i].Type, batch.RowCount)
                : casts[i]!(batch.Columns[sources[i]], false);
        }
        return new RecordBatch(target, columns, batch.RowCount);
    }
}
