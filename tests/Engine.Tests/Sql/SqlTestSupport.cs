using System.Collections;
using System.Reflection;
using QueryEngine.Engine.Sql;
using QueryEngine.Engine.Sql.Ast;
using Xunit;

namespace QueryEngine.Engine.Tests.Sql;

/// <summary>Helpers shared by the SQL front-end tests.</summary>
internal static class SqlTestSupport
{
    /// <summary>
    /// Structural comparison by reflection over public properties, ignoring <see cref="Node.Span"/> and
    /// <see cref="CreateView.QueryText"/>. Independent of the records' own Equals, so it also checks that.
    /// Returns null when equal, else the path of the first difference.
    /// </summary>
    public static string? FindDifference(object? expected, object? actual, string path = "$")
    {
        if (expected is null || actual is null)
        {
            return expected is null && actual is null ? null : $"{path}: {Show(expected)} vs {Show(actual)}";
        }

        if (expected.GetType() != actual.GetType())
        {
            return $"{path}: type {expected.GetType().Name} vs {actual.GetType().Name}";
        }

        if (expected is string || expected.GetType().IsPrimitive || expected.GetType().IsEnum)
        {
            return expected.Equals(actual) ? null : $"{path}: {Show(expected)} vs {Show(actual)}";
        }

        if (expected is IEnumerable expectedItems && actual is IEnumerable actualItems)
        {
            var left = expectedItems.Cast<object?>().ToList();
            var right = actualItems.Cast<object?>().ToList();
            if (left.Count != right.Count) return $"{path}: {left.Count} items vs {right.Count}";
            for (var i = 0; i < left.Count; i++)
            {
                var difference = FindDifference(left[i], right[i], $"{path}[{i}]");
                if (difference is not null) return difference;
            }

            return null;
        }

        foreach (var property in expected.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (property.Name is "Span" or "QueryText" || property.GetIndexParameters().Length > 0) continue;
            var difference = FindDifference(property.GetValue(expected), property.GetValue(actual), $"{path}.{property.Name}");
            if (difference is not null) return difference;
        }

        return null;
    }

    private static string Show(object? value) => value switch
    {
        null => "null",
        string s => $"\"{s}\"",
        _ => value.ToString() ?? value.GetType().Name,
    };

    public static void AssertSameTree(Node expected, Node actual, string context)
    {
        var difference = FindDifference(expected, actual);
        Assert.True(difference is null, $"{context}\n  difference at {difference}");
        Assert.Equal(expected, actual);
        Assert.Equal(expected.GetHashCode(), actual.GetHashCode());
    }

    /// <summary>parse -> format -> parse must give an equal tree, and formatting must be idempotent.</summary>
    public static void AssertStatementRoundTrips(string sql)
    {
        var first = SqlParser.ParseStatement(sql);
        var printed = SqlFormatter.Format(first);
        Statement second;
        try
        {
            second = SqlParser.ParseStatement(printed);
        }
        catch (Exception e)
        {
            throw new Xunit.Sdk.XunitException($"formatted SQL does not parse: {e.Message}\n  input:     {sql}\n  formatted: {printed}");
        }

        AssertSameTree(first, second, $"round trip changed the tree\n  input:     {sql}\n  formatted: {printed}");
        Assert.Equal(printed, SqlFormatter.Format(second));
    }

    /// <summary>The TPC-H kit: walks up from the test assembly to a folder holding shared/tpch (or ../shared/tpch).</summary>
    public static string TpchDirectory()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            foreach (var candidate in new[] { Path.Combine(dir.FullName, "shared", "tpch"), Path.Combine(dir.FullName, "..", "shared", "tpch") })
            {
                if (Directory.Exists(Path.Combine(candidate, "queries"))) return Path.GetFullPath(candidate);
            }
        }

        throw new InvalidOperationException("shared/tpch not found above " + AppContext.BaseDirectory);
    }

    public static IEnumerable<(string Name, string Sql)> TpchQueries()
    {
        var directory = Path.Combine(TpchDirectory(), "queries");
        return Directory.GetFiles(directory, "q*.sql").Order(StringComparer.Ordinal)
            .Select(file => (Path.GetFileNameWithoutExtension(file), File.ReadAllText(file)));
    }
}
