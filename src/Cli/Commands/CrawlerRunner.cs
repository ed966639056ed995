using System.Globalization;
using QueryEngine.Cli.Arguments;
using QueryEngine.Engine.Storage;
using QueryEngine.Metastore.Crawlers;
using QueryEngine.Metastore.Crawlers.Definitions;
using QueryEngine.Metastore.Crawlers.Scheduling;
using QueryEngine.Metastore.Store;

namespace QueryEngine.Cli.Commands;

/// <summary><c>qe crawler ...</c>: crawler definitions kept in the metastore, their runs and their history.</summary>
internal static class CrawlerRunner
{
    public static int Run(CrawlerCommand command, CliConsole console, CancellationToken cancellation)
    {
        var warehouse = Warehouse.Resolve(command.Warehouse, console.Environment, console.CurrentDirectory);
        var catalog = EngineServices.OpenMetastore(command.Metastore, console.Environment, warehouse, console.CurrentDirectory);
        using var lifetime = (IDisposable)catalog;
        var output = console.Output;
        switch (command.Action)
        {
            case "create":
                var created = Apply(new CrawlerDefinition(command.Name!, "", [], []), command.Changes!, console.CurrentDirectory);
                catalog.CreateCrawler(created);
                output.Write($"Crawler {CrawlerRules.NormalizeName(created.Name)} created\n");
                break;
            case "update":
                var current = catalog.GetCrawler(command.Name!) ?? throw CrawlerRules.NotFound(CrawlerRules.NormalizeName(command.Name!));
                catalog.UpdateCrawler(Apply(current, command.Changes!, console.CurrentDirectory));
                output.Write($"Crawler {current.Name} updated\n");
                break;
            case "get":
                Describe(output, catalog.GetCrawler(command.Name!) ?? throw CrawlerRules.NotFound(CrawlerRules.NormalizeName(command.Name!)), catalog);
                break;
            case "list":
                List(output, catalog);
                break;
            case "delete":
                catalog.DeleteCrawler(command.Name!);
                output.Write($"Crawler {CrawlerRules.NormalizeName(command.Name!)} deleted (its tables stay)\n");
                break;
            case "run":
                RunOne(command.Name!, catalog, console, cancellation);
                break;
            case "run-due":
                var runner = new StoredCrawlers(catalog, catalog, EngineServices.CreateStores(console.Environment).Resolve);
                var due = runner.Due(DateTimeOffset.UtcNow);
                if (due.Count == 0) output.Write("No crawler is due\n");
                foreach (var crawler in due) RunOne(crawler.Name, catalog, console, cancellation);
                break;
            case "history":
                History(output, catalog.ListCrawlRuns(command.Name!));
                break;
            case "watch":
                Watch(command.Name!, catalog, console, cancellation);
                break;
            default:
                throw new UsageException($"unknown action '{command.Action}' for 'qe crawler'", "crawler");
        }
        return ExitCodes.Success;
    }

    private static void RunOne(string name, RelationalCatalog catalog, CliConsole console, CancellationToken cancellation)
    {
        var runner = new StoredCrawlers(catalog, catalog, EngineServices.CreateStores(console.Environment).Resolve);
        var crawler = catalog.GetCrawler(name) ?? throw CrawlerRules.NotFound(CrawlerRules.NormalizeName(name));
        var (runId, report) = runner.Run(name, cancellation);
        console.Output.Write(string.Create(CultureInfo.InvariantCulture, $"Crawler {crawler.Name}, run {runId}: "));
        CrawlReportWriter.Write(console.Output, string.Join(", ", crawler.Targets), crawler.Database, report);
    }

    /// <summary>
    /// <c>qe crawler watch NAME</c>: event mode in the foreground until Ctrl-C (a catch-up crawl first, then one crawl
    /// of the folders where files landed after each quiet spell), one line per run.
    /// </summary>
    private static void Watch(string name, RelationalCatalog catalog, CliConsole console, CancellationToken cancellation)
    {
        var crawler = catalog.GetCrawler(name) ?? throw CrawlerRules.NotFound(CrawlerRules.NormalizeName(name));
        var output = TextWriter.Synchronized(console.Output);
        var runner = new StoredCrawlers(catalog, catalog, EngineServices.CreateStores(console.Environment).Resolve);
        var watcher = new EventCrawler(crawler, runner, catalog, line => { output.WriteLine(line); output.Flush(); }, TimeProvider.System, TimeSpan.FromSeconds(2));
        try
        {
            watcher.Start();
            output.WriteLine("Ctrl-C stops");
            output.Flush();
            cancellation.WaitHandle.WaitOne();
        }
        finally
        {
            watcher.DisposeAsync().AsTask().GetAwaiter().GetResult();
            output.WriteLine("Stopped watching");
            output.Flush();
        }
    }

