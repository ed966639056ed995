using System.Globalization;
using System.Text;
using QueryEngine.Engine.Common;

namespace QueryEngine.Engine.Expressions.Functions;

/// <summary>
/// Rewrites a pattern in Java's regular expression syntax (Trino's regexp_* functions) into .NET's where the two
/// differ: possessive quantifiers (<c>a*+</c>) become atomic groups, <c>\Q...\E</c> quoting and <c>\x{h...h}</c> code
/// points become escaped literals, Java's <c>\p{...}</c> names (POSIX classes, <c>In</c> blocks, scripts,
/// <c>Is</c>-prefixed categories and binary properties, <c>java...</c> classes, one-letter <c>\pL</c>) become .NET
/// classes, <c>\d</c>, <c>\w</c>, <c>\s</c> (and negations) match US-ASCII only, <c>\h</c>, <c>\v</c> and <c>\R</c> keep Java's meaning, and nested character classes (union <c>[a[b]]</c>,
/// intersection <c>[a&amp;&amp;[b]]</c>) become .NET constructs. Everything else is passed through unchanged.
/// </summary>
internal static class JavaRegexTranslator
{
    private const string HorizontalSpace = @" \t\u00A0\u1680\u180E\u2000-\u200A\u202F\u205F\u3000";
    private const string VerticalSpace = @"\n\u000B\f\r\u0085\u2028\u2029";

    // Java's predefined classes are US-ASCII only; .NET's \d, \w and \s also match other scripts' digits and letters.
    private const string Digit = "0-9";
    private const string Word = "a-zA-Z0-9_";
    private const string Space = @" \t\n\u000B\f\r";
    private const string NotDigit = @"\u0000-/:-\uFFFF";
    private const string NotWord = @"\u0000-/:-@\[-\^`{-\uFFFF";
    private const string NotSpace = @"\u0000-\u0008\u000E-\u001F!-\uFFFF";

    public static string ToDotNet(string java)
    {
        var output = new StringBuilder(java.Length + 8);
        var groupStarts = new Stack<int>();
        var atomStart = -1;
        var i = 0;
        while (i < java.Length)
        {
            var c = java[i];
            switch (c)
            {
                case '\\':
                {
                    var start = output.Length;
                    var lastAtom = atomStart;
                    i = Escape(java, i, output, ref lastAtom);
                    if (output.Length > start) atomStart = lastAtom;
                    continue;
                }
                case '[':
                    atomStart = output.Length;
                    i = CharacterClass(java, i, output);
                    continue;
                case '(':
                    groupStarts.Push(output.Length);
                    output.Append(c);
                    atomStart = -1;
                    // Group constructs such as (?<name>...) or (?:...) are copied with their prefix.
                    i++;
                    continue;
                case ')':
                    output.Append(c);
                    atomStart = groupStarts.Count > 0 ? groupStarts.Pop() : -1;
                    i++;
                    continue;
                case '*' or '+' or '?' or '{':
                {
                    var end = QuantifierEnd(java, i);
                    if (end < 0)
                    {
                        output.Append(c);
                        atomStart = output.Length - 1;
                        i++;
                        continue;
                    }
                    var quantifier = java.AsSpan(i, end - i);
                    if (end < java.Length && java[end] == '+' && atomStart >= 0)
                    {
                        // Possessive: the quantified atom never gives back what it matched, as an atomic group.
                        output.Insert(atomStart, "(?>").Append(quantifier).Append(')');
                        i = end + 1;
                    }
                    else
                    {
                        output.Append(quantifier);
                        i = end;
                        if (i < java.Length && java[i] == '?') output.Append(java[i++]);
                    }
                    atomStart = -1;
                    continue;
                }
                default:
                    atomStart = output.Length;
                    output.Append(c);
                    i++;
                    continue;
            }
        }
        return output.ToString();
    }

    /// <summary>End (exclusive) of the quantifier starting at <paramref name="i"/>, or -1 when '{' does not start one.</summary>
    private static int QuantifierEnd(string java, int i)
    {
        if (java[i] != '{') return i + 1;
        var j = i + 1;
        var digits = 0;
        while (j < java.Length && char.IsAsciiDigit(java[j])) { j++; digits++; }
        if (digits == 0) return -1;
        if (j < java.Length && java[j] == ',')
        {
            j++;
            while (j < java.Length && char.IsAsciiDigit(java[j])) j++;
        }
        return j < java.Length && java[j] == '}' ? j + 1 : -1;
    }

