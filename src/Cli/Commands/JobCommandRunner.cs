using System.Globalization;
using QueryEngine.Cli.Arguments;
using QueryEngine.Engine.Catalog;
using QueryEngine.Engine.Common;
using QueryEngine.Engine.Writing;
using QueryEngine.Metastore.Jobs;

namespace QueryEngine.Cli.Commands;

/// <summary><c>qe job ...</c>: SQL scripts run as named jobs with bookmarks, and their run history.</summary>
internal static class JobCommandRunner
{
    public static int Run(JobCommand command, CliConsole console, CancellationToken cancellation)
    {
        var warehouse = Warehouse.Resolve(command.Warehouse, console.Environment, console.CurrentDirectory);
        var catalog = EngineServices.OpenMetastore(command.Metastore, console.Environment, warehouse, console.CurrentDirectory);
        using var lifetime = (IDisposable)catalog;
        var name = command.Action is "list" or "writes" ? string.Empty : JobRules.NormalizeName(command.Name);
        var output = console.Output;
        switch (command.Action)
        {
            case "run":
                var sql = SqlCommandRunner.ReadSql(command.Script!, console);
                if (command.Database is { } database && catalog.GetDatabase(database) is null) throw CatalogRules.SchemaNotFound(database.ToLowerInvariant());
                var runner = new JobRunner(catalog, filter => EngineServices.CreateSession(catalog, warehouse, command.Database, console.Environment, filter));
                JobRunResult result;
                try
                {
                    result = runner.Run(name, sql, command.Bookmark, cancellation);
                }
                catch (QueryException ex) when (ex is not InternalException)
                {
                    console.Error.Write($"Job {name} failed: {ex.Render(sql)}\n");
                    return ExitCodes.QueryFailed;
                }
                output.Write(string.Create(
                    CultureInfo.InvariantCulture,
                    $"Job {name}, run {result.RunId} SUCCEEDED: {result.Statements} statements, {result.RowsWritten} rows written{(command.Bookmark ? $", {result.FilesRead} new files read" : "")}\n"));
                break;
            case "reset":
                catalog.ResetJobBookmark(name);
                output.Write($"Job {name}: bookmark reset; the next run processes every file\n");
                break;
            case "history":
                History(output, catalog.ListJobRuns(name));
                break;
            case "list":
                List(output, catalog.ListJobs());
                break;
            case "writes":
                Writes(output, WriteRecovery.List(catalog, EngineServices.CreateStores(console.Environment).Resolve, warehouse));
                break;
            case "delete":
                var runs = catalog.DeleteJob(name);
                output.Write(string.Create(CultureInfo.InvariantCulture, $"Job {name} deleted, with its bookmark and the history of its {runs} runs\n"));
                break;
            default:
                throw new UsageException($"unknown action '{command.Action}' for 'qe job'", "job");
        }
        return ExitCodes.Success;
    }

    /// <summary>One line per job: name, runs, and the latest run's status and start.</summary>
    private static void List(TextWriter output, IReadOnlyList<JobSummary> jobs)
    {
        if (jobs.Count == 0)
        {
            output.Write("No jobs\n");
            return;
        }
        foreach (var job in jobs)
        {
            var last = job.LastRun is { } run ? $"last run {run.Id} {run.Status.ToString().ToUpperInvariant()} start {Time(run.StartTime)}" : "no runs";
            output.Write(string.Create(CultureInfo.InvariantCulture, $"{job.Name} created {Time(job.CreateTime)}, {job.Runs} runs, {last}\n"));
        }
    }

    /// <summary>One line per write whose journal is in the warehouse: running, committed with files to rename, or dead before its commit.</summary>
    private static void Writes(TextWriter output, IReadOnlyList<UnfinishedWrite> writes)
    {
        if (writes.Count == 0)
        {
            output.Write("No unfinished writes\n");
            return;
        }
        foreach (var write in writes)
        {
            var what = write.Table ?? write.Target ?? "?";
            output.Write(write.State switch
            {
                UnfinishedWriteState.Running => $"{write.QueryId} running\n",
                UnfinishedWriteState.Committed => string.Create(
                    CultureInfo.InvariantCulture,
                    $"{write.QueryId} {what} COMMITTED, {write.Files} files still to rename (readers see the whole write; the next write or start renames them)\n"),
                _ => string.Create(
                    CultureInfo.InvariantCulture,
                    $"{write.QueryId} {what} NOT COMMITTED, {write.Files} files to delete (nobody sees them; the next write or start deletes them)\n"),
            });
        }
    }

    private static void History(TextWriter output, IReadOnlyList<JobRun> runs)
    {
        foreach (var run in runs)
        {
            var took = run.EndTime is { } end ? string.Create(CultureInfo.InvariantCulture, $"{(end - run.StartTime).TotalSeconds:0.00} s") : "running";
            var ended = run.EndTime is { } e ? Time(e) : "-";
            output.Write(string.Create(
                CultureInfo.InvariantCulture,
                $"run {run.Id} {run.Status.ToString().ToUpperInvariant()} start {Time(run.StartTime)} end {ended} ({took}): rows written {run.RowsWritten}{(run.Bookmark ? $", bookmark, files read {run.FilesRead}" : "")}\n"));
            if (run.Error is { } error)
            {
                foreach (var line in error.Split('\n')) output.Write($"    {line}\n");
            }
        }
    }

    private static string Time(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture);
}
