using QueryEngine.Engine.Catalog;
using QueryEngine.Engine.Common;
using QueryEngine.Engine.Session;

namespace QueryEngine.Engine.Tests.SqlLogic;

/// <summary>A record that did not behave as written. <see cref="Completable"/> failures are fixed by completion mode.</summary>
public sealed record SltFailure(string File, int Line, string Message, bool Completable)
{
    public override string ToString() => $"{File}:{Line}: {Message}";
}

/// <summary>What a query actually returned, in the form completion mode writes back.</summary>
public sealed record SltQueryOutput(string Types, IReadOnlyList<string> Lines);

public sealed record SltRunResult(IReadOnlyList<SltFailure> Failures, IReadOnlyDictionary<int, SltQueryOutput> Outputs);

/// <summary>
/// Runs one .slt script in its own session (fresh <see cref="InMemoryCatalog"/>, fresh <c>__TEST_DIR__</c>).
/// Every record runs even after a failure, so one run reports all of them.
/// </summary>
public sealed class SltRunner(string? sharedTpch, Func<ITableSourceFactory> sources)
{
    public const string SharedVariable = "__SHARED__";
    public const string TestDirVariable = "__TEST_DIR__";

    public SltRunResult Run(SltScript script)
    {
        var testDir = Path.Combine(Path.GetTempPath(), "qe-slt", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(testDir);
        try
        {
            var run = new FileRun(script, testDir, sharedTpch);
            var session = new QuerySession(new InMemoryCatalog(), sources(), new SessionOptions { Warehouse = Path.Combine(testDir, "warehouse") });
            foreach (var record in script.Records)
            {
                switch (record)
                {
                    case SltHalt:
                        return run.Result();
                    case SltStatement statement:
                        RunStatement(run, session, statement);
                        break;
                    case SltQuery query:
                        RunQuery(run, session, query);
                        break;
                }
            }
            return run.Result();
        }
        finally
        {
            try
            {
                Directory.Delete(testDir, recursive: true);
            }
            catch (IOException)
            {
                // Left for the OS temp cleaner.
            }
        }
    }

    private static void RunStatement(FileRun run, QuerySession session, SltStatement statement)
    {
        if (!run.TrySubstitute(statement, statement.Sql, out var sql)) return;
        try
        {
            session.ExecuteScript(sql);
        }
        catch (QueryException ex)
        {
            if (!statement.ExpectError) run.Fail(statement, $"statement failed:\n{ex.Render(sql)}");
            else run.CheckErrorText(statement, statement.ExpectedError, ex);
            return;
        }
        catch (Exception ex)
        {
            run.FailRaw(statement, ex);
            return;
        }
        if (statement.ExpectError) run.Fail(statement, $"statement succeeded, but an error{Containing(statement.ExpectedError)} was expected:\n{sql}");
    }

    private static void RunQuery(FileRun run, QuerySession session, SltQuery query)
    {
        if (!run.TrySubstitute(query, query.Sql, out var sql)) return;
        StatementResult result;
        try
        {
            result = session.Execute(sql);
        }
        catch (QueryException ex)
        {
            if (!query.ExpectError) run.Fail(query, $"query failed:\n{ex.Render(sql)}");
            else run.CheckErrorText(query, query.ExpectedError, ex);
            return;
        }
        catch (Exception ex)
        {
            run.FailRaw(query, ex);
            return;
        }
        if (query.ExpectError)
        {
            run.Fail(query, $"query succeeded, but an error{Containing(query.ExpectedError)} was expected:\n{sql}");
            return;
        }

        var lines = SltResultRenderer.Render(result, query.Sort);
        for (var i = 0; i < lines.Count; i++) lines[i] = run.Unsubstitute(lines[i]);
        var actualTypes = ActualTypes(query.Types, result);
        var written = query.Sort == SltSortMode.NoSort ? lines : SltComparer.Arrange(lines, query.Sort);
        run.Outputs[query.Line] = new SltQueryOutput(actualTypes, written.Select(l => l.TrimEnd()).ToList());

        if (query.Types.Length != result.Schema.Count)
        {
            run.Fail(query, $"query returned {result.Schema.Count} columns ({result.Schema}), the record declares {query.Types.Length} ('{query.Types}')", completable: true);
        }
        else
        {
            for (var c = 0; c < query.Types.Length; c++)
            {
                var field = result.Schema[c];
                if (!SltTypes.Matches(query.Types[c], field.Type))
                {
                    run.Fail(query, $"column {c + 1} ({field.Name}) has type {field.Type}: its letter is '{SltTypes.LetterOf(field.Type)}', not '{query.Types[c]}'", completable: true);
                }
            }
        }

        if (SltComparer.Compare(query.Expected, lines, query.Sort) is { } difference)
        {
            run.Fail(query, $"wrong result for\n{sql}\n{difference}", completable: true);
        }
        if (query.Label is { } label)
        {
            var arranged = SltComparer.Arrange(lines, query.Sort);
            if (!run.Labels.TryGetValue(label, out var first)) run.Labels[label] = (query.Line, arranged);
            else if (!first.Lines.SequenceEqual(arranged)) run.Fail(query, $"result differs from that of the query labelled '{label}' at line {first.Line}");
        }
    }

    /// <summary>The type letters to write back: the actual ones, keeping the written letter for NULL-typed columns.</summary>
    private static string ActualTypes(string written, StatementResult result)
    {
        var letters = SltTypes.LettersOf(result.Schema).ToCharArray();
        for (var c = 0; c < letters.Length; c++)
        {
            if (result.Schema[c].Type.Id == Columnar.TypeId.Null && c < written.Length) letters[c] = written[c];
        }
        return new string(letters);
    }

    private static string Containing(string? text) => text is null ? string.Empty : $" containing '{text}'";

    /// <summary>The state of one file's run.</summary>
    private sealed class FileRun(SltScript script, string testDir, string? sharedTpch)
    {
        private readonly List<SltFailure> _failures = [];

        public Dictionary<int, SltQueryOutput> Outputs { get; } = [];

        public Dictionary<string, (int Line, List<string> Lines)> Labels { get; } = new(StringComparer.Ordinal);

        public SltRunResult Result() => new(_failures, Outputs);

        public void Fail(SltRecord record, string message, bool completable = false) =>
            _failures.Add(new SltFailure(script.Name, record.Line, message, completable));

        public void FailRaw(SltRecord record, Exception ex) =>
            Fail(record, $"a raw {ex.GetType().FullName} escaped; every error a user can cause must be a QueryException:\n{ex}");

        public void CheckErrorText(SltRecord record, string? expected, QueryException ex)
        {
            var text = Unsubstitute(ex.Describe());
            if (expected is not null && !text.Contains(expected, StringComparison.Ordinal))
            {
                Fail(record, $"the error does not contain '{expected}':\n{text}");
            }
        }

        public bool TrySubstitute(SltRecord record, string text, out string result)
        {
            result = text.Replace(TestDirVariable, testDir, StringComparison.Ordinal);
            if (!result.Contains(SharedVariable, StringComparison.Ordinal)) return true;
            if (sharedTpch is null)
            {
                Fail(record, $"{SharedVariable} is used but no shared/tpch folder was found above {AppContext.BaseDirectory}");
                return false;
            }
            result = result.Replace(SharedVariable, sharedTpch, StringComparison.Ordinal);
            return true;
        }

        /// <summary>Puts the variables back in place of the paths they stand for, so outputs are machine-independent.</summary>
        public string Unsubstitute(string text)
        {
            text = text.Replace(testDir, TestDirVariable, StringComparison.Ordinal);
            return sharedTpch is null ? text : text.Replace(sharedTpch, SharedVariable, StringComparison.Ordinal);
        }
    }
}