    /// <summary>Translates the escape at <paramref name="i"/> (outside a class); returns the index after it.</summary>
    private static int Escape(string java, int i, StringBuilder output, ref int lastAtom)
    {
        lastAtom = output.Length;
        if (i + 1 >= java.Length) throw Error(java, i, "trailing backslash");
        var e = java[i + 1];
        switch (e)
        {
            case 'Q':
            {
                var end = java.IndexOf(@"\E", i + 2, StringComparison.Ordinal);
                var quoted = end < 0 ? java[(i + 2)..] : java[(i + 2)..end];
                // Each character escaped on its own: a quantifier after \E applies to the last one only, as in Java.
                foreach (var ch in quoted)
                {
                    lastAtom = output.Length;
                    output.Append(System.Text.RegularExpressions.Regex.Escape(ch.ToString()));
                }
                return end < 0 ? java.Length : end + 2;
            }
            case 'E':
                return i + 2;
            case 'x' when i + 2 < java.Length && java[i + 2] == '{':
            {
                var (codePoint, next) = CodePoint(java, i);
                var text = char.ConvertFromUtf32(codePoint);
                if (text.Length == 1) output.Append(@"\u").Append(((int)text[0]).ToString("X4", CultureInfo.InvariantCulture));
                else output.Append("(?:").Append(@"\u").Append(((int)text[0]).ToString("X4", CultureInfo.InvariantCulture))
                    .Append(@"\u").Append(((int)text[1]).ToString("X4", CultureInfo.InvariantCulture)).Append(')');
                return next;
            }
            case 'p' or 'P':
            {
                var (name, next) = PropertyName(java, i);
                var set = Property(java, i, name);
                var negated = e == 'P';
                if (set.StartsWith('\\') && set.Length > 2 && set[1] == 'p' && set.IndexOf('\\', 1) < 0)
                {
                    output.Append(negated ? @"\P" : @"\p").Append(set.AsSpan(2));
                }
                else
                {
                    output.Append(negated ? "[^" : "[").Append(set).Append(']');
                }
                return next;
            }
            case 'd': output.Append('[').Append(Digit).Append(']'); return i + 2;
            case 'D': output.Append("[^").Append(Digit).Append(']'); return i + 2;
            case 'w': output.Append('[').Append(Word).Append(']'); return i + 2;
            case 'W': output.Append("[^").Append(Word).Append(']'); return i + 2;
            case 's': output.Append('[').Append(Space).Append(']'); return i + 2;
            case 'S': output.Append("[^").Append(Space).Append(']'); return i + 2;
            case 'h': output.Append('[').Append(HorizontalSpace).Append(']'); return i + 2;
            case 'H': output.Append("[^").Append(HorizontalSpace).Append(']'); return i + 2;
            case 'v': output.Append('[').Append(VerticalSpace).Append(']'); return i + 2;
            case 'V': output.Append("[^").Append(VerticalSpace).Append(']'); return i + 2;
            case 'R': output.Append(@"(?:\r\n|[").Append(VerticalSpace).Append("])"); return i + 2;
            default:
                output.Append('\\').Append(e);
                return i + 2;
        }
    }

    /// <summary>The code point of <c>\x{h...h}</c> at <paramref name="i"/> and the index after it.</summary>
    private static (int CodePoint, int Next) CodePoint(string java, int i)
    {
        var end = java.IndexOf('}', i + 3);
        if (end < 0) throw Error(java, i, @"unclosed hexadecimal escape \x{");
        if (!int.TryParse(java.AsSpan(i + 3, end - i - 3), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var codePoint)
            || codePoint > 0x10FFFF || codePoint is >= 0xD800 and <= 0xDFFF)
        {
            throw Error(java, i, $"hexadecimal code point '{java[(i + 3)..end]}' is not a Unicode scalar value");
        }
        return (codePoint, end + 1);
    }

