using System.Text;

namespace QueryEngine.Engine.Tests.SqlLogic;

/// <summary>Compares expected and actual result lines the way the format promises (see <see cref="SltParser"/>).</summary>
public static class SltComparer
{
    public const string Ignore = "<slt:ignore>";

    private const int ShownLines = 40;

    /// <summary>Trims the line and collapses every run of whitespace into one space.</summary>
    public static string Normalize(string line)
    {
        var sb = new StringBuilder(line.Length);
        var pendingSpace = false;
        foreach (var c in line)
        {
            if (char.IsWhiteSpace(c))
            {
                pendingSpace = sb.Length > 0;
                continue;
            }
            if (pendingSpace) sb.Append(' ');
            pendingSpace = false;
            sb.Append(c);
        }
        return sb.ToString();
    }

    /// <summary>Normalized lines, sorted (ordinal) unless <paramref name="sort"/> is <see cref="SltSortMode.NoSort"/>.</summary>
    public static List<string> Arrange(IEnumerable<string> lines, SltSortMode sort)
    {
        var result = lines.Select(Normalize).ToList();
        if (sort != SltSortMode.NoSort) result.Sort(StringComparer.Ordinal);
        return result;
    }

    /// <summary>Whether a normalized actual line matches a normalized expected line, where <c>&lt;slt:ignore&gt;</c> matches any text.</summary>
    public static bool LineMatches(string expected, string actual)
    {
        if (!expected.Contains(Ignore, StringComparison.Ordinal)) return expected == actual;
        var parts = expected.Split(Ignore);
        if (!actual.StartsWith(parts[0], StringComparison.Ordinal)) return false;
        var at = parts[0].Length;
        for (var p = 1; p < parts.Length - 1; p++)
        {
            var found = actual.IndexOf(parts[p], at, StringComparison.Ordinal);
            if (found < 0) return false;
            at = found + parts[p].Length;
        }
        var last = parts[^1];
        return actual.Length - at >= last.Length && actual.EndsWith(last, StringComparison.Ordinal);
    }

    /// <summary>Null when the results match, otherwise a description of the difference.</summary>
    public static string? Compare(IReadOnlyList<string> expected, IReadOnlyList<string> actual, SltSortMode sort)
    {
        var e = Arrange(expected, sort);
        var a = Arrange(actual, sort);
        var firstDifference = -1;
        for (var i = 0; i < Math.Max(e.Count, a.Count); i++)
        {
            if (i >= e.Count || i >= a.Count || !LineMatches(e[i], a[i]))
            {
                firstDifference = i;
                break;
            }
        }
        if (firstDifference < 0) return null;

        var sb = new StringBuilder();
        sb.Append("expected ").Append(Count(e.Count)).Append(", got ").Append(Count(a.Count));
        if (sort != SltSortMode.NoSort) sb.Append(" (both sorted)");
        sb.Append("; first difference at line ").Append(firstDifference + 1).Append('\n');
        sb.Append("  expected: ").Append(firstDifference < e.Count ? e[firstDifference] : "(no more lines)").Append('\n');
        sb.Append("  actual:   ").Append(firstDifference < a.Count ? a[firstDifference] : "(no more lines)").Append('\n');
        AppendBlock(sb, "expected", e);
        AppendBlock(sb, "actual", a);
        return sb.ToString();
    }

    private static string Count(int lines) => lines == 1 ? "1 line" : $"{lines} lines";

    private static void AppendBlock(StringBuilder sb, string title, List<string> lines)
    {
        sb.Append("--- ").Append(title).Append('\n');
        for (var i = 0; i < Math.Min(lines.Count, ShownLines); i++) sb.Append(lines[i]).Append('\n');
        if (lines.Count > ShownLines) sb.Append("... ").Append(lines.Count - ShownLines).Append(" more\n");
    }
}