    /// <summary>The definition with the given options applied; relative local targets become absolute.</summary>
    private static CrawlerDefinition Apply(CrawlerDefinition current, CrawlerChanges changes, string currentDirectory)
    {
        var csvGiven = changes.CsvDelimiter is not null || changes.CsvQuote is not null || changes.CsvHeader is not null;
        var csv = current.Csv ?? new CsvClassifierDefinition();
        if (changes.CsvDelimiter is { } delimiter) csv = csv with { Delimiter = delimiter };
        if (changes.CsvQuote is { } quote) csv = csv with { Quote = quote };
        if (changes.CsvHeader is { } header) csv = csv with { Header = header switch { "present" => CsvHeaderSetting.Present, "absent" => CsvHeaderSetting.Absent, _ => CsvHeaderSetting.Detect } };
        var policy = current.SchemaChange;
        if (changes.OnChange is { } onChange) policy = policy with { Update = onChange == "log" ? SchemaUpdateBehavior.Log : SchemaUpdateBehavior.UpdateInDatabase };
        if (changes.OnDelete is { } onDelete)
        {
            policy = policy with { Delete = onDelete switch { "delete" => DeletedObjectBehavior.Delete, "log" => DeletedObjectBehavior.Log, _ => DeletedObjectBehavior.Deprecate } };
        }
        return current with
        {
            Database = changes.Database ?? current.Database,
            Targets = changes.Targets?.Select(t => StorageLocations.GetScheme(t) is null ? Path.GetFullPath(t, currentDirectory) : t).ToArray() ?? current.Targets,
            Exclusions = changes.Exclusions ?? current.Exclusions,
            TablePrefix = changes.TablePrefix ?? current.TablePrefix,
            Csv = csvGiven || current.Csv is not null ? csv : null,
            SchemaChange = policy,
            Recrawl = changes.Recrawl switch
            {
                "new-folders" => RecrawlBehavior.NewFoldersOnly,
                "events" => RecrawlBehavior.Events,
                "everything" => RecrawlBehavior.Everything,
                _ => current.Recrawl,
            },
            Grouping = changes.Grouping is { } grouping ? (grouping == "combine" ? TableGroupingPolicy.CombineCompatibleSchemas : TableGroupingPolicy.Default) : current.Grouping,
            Schedule = changes.Schedule is { } schedule ? (schedule.Equals("none", StringComparison.OrdinalIgnoreCase) ? null : schedule) : current.Schedule,
            Description = changes.Description ?? current.Description,
        };
    }

    private static void Describe(TextWriter output, CrawlerDefinition crawler, RelationalCatalog catalog)
    {
        output.Write($"Name:          {crawler.Name}\n");
        if (crawler.Description is { } description) output.Write($"Description:   {description}\n");
        output.Write($"Database:      {crawler.Database}\n");
        foreach (var target in crawler.Targets) output.Write($"Target:        {target}\n");
        foreach (var exclusion in crawler.Exclusions) output.Write($"Exclude:       {exclusion}\n");
        if (crawler.TablePrefix.Length > 0) output.Write($"Table prefix:  {crawler.TablePrefix}\n");
        if (crawler.Csv is { } csv)
        {
            output.Write($"CSV:           delimiter {(csv.Delimiter is { } d ? Show(d) : "sniffed")}, quote {Show(csv.Quote)}, header {csv.Header.ToString().ToLowerInvariant()}\n");
        }
        output.Write($"On change:     {(crawler.SchemaChange.Update == SchemaUpdateBehavior.Log ? "log" : "update")}\n");
        output.Write($"On delete:     {crawler.SchemaChange.Delete.ToString().ToLowerInvariant()}\n");
        output.Write($"Recrawl:       {crawler.Recrawl switch { RecrawlBehavior.NewFoldersOnly => "new-folders", RecrawlBehavior.Events => "events", _ => "everything" }}\n");
        output.Write($"Grouping:      {(crawler.Grouping == TableGroupingPolicy.CombineCompatibleSchemas ? "combine" : "default")}\n");
        if (crawler.Schedule is { } schedule)
        {
            var next = CronSchedule.Parse(schedule).NextAfter(DateTimeOffset.UtcNow);
            output.Write($"Schedule:      {schedule} (next {(next is { } n ? Time(n) : "never")})\n");
        }
        output.Write($"Created:       {Time(crawler.CreateTime)}\n");
        if (catalog.ListCrawlRuns(crawler.Name, limit: 1) is [var last, ..]) output.Write($"Last run:      {Line(last)}\n");
    }

    private static void List(TextWriter output, RelationalCatalog catalog)
    {
        var crawlers = catalog.ListCrawlers();
        if (crawlers.Count == 0)
        {
            output.Write("No crawlers\n");
            return;
        }
        foreach (var crawler in crawlers)
        {
            var last = catalog.ListCrawlRuns(crawler.Name, limit: 1) is [var run, ..] ? $"{run.Status.ToString().ToUpperInvariant()} {Time(run.StartTime)}" : "never run";
            output.Write($"{crawler.Name}\t{crawler.Database}\t{crawler.Schedule ?? "on demand"}\t{last}\t{string.Join(' ', crawler.Targets)}\n");
        }
    }

    private static void History(TextWriter output, IReadOnlyList<CrawlRun> runs)
    {
        if (runs.Count == 0)
        {
            output.Write("No runs yet\n");
            return;
        }
        foreach (var run in runs)
        {
            output.Write(Line(run) + "\n");
            if (run.Message is { } message)
            {
                foreach (var line in message.Split('\n')) output.Write($"    {line}\n");
            }
        }
    }

    private static string Line(CrawlRun run)
    {
        var c = run.Counts;
        var took = run.EndTime is { } end ? string.Create(CultureInfo.InvariantCulture, $"{(end - run.StartTime).TotalSeconds:0.00} s") : "running";
        return string.Create(CultureInfo.InvariantCulture,
            $"run {run.Id} {run.Status.ToString().ToUpperInvariant()} {Time(run.StartTime)} ({took}): tables created {c.TablesCreated}, updated {c.TablesUpdated}, deleted {c.TablesDeleted}; partitions added {c.PartitionsAdded}, removed {c.PartitionsRemoved}; files skipped {c.FilesSkipped}");
    }

    private static string Time(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture);

    private static string Show(char c) => c == '\t' ? "\\t" : c.ToString();
}