    /// <summary>The name of <c>\p{Name}</c> or <c>\pL</c> at <paramref name="i"/> and the index after it.</summary>
    private static (string Name, int Next) PropertyName(string java, int i)
    {
        if (i + 2 >= java.Length) throw Error(java, i, @"\p needs a property name");
        if (java[i + 2] != '{') return (java[i + 2].ToString(), i + 3);
        var end = java.IndexOf('}', i + 3);
        if (end < 0) throw Error(java, i, @"unclosed character family \p{");
        return (java[(i + 3)..end], end + 1);
    }

    /// <summary>
    /// The members of Java's property <paramref name="name"/> as the inside of a .NET character class (a single
    /// <c>\p{X}</c> when .NET has the property itself).
    /// </summary>
    private static string Property(string java, int i, string name)
    {
        var bare = name.Replace("_", "", StringComparison.Ordinal);
        if (bare.StartsWith("In", StringComparison.Ordinal) && bare.Length > 2) return @"\p{Is" + bare[2..] + "}";
        if (bare.StartsWith("Is", StringComparison.Ordinal) && bare.Length > 2) bare = bare[2..];
        if (IsGeneralCategory(bare)) return @"\p{" + bare + "}";
        return bare switch
        {
            // POSIX classes: US-ASCII only, as java.util.regex defines them.
            "Lower" => "a-z",
            "Upper" => "A-Z",
            "ASCII" => @"\u0000-\u007F",
            "Alpha" => "a-zA-Z",
            "Digit" => "0-9",
            "Alnum" => "a-zA-Z0-9",
            "Punct" => @"!-/:-@\[-`{-~",
            "Graph" => "!-~",
            "Print" => " -~",
            "Blank" => @" \t",
            "Cntrl" => @"\u0000-\u001F\u007F",
            "XDigit" => "0-9a-fA-F",
            "Space" => @" \t\n\u000B\f\r",
            // java.lang.Character classes and binary properties.
            "javaLowerCase" or "Lowercase" => @"\p{Ll}",
            "javaUpperCase" or "Uppercase" => @"\p{Lu}",
            "javaTitleCase" or "TitleCase" => @"\p{Lt}",
            "javaDigit" => @"\p{Nd}",
            "javaLetter" or "Letter" => @"\p{L}",
            "javaLetterOrDigit" => @"\p{L}\p{Nd}",
            "javaAlphabetic" or "Alphabetic" => @"\p{L}\p{Nl}",
            "javaWhitespace" => @"\t\n\u000B\f\r\u001C-\u001F \u1680\u2000-\u2006\u2008-\u200A\u2028\u2029\u205F\u3000",
            "WhiteSpace" => @"\t\n\u000B\f\r\u0085\p{Z}",
            "Punctuation" => @"\p{P}",
            "Control" => @"\p{Cc}",
            "HexDigit" => @"0-9a-fA-F\uFF10-\uFF19\uFF21-\uFF26\uFF41-\uFF46",
            "Ideographic" => @"\u3006\u3007\u3021-\u3029\u3038-\u303A\u3400-\u4DBF\u4E00-\u9FFF\uF900-\uFAFF",
            // Scripts (Trino names them directly): the code point ranges of each script's letters in the BMP.
            "Latin" => @"A-Za-z\u00AA\u00BA\u00C0-\u00D6\u00D8-\u00F6\u00F8-\u02B8\u02E0-\u02E4\u1D00-\u1D25\u1D2C-\u1D5C\u1D62-\u1D65\u1D6B-\u1D77\u1D79-\u1DBE\u1E00-\u1EFF\u2071\u207F\u2090-\u209C\u212A\u212B\u2132\u214E\u2160-\u2188\u2C60-\u2C7F\uA722-\uA787\uA78B-\uA7FF\uAB30-\uAB5A\uAB5C-\uAB64\uFB00-\uFB06\uFF21-\uFF3A\uFF41-\uFF5A",
            "Greek" => @"\u0370-\u0373\u0375-\u0377\u037A-\u037D\u037F\u0384\u0386\u0388-\u038A\u038C\u038E-\u03A1\u03A3-\u03E1\u03F0-\u03FF\u1D26-\u1D2A\u1D5D-\u1D61\u1D66-\u1D6A\u1DBF\u1F00-\u1FFE\u2126\uAB65",
            "Cyrillic" => @"\u0400-\u0484\u0487-\u052F\u1C80-\u1C88\u1D2B\u1D78\u2DE0-\u2DFF\uA640-\uA69F\uFE2E\uFE2F",
            "Armenian" => @"\u0531-\u0556\u0559-\u058A\u058D-\u058F\uFB13-\uFB17",
            "Hebrew" => @"\u0591-\u05C7\u05D0-\u05EA\u05EF-\u05F4\uFB1D-\uFB36\uFB38-\uFB4F",
            "Arabic" => @"\u0600-\u0604\u0606-\u060B\u060D-\u061A\u061C-\u061E\u0620-\u063F\u0641-\u064A\u0656-\u066F\u0671-\u06DC\u06DE-\u06FF\u0750-\u077F\u08A0-\u08FF\uFB50-\uFDFF\uFE70-\uFEFC",
            "Thai" => @"\u0E01-\u0E3A\u0E40-\u0E5B",
            "Hangul" => @"\u1100-\u11FF\u302E\u302F\u3131-\u318E\u3200-\u321E\u3260-\u327E\uA960-\uA97C\uAC00-\uD7A3\uD7B0-\uD7C6\uD7CB-\uD7FB\uFFA0-\uFFDC",
            "Hiragana" => @"\u3041-\u3096\u309D-\u309F",
            "Katakana" => @"\u30A1-\u30FA\u30FD-\u30FF\u31F0-\u31FF\u32D0-\u32FE\u3300-\u3357\uFF66-\uFF6F\uFF71-\uFF9D",
            "Han" => @"\u2E80-\u2E99\u2E9B-\u2EF3\u2F00-\u2FD5\u3005\u3007\u3021-\u3029\u3038-\u303B\u3400-\u4DBF\u4E00-\u9FFF\uF900-\uFA6D\uFA70-\uFAD9",
            "Devanagari" => @"\u0900-\u0950\u0955-\u0963\u0966-\u097F\uA8E0-\uA8FF",
            _ => throw Error(java, i, $"unknown Unicode property name '{name}'"),
        };
    }

