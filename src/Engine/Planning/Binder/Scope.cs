using QueryEngine.Engine.Common;
using QueryEngine.Engine.Planning.Logical;

namespace QueryEngine.Engine.Planning.Binder;

/// <summary>A column visible to name resolution: its relation's alias (if any), its name and the plan column.</summary>
public sealed record ScopeColumn(string? Qualifier, string Name, ColumnRef Column, bool Hidden = false);

/// <summary>
/// The names visible at one point of a query: the columns of the FROM clause, and the enclosing query's
/// scope for correlated subqueries. Names compare case-insensitively.
/// </summary>
public sealed class Scope
{
    public Scope(IReadOnlyList<ScopeColumn> columns, Scope? outer = null)
    {
        Columns = columns;
        Outer = outer;
    }

    public IReadOnlyList<ScopeColumn> Columns { get; }

    public Scope? Outer { get; }

    /// <summary>Ids of outer columns that the subquery bound in this scope referenced (correlations).</summary>
    public HashSet<int> OuterReferences { get; } = [];

    /// <summary>Where an inner query first resolved a name to one of this scope's columns (a correlated reference), if any did.</summary>
    public SourceSpan? FirstInnerReference { get; private set; }

    public static Scope Empty(Scope? outer = null) => new([], outer);

    /// <summary>
    /// Resolves a possibly qualified column name. Looks in this scope first, then outer scopes (recording a
    /// correlation). Returns null when no scope has it.
    /// </summary>
    public ColumnRef? TryResolve(IReadOnlyList<string> parts, SourceSpan span)
    {
        var match = FindLocal(parts, span);
        if (match is not null) return match;
        for (var outer = Outer; outer is not null; outer = outer.Outer)
        {
            match = outer.FindLocal(parts, span);
            if (match is not null)
            {
                OuterReferences.Add(match.Id);
                outer.FirstInnerReference ??= span;
                return match;
            }
        }
        return null;
    }

    private ColumnRef? FindLocal(IReadOnlyList<string> parts, SourceSpan span)
    {
        ColumnRef? found = null;
        var name = parts[^1];
        string? qualifier = parts.Count >= 2 ? parts[^2] : null;
        foreach (var c in Columns)
        {
            if (!string.Equals(c.Name, name, StringComparison.OrdinalIgnoreCase)) continue;
            if (qualifier is not null && !string.Equals(c.Qualifier, qualifier, StringComparison.OrdinalIgnoreCase)) continue;
            if (found is not null && found.Id != c.Column.Id)
            {
                throw new SemanticException($"Column '{string.Join(".", parts)}' is ambiguous", span, code: ErrorCode.AmbiguousName);
            }
            found = c.Column;
        }
        return found;
    }

    /// <summary>Whether any column is qualified by <paramref name="qualifier"/>.</summary>
    public bool HasQualifier(string qualifier)
    {
        foreach (var c in Columns)
        {
            if (string.Equals(c.Qualifier, qualifier, StringComparison.OrdinalIgnoreCase)) return true;
        }
        return false;
    }

    /// <summary>The visible column name closest to <paramref name="name"/> (edit distance), for "did you mean" hints.</summary>
    public string? Suggest(string name)
    {
        string? best = null;
        var bestDistance = int.MaxValue;
        for (var s = this; s is not null; s = s.Outer)
        {
            foreach (var c in s.Columns)
            {
                if (c.Hidden) continue;
                var d = Levenshtein(name.ToLowerInvariant(), c.Name.ToLowerInvariant());
                if (d < bestDistance)
                {
                    bestDistance = d;
                    best = c.Name;
                }
            }
        }
        return best is not null && bestDistance <= Math.Max(2, name.Length / 3) ? best : null;
    }

    internal static int Levenshtein(string a, string b)
    {
        var prev = new int[b.Length + 1];
        var cur = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++) prev[j] = j;
        for (var i = 1; i <= a.Length; i++)
        {
            cur[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                cur[j] = Math.Min(Math.Min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            (prev, cur) = (cur, prev);
        }
        return prev[b.Length];
    }
}
