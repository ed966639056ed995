using System.Data.Common;
using QueryEngine.Metastore.Crawlers.Definitions;

namespace QueryEngine.Metastore.Store;

/// <summary>Crawler definitions and run history in the CRAWLERS, CRAWLER_PATHS and CRAWL_RUNS tables (migration 3).</summary>
public abstract partial class RelationalCatalog : ICrawlerStore
{
    private const string IncludePath = "I";
    private const string ExcludePath = "E";

    public void CreateCrawler(CrawlerDefinition crawler)
    {
        var normalized = CrawlerRules.Normalize(crawler);
        var now = DateTimeOffset.UtcNow;
        Write(
            transaction =>
            {
                if (FindCrawlerId(transaction, normalized.Name) is not null) throw CrawlerRules.Exists(normalized.Name);
                var id = DbCommands.ScalarInt64(
                    transaction,
                    """
                    INSERT INTO CRAWLERS (NAME, DB_NAME, DESCRIPTION, TABLE_PREFIX, CSV_CLASSIFIER, CSV_DELIMITER, CSV_QUOTE, CSV_HEADER,
                        UPDATE_BEHAVIOR, DELETE_BEHAVIOR, RECRAWL_BEHAVIOR, TABLE_GROUPING, SCHEDULE, CREATE_TIME, LAST_UPDATED)
                    VALUES (@name, @db, @description, @prefix, @csv, @delimiter, @quote, @header,
                        @update, @delete, @recrawl, @grouping, @schedule, @created, @updated)
                    RETURNING CRAWLER_ID
                    """,
                    [.. CrawlerColumns(normalized, now), ("@created", now.ToUnixTimeMilliseconds())])!.Value;
                InsertCrawlerPaths(transaction, id, normalized);
            },
            onDuplicate: () => CrawlerRules.Exists(normalized.Name));
    }

    public void UpdateCrawler(CrawlerDefinition crawler)
    {
        var normalized = CrawlerRules.Normalize(crawler);
        Write(transaction =>
        {
            if (FindCrawlerId(transaction, normalized.Name) is not { } id) throw CrawlerRules.NotFound(normalized.Name);
            DbCommands.Execute(
                transaction,
                """
                UPDATE CRAWLERS SET DB_NAME = @db, DESCRIPTION = @description, TABLE_PREFIX = @prefix, CSV_CLASSIFIER = @csv,
                    CSV_DELIMITER = @delimiter, CSV_QUOTE = @quote, CSV_HEADER = @header, UPDATE_BEHAVIOR = @update,
                    DELETE_BEHAVIOR = @delete, RECRAWL_BEHAVIOR = @recrawl, TABLE_GROUPING = @grouping, SCHEDULE = @schedule,
                    LAST_UPDATED = @updated
                WHERE NAME = @name
                """,
                CrawlerColumns(normalized, DateTimeOffset.UtcNow));
            DbCommands.Execute(transaction, "DELETE FROM CRAWLER_PATHS WHERE CRAWLER_ID = @id", ("@id", id));
            InsertCrawlerPaths(transaction, id, normalized);
        });
    }

    public CrawlerDefinition? GetCrawler(string name)
    {
        var key = CrawlerRules.NormalizeName(name);
        return Read(transaction => ReadCrawlers(transaction, key).FirstOrDefault());
    }

    public IReadOnlyList<CrawlerDefinition> ListCrawlers() => Read(transaction => ReadCrawlers(transaction, null));

    public void DeleteCrawler(string name)
    {
        var key = CrawlerRules.NormalizeName(name);
        Write(transaction =>
        {
            if (DbCommands.Execute(transaction, "DELETE FROM CRAWLERS WHERE NAME = @name", ("@name", key)) == 0) throw CrawlerRules.NotFound(key);
        });
    }

    public long StartCrawlRun(string crawler, DateTimeOffset start)
    {
        var key = CrawlerRules.NormalizeName(crawler);
        long runId = 0;
        Write(transaction =>
        {
            if (FindCrawlerId(transaction, key) is not { } id) throw CrawlerRules.NotFound(key);
            // Touching the crawler's row takes its row lock (PostgreSQL) on top of SQLite's write lock, so two processes
            // starting the same crawler are serialized and the second one sees the first one's RUNNING row.
            DbCommands.Execute(transaction, "UPDATE CRAWLERS SET LAST_UPDATED = LAST_UPDATED WHERE CRAWLER_ID = @id", ("@id", id));
            RefuseWhileRunning(transaction, id, key, start);
            runId = DbCommands.ScalarInt64(
                transaction,
                "INSERT INTO CRAWL_RUNS (CRAWLER_ID, START_TIME, STATUS) VALUES (@crawler, @start, @status) RETURNING RUN_ID",
                ("@crawler", id),
                ("@start", start.ToUnixTimeMilliseconds()),
                ("@status", StatusName(CrawlRunStatus.Running)))!.Value;
        });
        return runId;
    }