    private static bool IsGeneralCategory(string name) => name is
        "L" or "Lu" or "Ll" or "Lt" or "Lm" or "Lo" or "M" or "Mn" or "Mc" or "Me" or "N" or "Nd" or "Nl" or "No"
        or "P" or "Pc" or "Pd" or "Ps" or "Pe" or "Pi" or "Pf" or "Po" or "S" or "Sm" or "Sc" or "Sk" or "So"
        or "Z" or "Zs" or "Zl" or "Zp" or "C" or "Cc" or "Cf" or "Cs" or "Co" or "Cn";

    /// <summary>
    /// Translates the character class opening at <paramref name="i"/>; returns the index after its ']'. A class with a
    /// Java intersection (<c>&amp;&amp;</c>) becomes a lookahead for every operand but the last, then the last.
    /// </summary>
    private static int CharacterClass(string java, int i, StringBuilder output)
    {
        var (operands, negated, next) = ClassOperands(java, i);
        if (operands.Count == 1)
        {
            var (content, operandNegated) = operands[0];
            if (negated && operandNegated) throw Error(java, i, "a negated class inside a negated class is not supported");
            output.Append(negated || operandNegated ? "[^" : "[").Append(content).Append(']');
            return next;
        }
        if (negated) throw Error(java, i, "a negated character class intersection is not supported");
        // [a&&b&&c]: a character in all of them.
        output.Append("(?:");
        for (var k = 0; k < operands.Count; k++)
        {
            var (content, operandNegated) = operands[k];
            if (k < operands.Count - 1) output.Append("(?=");
            output.Append(operandNegated ? "[^" : "[").Append(content).Append(']');
            if (k < operands.Count - 1) output.Append(')');
        }
        output.Append(')');
        return next;
    }

    /// <summary>
    /// The '&amp;&amp;' operands of the class at <paramref name="i"/>, each as the inside of a .NET class and whether it
    /// is negated (an operand that is one nested negated class, as in <c>[a-z&amp;&amp;[^aeiou]]</c>).
    /// </summary>
    private static (List<(string Content, bool Negated)> Operands, bool Negated, int Next) ClassOperands(string java, int i)
    {
        var operands = new List<(string, bool)>();
        var current = new StringBuilder();
        var currentNegated = false;
        var j = i + 1;
        var negated = j < java.Length && java[j] == '^';
        if (negated) j++;
        var first = true;
        while (true)
        {
            if (j >= java.Length) throw Error(java, i, "unclosed character class");
            var c = java[j];
            if (c == ']' && !first) { j++; break; }
            first = false;
            if (currentNegated && !(c == ']' || c == '&' && j + 1 < java.Length && java[j + 1] == '&'))
            {
                throw Error(java, j, "a negated nested character class must be a whole operand of an intersection");
            }
            if (c == '&' && j + 1 < java.Length && java[j + 1] == '&')
            {
                operands.Add(Operand(java, i, current, currentNegated));
                current.Clear();
                currentNegated = false;
                j += 2;
                continue;
            }
            if (c == '[')
            {
                // A nested class: its members join this operand (union), or, negated, it is the whole operand.
                var (inner, innerNegated, innerNext) = ClassOperands(java, j);
                if (inner.Count != 1 || inner[0].Negated) throw Error(java, j, "a nested character class intersection is not supported");
                if (innerNegated)
                {
                    if (current.Length > 0) throw Error(java, j, "a negated nested character class must be a whole operand of an intersection");
                    currentNegated = true;
                }
                current.Append(inner[0].Content);
                j = innerNext;
                continue;
            }
            if (c == '\\')
            {
                j = ClassEscape(java, j, current);
                continue;
            }
            if (c == '-' && j + 1 < java.Length && java[j + 1] == '[') { current.Append(@"\-"); j++; continue; }
            current.Append(c);
            j++;
        }
        operands.Add(Operand(java, i, current, currentNegated));
        return (operands, negated, j);
    }

    private static (string Content, bool Negated) Operand(string java, int i, StringBuilder content, bool negated)
    {
        if (content.Length == 0) throw Error(java, i, "empty operand in a character class intersection");
        return (content.ToString(), negated);
    }

    /// <summary>Translates the escape at <paramref name="j"/> inside a class into <paramref name="current"/>.</summary>
    private static int ClassEscape(string java, int j, StringBuilder current)
    {
        if (j + 1 >= java.Length) throw Error(java, j, "trailing backslash");
        var e = java[j + 1];
        switch (e)
        {
            // Trino: \Q and \E are not supported in character classes and are treated as literals.
            case 'Q' or 'E':
                current.Append(e);
                return j + 2;
            case 'x' when j + 2 < java.Length && java[j + 2] == '{':
            {
                var (codePoint, next) = CodePoint(java, j);
                if (codePoint > 0xFFFF) throw Error(java, j, "code points above U+FFFF are not supported inside a character class");
                current.Append(@"\u").Append(codePoint.ToString("X4", CultureInfo.InvariantCulture));
                return next;
            }
            case 'p' or 'P':
            {
                var (name, next) = PropertyName(java, j);
                var set = Property(java, j, name);
                var single = set.StartsWith(@"\p{", StringComparison.Ordinal) && set.IndexOf('\\', 1) < 0;
                if (e == 'p') current.Append(set);
                else if (single) current.Append(@"\P").Append(set.AsSpan(2));
                else throw Error(java, j, $"\\P{{{name}}} is not supported inside a character class");
                return next;
            }
            case 'd': current.Append(Digit); return j + 2;
            case 'D': current.Append(NotDigit); return j + 2;
            case 'w': current.Append(Word); return j + 2;
            case 'W': current.Append(NotWord); return j + 2;
            case 's': current.Append(Space); return j + 2;
            case 'S': current.Append(NotSpace); return j + 2;
            case 'h': current.Append(HorizontalSpace); return j + 2;
            case 'v': current.Append(VerticalSpace); return j + 2;
            default:
                current.Append('\\').Append(e);
                return j + 2;
        }
    }

    private static ExecutionException Error(string java, int index, string message) =>
        new($"Invalid regular expression '{java}' at position {index + 1}: {message}");
}