    public void FinishCrawlRun(long runId, DateTimeOffset end, CrawlRunStatus status, CrawlRunCounts counts, string? message)
    {
        Write(transaction =>
        {
            var updated = DbCommands.Execute(
                transaction,
                """
                UPDATE CRAWL_RUNS SET END_TIME = @end, STATUS = @status, TABLES_CREATED = @created, TABLES_UPDATED = @updated,
                    TABLES_DELETED = @deleted, PARTITIONS_ADDED = @added, PARTITIONS_REMOVED = @removed, FILES_SKIPPED = @skipped, MESSAGE = @message
                WHERE RUN_ID = @run
                """,
                ("@end", end.ToUnixTimeMilliseconds()),
                ("@status", StatusName(status)),
                ("@created", counts.TablesCreated),
                ("@updated", counts.TablesUpdated),
                ("@deleted", counts.TablesDeleted),
                ("@added", counts.PartitionsAdded),
                ("@removed", counts.PartitionsRemoved),
                ("@skipped", counts.FilesSkipped),
                ("@message", message),
                ("@run", runId));
            if (updated == 0) throw new Engine.Common.InternalException($"crawl run {runId} is not recorded");
        });
    }

    public IReadOnlyList<CrawlRun> ListCrawlRuns(string crawler, int limit = 100)
    {
        var key = CrawlerRules.NormalizeName(crawler);
        return Read(transaction =>
        {
            if (FindCrawlerId(transaction, key) is not { } id) throw CrawlerRules.NotFound(key);
            using var command = DbCommands.Create(
                transaction,
                """
                SELECT RUN_ID, START_TIME, END_TIME, STATUS, TABLES_CREATED, TABLES_UPDATED, TABLES_DELETED,
                    PARTITIONS_ADDED, PARTITIONS_REMOVED, FILES_SKIPPED, MESSAGE
                FROM CRAWL_RUNS WHERE CRAWLER_ID = @crawler ORDER BY RUN_ID DESC LIMIT @limit
                """,
                ("@crawler", id),
                ("@limit", limit));
            using var reader = command.ExecuteReader();
            var runs = new List<CrawlRun>();
            while (reader.Read())
            {
                runs.Add(new CrawlRun(
                    reader.GetInt64(0),
                    key,
                    DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(1)),
                    reader.NullableInt64(2) is { } end ? DateTimeOffset.FromUnixTimeMilliseconds(end) : null,
                    ParseStatus(reader.GetString(3)),
                    new CrawlRunCounts(reader.GetInt32(4), reader.GetInt32(5), reader.GetInt32(6), reader.GetInt32(7), reader.GetInt32(8), reader.GetInt32(9)),
                    reader.NullableString(10)));
            }
            return runs;
        });
    }

    /// <summary>
    /// Throws <see cref="CrawlerRunningException"/> when the crawler has a RUNNING run; runs RUNNING for longer than
    /// <see cref="CrawlerRules.StaleRunHours"/> are recorded as FAILED (abandoned) instead.
    /// </summary>
    private static void RefuseWhileRunning(DbTransaction transaction, long crawlerId, string name, DateTimeOffset now)
    {
        var running = new List<(long Id, DateTimeOffset Start)>();
        using (var command = DbCommands.Create(
            transaction,
            "SELECT RUN_ID, START_TIME FROM CRAWL_RUNS WHERE CRAWLER_ID = @crawler AND STATUS = @status ORDER BY RUN_ID",
            ("@crawler", crawlerId),
            ("@status", StatusName(CrawlRunStatus.Running))))
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read()) running.Add((reader.GetInt64(0), DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(1))));
        }
        foreach (var (runId, start) in running)
        {
            if (now - start < TimeSpan.FromHours(CrawlerRules.StaleRunHours)) throw new CrawlerRunningException(name, runId, start);
            DbCommands.Execute(
                transaction,
                "UPDATE CRAWL_RUNS SET END_TIME = @end, STATUS = @status, MESSAGE = @message WHERE RUN_ID = @run",
                ("@end", now.ToUnixTimeMilliseconds()),
                ("@status", StatusName(CrawlRunStatus.Failed)),
                ("@message", $"abandoned: still RUNNING after {CrawlerRules.StaleRunHours} hours (its process ended without recording the outcome)"),
                ("@run", runId));
        }
    }

    private static (string Name, object? Value)[] CrawlerColumns(CrawlerDefinition crawler, DateTimeOffset updated) =>
    [
        ("@name", crawler.Name),
        ("@db", crawler.Database),
        ("@description", crawler.Description),
        ("@prefix", crawler.TablePrefix),
        ("@csv", crawler.Csv is not null),
        ("@delimiter", crawler.Csv?.Delimiter?.ToString()),
        ("@quote", crawler.Csv?.Quote.ToString()),
        ("@header", crawler.Csv?.Header.ToString()),
        ("@update", crawler.SchemaChange.Update.ToString()),
        ("@delete", crawler.SchemaChange.Delete.ToString()),
        ("@recrawl", crawler.Recrawl.ToString()),
        ("@grouping", crawler.Grouping.ToString()),
        ("@schedule", crawler.Schedule),
        ("@updated", updated.ToUnixTimeMilliseconds()),
    ];

    private static void InsertCrawlerPaths(DbTransaction transaction, long crawlerId, CrawlerDefinition crawler)
    {
        using var command = DbCommands.Create(
            transaction,
            "INSERT INTO CRAWLER_PATHS (CRAWLER_ID, KIND, INTEGER_IDX, PATH) VALUES (@crawler, @kind, @idx, @path)",
            ("@crawler", crawlerId));
        var kind = DbCommands.Add(command, "@kind", null);
        var index = DbCommands.Add(command, "@idx", null);
        var path = DbCommands.Add(command, "@path", null);
        foreach (var (paths, code) in new[] { (crawler.Targets, IncludePath), (crawler.Exclusions, ExcludePath) })
        {
            for (var i = 0; i < paths.Count; i++)
            {
                kind.Value = code;
                index.Value = i;
                path.Value = paths[i];
                command.ExecuteNonQuery();
            }
        }
    }

    private static List<CrawlerDefinition> ReadCrawlers(DbTransaction transaction, string? name)
    {
        var rows = new List<(long Id, CrawlerDefinition Definition)>();
        using (var command = DbCommands.Create(
            transaction,
            """
            SELECT CRAWLER_ID, NAME, DB_NAME, DESCRIPTION, TABLE_PREFIX, CSV_CLASSIFIER, CSV_DELIMITER, CSV_QUOTE, CSV_HEADER,
                UPDATE_BEHAVIOR, DELETE_BEHAVIOR, RECRAWL_BEHAVIOR, TABLE_GROUPING, SCHEDULE, CREATE_TIME, LAST_UPDATED
            FROM CRAWLERS
            """ + (name is null ? "" : " WHERE NAME = @name"),
            name is null ? [] : [("@name", name)]))
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                var csv = reader.GetBoolean(5)
                    ? new CsvClassifierDefinition(
                        reader.NullableString(6) is { Length: 1 } delimiter ? delimiter[0] : null,
                        reader.NullableString(7) is { Length: 1 } quote ? quote[0] : '"',
                        Enum.Parse<CsvHeaderSetting>(reader.NullableString(8) ?? nameof(CsvHeaderSetting.Detect)))
                    : null;
                rows.Add((reader.GetInt64(0), new CrawlerDefinition(reader.GetString(1), reader.GetString(2), [], [])
                {
                    Description = reader.NullableString(3),
                    TablePrefix = reader.GetString(4),
                    Csv = csv,
                    SchemaChange = new SchemaChangePolicy(Enum.Parse<SchemaUpdateBehavior>(reader.GetString(9)), Enum.Parse<DeletedObjectBehavior>(reader.GetString(10))),
                    Recrawl = Enum.Parse<RecrawlBehavior>(reader.GetString(11)),
                    Grouping = Enum.Parse<TableGroupingPolicy>(reader.GetString(12)),
                    Schedule = reader.NullableString(13),
                    CreateTime = DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(14)),
                    LastUpdated = DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(15)),
                }));
            }
        }
        rows.Sort((a, b) => string.CompareOrdinal(a.Definition.Name, b.Definition.Name));
        var result = new List<CrawlerDefinition>(rows.Count);
        foreach (var (id, definition) in rows)
        {
            var targets = new List<string>();
            var exclusions = new List<string>();
            using var command = DbCommands.Create(
                transaction,
                "SELECT KIND, PATH FROM CRAWLER_PATHS WHERE CRAWLER_ID = @crawler ORDER BY KIND, INTEGER_IDX",
                ("@crawler", id));
            using var reader = command.ExecuteReader();
            while (reader.Read()) (reader.GetString(0) == IncludePath ? targets : exclusions).Add(reader.GetString(1));
            result.Add(definition with { Targets = targets, Exclusions = exclusions });
        }
        return result;
    }

    private static long? FindCrawlerId(DbTransaction transaction, string name) =>
        DbCommands.ScalarInt64(transaction, "SELECT CRAWLER_ID FROM CRAWLERS WHERE NAME = @name", ("@name", name));

    private static string StatusName(CrawlRunStatus status) => status.ToString().ToUpperInvariant();

    private static CrawlRunStatus ParseStatus(string text) => Enum.Parse<CrawlRunStatus>(text, ignoreCase: true);
}
